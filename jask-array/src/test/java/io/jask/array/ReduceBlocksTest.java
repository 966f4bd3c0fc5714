package io.jask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** reduceBlocks: partials of the reduction's own kind, merged in a tree along one axis, then finished. */
class ReduceBlocksTest {
  /** A partial that is no block: per column, the sum of the values above a threshold and how many there were. */
  record Above(double[] sums, long[] counts) {}

  /** Along axis 0: the mean of the values above {@code wholes[0][0]}, per column; counts how its partials are made. */
  record MeanAbove() implements BlockReduction<Above> {
    @Override
    public Above partial(NDArray block, BlockInfo where, NDArray[] wholes) {
      double threshold = wholes[0].getDouble(0);
      int rows = block.shape()[0];
      int cols = block.shape()[1];
      double[] sums = new double[cols];
      long[] counts = new long[cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double v = block.getDouble(i, j);
          if (v > threshold) {
            sums[j] += v;
            counts[j]++;
          }
        }
      }
      return new Above(sums, counts);
    }

    @Override
    public Above combine(List<Above> partials) {
      double[] sums = partials.get(0).sums().clone();
      long[] counts = partials.get(0).counts().clone();
      for (Above p : partials.subList(1, partials.size())) {
        for (int j = 0; j < sums.length; j++) {
          sums[j] += p.sums()[j];
          counts[j] += p.counts()[j];
        }
      }
      return new Above(sums, counts);
    }

    @Override
    public NDArray finish(Above partial, int[] shape) {
      double[] means = new double[partial.sums().length];
      for (int j = 0; j < means.length; j++) {
        means[j] = partial.sums()[j] / partial.counts()[j];
      }
      return NDArray.of(means, shape);
    }
  }

  private static final Array THRESHOLD = Array.fromNDArray(NDArray.of(new double[] {0.25}, 1), 1);

  private static double[] meanAboveByLoops(NDArray x, double threshold) {
    int rows = x.shape()[0];
    int cols = x.shape()[1];
    double[] means = new double[cols];
    for (int j = 0; j < cols; j++) {
      double s = 0;
      long n = 0;
      for (int i = 0; i < rows; i++) {
        if (x.getDouble(i, j) > threshold) {
          s += x.getDouble(i, j);
          n++;
        }
      }
      means[j] = s / n;
    }
    return means;
  }

  @Test
  void partialsOfTheirOwnKindAreMergedAlongTheAxisThenFinished() {
    Random random = new Random(7);
    for (int trial = 0; trial < 10; trial++) {
      int rows = 1 + random.nextInt(40);
      int cols = 1 + random.nextInt(12);
      int rowChunk = 1 + random.nextInt(rows);
      int colChunk = 1 + random.nextInt(cols);
      int splitEvery = 2 + random.nextInt(4);
      Array x = Array.random(new long[] {rows, cols}, new int[] {rowChunk, colChunk}, trial);
      Chunks out = Chunks.explicit(new long[] {1, cols}, new int[][] {{1}, x.chunks().sizes(1)});
      Array means = x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, out, splitEvery, THRESHOLD);

      assertThat(means.shape()).containsExactly(1, cols);
      assertThat(means.chunks().sizes(1)).containsExactly(x.chunks().sizes(1));
      double[] expected = meanAboveByLoops(x.compute(Schedulers.sync()), 0.25);
      assertThat(means.compute(Schedulers.threads()).toDoubleArray())
          .as("%dx%d in %dx%d chunks, split every %d", rows, cols, rowChunk, colChunk, splitEvery)
          .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void theTreeMergesAtMostSplitEveryPartialsPerTaskAndNamesItsTasksByTheReduction() {
    Array x = Array.random(new long[] {20, 4}, new int[] {2, 4}, 1);
    Chunks out = Chunks.explicit(new long[] {1, 4}, new int[][] {{1}, {4}});
    Array means = x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, out, 3, THRESHOLD);

    List<String> prefixes = means.graph().keys().stream().map(Key::name)
        .map(n -> n.substring(0, n.lastIndexOf('-'))).distinct().sorted().collect(Collectors.toList());
    assertThat(prefixes).contains("MeanAbove-partial", "MeanAbove-aggregate", "MeanAbove");
    // 10 partials, merged 3 at a time: 3 merges and the tenth passed on; then one merge of two
    // brings the four down to the three that the finishing task takes
    long merges = means.graph().keys().stream().filter(k -> k.name().startsWith("MeanAbove-aggregate")).count();
    assertThat(merges).isEqualTo(4);
    means.graph().forEach(t -> assertThat(t.dependencies().length).isLessThanOrEqualTo(3));
    // the same reduction of the same array has the same keys; another threshold array does not
    assertThat(x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, out, 3, THRESHOLD).name()).isEqualTo(means.name());
    Array other = Array.fromNDArray(NDArray.of(new double[] {0.5}, 1), 1);
    assertThat(x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, out, 3, other).name()).isNotEqualTo(means.name());
  }

  /**
   * The sum of the values above the threshold, from {@link MeanAbove}'s partials: finished straight
   * from the last level of the tree, which it records.
   */
  record SumAbove(int splitEvery) implements BlockReduction<Above> {
    @Override
    public Above partial(NDArray block, BlockInfo where, NDArray[] wholes) {
      throw new AssertionError("the partials are MeanAbove's");
    }

    @Override
    public Above combine(List<Above> partials) {
      throw new AssertionError("the merges are MeanAbove's");
    }

    @Override
    public NDArray finish(Above partial, int[] shape) {
      throw new AssertionError("finished from the list");
    }

    @Override
    public NDArray finish(List<Above> partials, int[] shape) {
      assertThat(partials).hasSizeBetween(1, splitEvery);
      double[] sums = new double[partials.get(0).sums().length];
      for (Above p : partials) {
        for (int j = 0; j < sums.length; j++) {
          sums[j] += p.sums()[j];
        }
      }
      return NDArray.of(sums, shape);
    }

    @Override
    public BlockReduction<Above> accumulation() {
      return new MeanAbove();
    }
  }

  @Test
  void reductionsThatDifferInTheirFinishOnlyShareTheirPartialAndMergingTasks() {
    Array x = Array.random(new long[] {20, 6}, new int[] {2, 3}, 3);
    Chunks out = Chunks.explicit(new long[] {1, 6}, new int[][] {{1}, {3, 3}});
    for (int splitEvery : new int[] {3, 16}) {
      Array means = x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, out, splitEvery, THRESHOLD);
      Array sums = x.reduceBlocks(0, new SumAbove(splitEvery), DType.FLOAT64, out, splitEvery, THRESHOLD);

      java.util.Set<Key> shared = means.graph().keys().stream().filter(k -> !k.name().equals(means.name()))
          .collect(Collectors.toSet());
      assertThat(sums.graph().keys()).containsAll(shared);
      assertThat(sums.name()).isNotEqualTo(means.name());
      // with 10 blocks along the axis and 16 at a time, the finishing task takes the partials themselves
      assertThat(shared.stream().anyMatch(k -> k.name().startsWith("MeanAbove-aggregate"))).isEqualTo(splitEvery == 3);

      NDArray both = means.multiply(sums).compute(Schedulers.threads());
      NDArray xs = x.compute(Schedulers.sync());
      double[] m = meanAboveByLoops(xs, 0.25);
      for (int j = 0; j < 6; j++) {
        double s = 0;
        for (int i = 0; i < 20; i++) {
          s += xs.getDouble(i, j) > 0.25 ? xs.getDouble(i, j) : 0;
        }
        assertThat(both.getDouble(0, j)).isCloseTo(m[j] * s, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }

  @Test
  void theLastLevelMergesOnlyAsManyAsTheFinishCannotTake() {
    // split every 4: 10 partials are merged as 4, 4 and two passed on, which the finish takes
    assertThat(ObjectReduction.groupSizes(10, 4)).containsExactly(4, 4, 1, 1);
    assertThat(ObjectReduction.groupSizes(11, 4)).containsExactly(4, 4, 2, 1);
    assertThat(ObjectReduction.groupSizes(5, 4)).containsExactly(2, 1, 1, 1);
    assertThat(ObjectReduction.groupSizes(16, 4)).containsExactly(4, 4, 4, 4);
    // more than splitEvery merges needed: a full level first
    assertThat(ObjectReduction.groupSizes(17, 4)).containsExactly(4, 4, 4, 4, 1);
    assertThat(ObjectReduction.groupSizes(4, 2)).containsExactly(2, 2);
    assertThat(ObjectReduction.groupSizes(3, 2)).containsExactly(2, 1);
    for (int s = 2; s <= 6; s++) {
      for (int n = s + 1; n <= s * s; n++) {
        int[] sizes = ObjectReduction.groupSizes(n, s);
        assertThat(sizes).as("%d split every %d", n, s).hasSize(s);
        assertThat(java.util.Arrays.stream(sizes).sum()).isEqualTo(n);
        assertThat(java.util.Arrays.stream(sizes).max().getAsInt()).isLessThanOrEqualTo(s);
      }
    }
  }

  @Test
  void badArgumentsAreNamed() {
    Array x = Array.random(new long[] {6, 4}, new int[] {3, 2}, 1);
    Chunks out = Chunks.explicit(new long[] {1, 4}, new int[][] {{1}, {2, 2}});
    assertThatThrownBy(() -> x.reduceBlocks(2, new MeanAbove(), DType.FLOAT64, out, 4, THRESHOLD))
        .hasMessageContaining("axis 2 outside 0..1");
    assertThatThrownBy(() -> x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, out, 1, THRESHOLD))
        .hasMessageContaining("splitEvery must be at least 2, got 1");
    Chunks wrong = Chunks.explicit(new long[] {1, 4}, new int[][] {{1}, {4}});
    assertThatThrownBy(() -> x.reduceBlocks(0, new MeanAbove(), DType.FLOAT64, wrong, 4, THRESHOLD))
        .hasMessageContaining("[1, 1] blocks per axis, where reducing axis 0 of [2, 2] leaves [1, 2]");
  }
}
