package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.scheduler.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked arrays against the same operations on whole NDArrays (themselves checked against loops). */
class ArrayTest {
  private static void assertClose(NDArray actual, NDArray expected) {
    assertThat(actual.shape()).containsExactly(expected.shape());
    assertThat(actual.dtype()).isEqualTo(expected.dtype());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(e[i])) {
        assertThat(a[i]).as("element %d", i).isNaN();
      } else {
        assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-9 * Math.max(1, Math.abs(e[i]))));
      }
    }
  }

  @Test
  void randomIsDeterministicPerBlockOnEveryScheduler() {
    Array x = Array.random(shape(30, 20), chunks(7, 6), 42);
    NDArray sync = x.compute(Schedulers.sync());
    NDArray threads = x.compute(Schedulers.threads());
    assertThat(threads).isEqualTo(sync);
    assertThat(Array.random(shape(30, 20), chunks(7, 6), 42).name()).isEqualTo(x.name());
    assertThat(Array.random(shape(30, 20), chunks(7, 6), 43).compute()).isNotEqualTo(sync);
    double[] v = sync.toDoubleArray();
    double mean = 0;
    for (double d : v) {
      assertThat(d).isBetween(0.0, 1.0);
      mean += d / v.length;
    }
    assertThat(mean).isCloseTo(0.5, within(0.05));
    // A block computed alone equals the same block of the whole.
    NDArray corner = x.slice(Slice.of(28, 30), Slice.of(18, 20)).compute();
    assertThat(corner).isEqualTo(sync.slice(Slice.of(28, 30), Slice.of(18, 20)).copy());
    assertThat(x.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(x.chunks().toString()).isEqualTo("((7, 7, 7, 7, 2), (6, 6, 6, 2))");
  }

  @Test
  void creationFunctions() {
    assertThat(Array.arange(10, 3).compute().toLongArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(Array.arange(0, 1, 0.25, 3).compute().toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75);
    assertThat(Array.linspace(0, 1, 5, 2).compute().toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
    assertThat(Array.full(shape(2, 3), chunks(1, 2), 7, DType.INT32).compute())
        .isEqualTo(NDArray.full(DType.INT32, 7, 2, 3));
    assertThat(Array.ones(shape(4), chunks(3)).sum().computeDouble()).isEqualTo(4);
    NDArray base = NDArray.arange(24).reshape(4, 6);
    assertThat(Array.fromNDArray(base, 3, 4).compute()).isEqualTo(base);
    Array gen = Array.fromFunction(info -> NDArray.full(DType.INT64, info.offset()[0] * 100 + info.offset()[1], info.shape()),
        Chunks.of(shape(4, 4), 2), DType.INT64);
    assertThat(gen.compute().toLongArray()).containsExactly(0, 0, 2, 2, 0, 0, 2, 2, 200, 200, 202, 202, 200, 200, 202, 202);
    NDArray normal = Array.randomNormal(shape(200, 100), chunks(50, 50), 1).compute();
    assertThat(normal.mean().getDouble()).isCloseTo(0, within(0.05));
    assertThat(normal.std().getDouble()).isCloseTo(1, within(0.05));
  }

  static NDArray block(Integer value, int[] shape) {
    return NDArray.full(DType.FLOAT64, value, shape);
  }

  @Test
  void fromDelayedBlocksChecksShapes() {
    List<Delayed<NDArray>> blocks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocks.add(Jask.delayed(ArrayTest::block, i, new int[] {2, 2}));
    }
    Array a = Array.fromBlocks(blocks, Chunks.of(shape(6, 2), 2, 2), DType.FLOAT64);
    assertThat(a.sum(1).compute().toDoubleArray()).containsExactly(0, 0, 2, 2, 4, 4);
    Array wrong = Array.fromBlocks(blocks, Chunks.explicit(shape(7, 2), new int[] {2, 2, 3}, new int[] {2}), DType.FLOAT64);
    assertThatThrownBy(wrong::compute).isInstanceOf(TaskFailedException.class)
        .hasStackTraceContaining("[2, 2] where the chunks say [3, 2]");
    assertThatThrownBy(() -> Array.fromBlocks(blocks, Chunks.of(shape(8, 2), 2, 2), DType.FLOAT64))
        .hasMessageContaining("3 delayed blocks").hasMessageContaining("4 blocks");
  }

  @Test
  void elementwiseBroadcastsAndUnifiesChunks() {
    Array x = Array.random(shape(12, 10), chunks(5, 4), 1);
    Array y = Array.random(shape(10), chunks(3), 2);
    Array col = Array.random(shape(12, 1), chunks(4, 1), 3);
    NDArray xs = x.compute();
    NDArray ys = y.compute();
    NDArray cs = col.compute();
    Array z = x.add(y).multiply(col).subtract(1.5).divide(x.add(1));
    assertClose(z.compute(), xs.add(ys).multiply(cs).subtract(1.5).divide(xs.add(1)));
    assertThat(z.shape()).containsExactly(12, 10);
    assertThat(x.add(y).chunks().sizes(1)).containsExactly(3, 1, 2, 2, 1, 1);
    Array top = x.slice(Slice.of(0, 10));
    NDArray topN = xs.slice(Slice.of(0, 10));
    assertClose(top.add(top.transpose().rechunk(3, 2)).compute(), topN.add(topN.transpose()));
    assertClose(y.broadcastTo(4, 10).add(top.slice(Slice.of(2, 6))).compute(),
        ys.broadcastTo(4, 10).add(topN.slice(Slice.of(2, 6))));
    assertClose(Array.where(x.gt(0.5), x, y.negate()).compute(),
        NDArray.where(xs.gt(0.5), xs, ys.negate()));
    assertClose(x.sqrt().exp().log().isnan().compute(), xs.sqrt().exp().log().isnan());
    assertClose(x.multiply(100).astype(DType.INT16).apply(BinaryOp.MOD, 7L, false).compute(),
        xs.multiply(100).astype(DType.INT16).apply(BinaryOp.MOD, 7L, false));
    assertThat(x.astype(DType.INT16).apply(BinaryOp.MOD, 7L, false).dtype()).isEqualTo(DType.INT16);
  }

  @Test
  void everyReductionAlongEveryAxisSetAndSplit() {
    SplittableRandom r = new SplittableRandom(5);
    double[] v = new double[9 * 8 * 7];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextDouble() * 4 - 2;
    }
    NDArray nd = NDArray.of(v, 9, 8, 7);
    NDArray clean = NDArray.where(nd.isnan(), NDArray.scalar(0.25), nd);
    Array withNaN = Array.fromNDArray(nd, 2, 3, 4);
    Array plain = Array.fromNDArray(clean, 4, 3, 2);
    int[][] axesSets = {{}, {0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1, 2}};
    for (ReduceOp op : ReduceOp.values()) {
      Array src = op.skipsNaN() ? withNaN : plain;
      NDArray whole = op.skipsNaN() ? nd : clean;
      for (int[] axes : axesSets) {
        if (op.isArg() && axes.length > 1) {
          continue;
        }
        for (int split : new int[] {2, 3, 8}) {
          for (boolean keep : new boolean[] {false, true}) {
            Array red = src.reduce(op, keep, split, axes);
            NDArray expected = whole.reduce(op, keep, axes);
            NDArray got = red.compute();
            assertThat(red.dtype()).as("%s %s", op, java.util.Arrays.toString(axes)).isEqualTo(expected.dtype());
            assertThat(red.shape()).hasSize(expected.ndim());
            assertClose(got, expected);
          }
        }
      }
    }
  }

  @Test
  void integerReductionsKeepNumpyDtypes() {
    NDArray base = NDArray.arange(40).reshape(5, 8).astype(DType.INT32);
    Array a = Array.fromNDArray(base, 2, 3);
    assertThat(a.sum(0).dtype()).isEqualTo(DType.INT64);
    assertThat(a.sum(0).compute()).isEqualTo(base.sum(0));
    assertThat(a.max(1).compute()).isEqualTo(base.max(1));
    assertThat(a.mean().computeDouble()).isEqualTo(19.5);
    assertThat(a.argmax(1).compute().toLongArray()).containsExactly(7, 7, 7, 7, 7);
    assertThat(a.argmin().compute().getLong()).isEqualTo(0);
    assertThat(a.gt(30).any().compute().getBoolean()).isTrue();
    assertThat(a.cumsum(1).compute()).isEqualTo(base.cumsum(1));
    assertThat(a.cumsum(0).compute()).isEqualTo(base.cumsum(0));
  }

  @Test
  void slicingPropertyAndOnlyNeededBlocks() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 150; trial++) {
      int nd = 1 + r.nextInt(3);
      int[] shape = new int[nd];
      int[] ch = new int[nd];
      for (int d = 0; d < nd; d++) {
        shape[d] = 1 + r.nextInt(12);
        ch[d] = 1 + r.nextInt(5);
      }
      NDArray base = NDArray.arange(NDArray.product(shape)).reshape(shape);
      Array a = Array.fromNDArray(base, ch);
      Slice[] slices = new Slice[r.nextInt(nd + 1)];
      for (int d = 0; d < slices.length; d++) {
        int n = shape[d];
        switch (r.nextInt(4)) {
          case 0 -> slices[d] = Slice.index(r.nextInt(2 * n) - n);
          case 1 -> slices[d] = Slice.all();
          default -> {
            long step = (1 + r.nextInt(4)) * (r.nextBoolean() ? 1 : -1);
            int lo = r.nextInt(n + 1);
            int hi = r.nextInt(n + 1);
            slices[d] = step > 0 ? Slice.of(Math.min(lo, hi), Math.max(lo, hi), step)
                : r.nextBoolean() ? Slice.step(step) : Slice.of(Math.max(lo, hi) - (Math.max(lo, hi) == n ? 1 : 0), Math.min(lo, hi), step);
          }
        }
      }
      NDArray expected = base.slice(slices);
      Array sliced = a.slice(slices);
      assertThat(sliced.shape()).as("%s of %s", java.util.Arrays.toString(slices), java.util.Arrays.toString(shape))
          .containsExactly(java.util.Arrays.stream(expected.shape()).asLongStream().toArray());
      assertThat(sliced.compute()).as("%s", java.util.Arrays.toString(slices)).isEqualTo(expected.copy());
    }
    // One element of a 100-block array reads one block.
    Array big = Array.random(shape(100, 100), chunks(10, 10), 3);
    Array one = big.slice(Slice.index(55), Slice.index(7));
    Graph culled = one.graph().cull(one.blockKeys());
    assertThat(culled.size()).isEqualTo(2);
    assertThat(culled.contains(big.blockKey(5, 0))).isTrue();
    assertThat(one.optimizedGraph().size()).isEqualTo(1); // the block and its slice, fused
    assertThat(one.compute().getDouble()).isEqualTo(big.compute().getDouble(55, 7));
  }

  @Test
  void rechunkPropertyKeepsEveryElement() {
    SplittableRandom r = new SplittableRandom(13);
    for (int trial = 0; trial < 60; trial++) {
      int nd = 1 + r.nextInt(3);
      long[] shape = new long[nd];
      int[] c1 = new int[nd];
      int[] c2 = new int[nd];
      for (int d = 0; d < nd; d++) {
        shape[d] = 1 + r.nextInt(15);
        c1[d] = 1 + r.nextInt(6);
        c2[d] = r.nextInt(5) == 0 ? -1 : 1 + r.nextInt(6);
      }
      Array a = Array.random(shape, c1, trial);
      Array b = a.rechunk(c2);
      assertThat(b.chunks()).isEqualTo(Chunks.of(shape, c2));
      assertThat(b.compute()).isEqualTo(a.compute());
    }
    int[][] explicit = {{1, 4, 2, 3}, {5, 5}};
    Array a = Array.random(shape(10, 10), chunks(3, 3), 1);
    assertThat(a.rechunk(Chunks.explicit(shape(10, 10), explicit)).compute()).isEqualTo(a.compute());
  }

  @Test
  void matmulTensordotConcatenateStack() {
    Array a = Array.random(shape(9, 7), chunks(4, 3), 1);
    Array b = Array.random(shape(7, 5), chunks(2, 5), 2);
    NDArray an = a.compute();
    NDArray bn = b.compute();
    assertClose(a.matmul(b).compute(), an.matmul(bn));
    Array t = Array.random(shape(4, 5, 6), chunks(2, 3, 4), 3);
    Array u = Array.random(shape(6, 5, 3), chunks(5, 2, 3), 4);
    assertClose(t.tensordot(u, new int[] {1, 2}, new int[] {1, 0}).compute(),
        t.compute().tensordot(u.compute(), new int[] {1, 2}, new int[] {1, 0}));
    assertClose(Array.concatenate(List.of(a, a.multiply(2), a.slice(Slice.of(0, 2))), 0).compute(),
        NDArray.concatenate(List.of(an, an.multiply(2), an.slice(Slice.of(0, 2))), 0));
    assertClose(Array.stack(List.of(a, a.rechunk(2, 2)), 1).compute(), NDArray.stack(List.of(an, an), 1));
    assertThatThrownBy(() -> a.matmul(a)).hasMessageContaining("[9, 7]").hasMessageContaining("axis 1 has 7, axis 0 has 9");
  }

  @Test
  void mapBlocksAndBlockwise() {
    Array a = Array.random(shape(10, 10), chunks(3, 4), 1);
    NDArray an = a.compute();
    assertClose(a.mapBlocks(blk -> blk.multiply(blk)).compute(), an.multiply(an));
    Array b = Array.random(shape(10), chunks(5), 2);
    assertClose(Array.blockwise(blocks -> blocks[0].subtract(blocks[1]), DType.FLOAT64, a, b).compute(),
        an.subtract(b.compute()));
    Array sums = a.mapBlocks(blk -> blk.sum(1).reshape(-1, 1), DType.FLOAT64,
        Chunks.explicit(shape(10, 3), a.chunks().sizes(0), new int[] {1, 1, 1}));
    assertThat(sums.compute().sum().getDouble()).isCloseTo(an.sum().getDouble(), within(1e-9));
    Array wrong = a.mapBlocks(blk -> blk.slice(Slice.of(0, 1)));
    assertThatThrownBy(wrong::compute).isInstanceOf(TaskFailedException.class).hasStackTraceContaining("where the chunks say");
  }

  @Test
  void storeWritesEveryBlockToARawFile(@TempDir Path dir) throws Exception {
    Array a = Array.random(shape(13, 11), chunks(4, 5), 9).multiply(1000).astype(DType.INT32);
    RawFileTarget target = RawFileTarget.of(dir.resolve("a.i4"), a);
    long bytes = a.store(target);
    assertThat(bytes).isEqualTo(13 * 11 * 4);
    assertThat(target.read()).isEqualTo(a.compute());
  }

  @Test
  void persistKeepsTheBlocksUnderTheSameKeys() {
    Array x = Array.random(shape(40, 40), chunks(10, 10), 5);
    Array p = x.persist();
    assertThat(p.name()).isEqualTo(x.name());
    for (Task t : p.graph()) {
      assertThat(t.isConstant()).isTrue();
    }
    assertThat(p.mean().computeDouble()).isEqualTo(x.mean().computeDouble());
    assertThat(p.add(p.transpose()).sum(0).compute()).isEqualTo(x.add(x.transpose()).sum(0).compute());
  }

  @Test
  void keysNameTheirOperationAndChainsFuse() {
    Array x = Array.random(shape(20, 20), chunks(10, 10), 1);
    Array y = x.add(1.0);
    assertThat(y.name()).startsWith("add-");
    assertThat(y.blockKey(1, 0).group()).isEqualTo("add");
    Array m = y.multiply(2.0).sqrt().sum();
    Set<String> groups = new HashSet<>();
    for (Key k : m.graph().keys()) {
      groups.add(k.group());
    }
    assertThat(groups).contains("random", "add", "multiply", "sqrt", "sum-partial", "sum-aggregate", "sum");
    Graph opt = m.optimizedGraph();
    // random -> add -> multiply -> sqrt -> sum-partial fuse into one task per block.
    assertThat(opt.size()).isEqualTo(4 + 1 + 1 - 1);
    assertThat(m.compute(Schedulers.sync()).getDouble()).isCloseTo(
        x.compute().add(1.0).multiply(2.0).sqrt().sum().getDouble(), within(1e-9));
  }

  @Test
  void blockwiseFusionMakesOneTaskPerBlockForMultiInputChains() {
    Array x = Array.random(shape(20, 30), chunks(10, 10), 1);
    Array y = Array.random(shape(20, 30), chunks(10, 10), 2);
    Array z = Array.random(shape(20, 30), chunks(10, 10), 3);
    Array v = Array.random(shape(20, 30), chunks(10, 10), 4);
    Array w = x.add(y).multiply(z).subtract(v.transpose().transpose());
    Graph opt = w.optimizedGraph();
    assertThat(opt.size()).isEqualTo(6);
    for (Task t : opt) {
      assertThat(t.key().name()).isEqualTo(w.name());
      assertThat(t.dependencyCount()).isZero();
    }
    NDArray xs = x.compute();
    assertClose(w.compute(), xs.add(y.compute()).multiply(z.compute()).subtract(v.compute()));
    // A row broadcast to every block row feeds two tasks per block: it stays a task of its own.
    Array row = Array.random(shape(30), chunks(10), 5);
    assertThat(x.add(y).multiply(row).optimizedGraph().size()).isEqualTo(6 + 3);
    // x + x.T: x's blocks feed two blocks each, so they stay separate tasks; transpose and add fuse.
    Array s = x.slice(Slice.all(), Slice.of(0, 20)).add(x.slice(Slice.all(), Slice.of(0, 20)).transpose()).sum(0);
    Graph g = s.optimizedGraph();
    Set<String> groups = new HashSet<>();
    for (Task t : g) {
      groups.add(t.key().group());
    }
    assertThat(groups).doesNotContain("transpose", "add");
    assertClose(s.compute(), xs.slice(Slice.all(), Slice.of(0, 20)).add(xs.slice(Slice.all(), Slice.of(0, 20)).transpose()).sum(0));
  }

  @Test
  void manyChunks() {
    Array x = Array.random(shape(600, 500), chunks(10, 10), 77);
    NDArray xs = x.compute();
    assertThat(x.numBlocks()).containsExactly(60, 50);
    assertClose(x.add(x.slice(Slice.index(0))).mean(0).compute(), xs.add(xs.slice(Slice.index(0))).mean(0));
    assertClose(x.std().compute(), xs.std());
    assertClose(x.slice(Slice.step(3), Slice.of(499, 0, -7)).var(1).compute(), xs.slice(Slice.step(3), Slice.of(499, 0, -7)).var(1));
    assertClose(x.argmax(0).compute(), xs.argmax(0));
    assertClose(x.rechunk(123, 77).cumsum(0).slice(Slice.index(-1)).compute(), xs.sum(0));
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> Chunks.explicit(shape(10), new int[] {3, 3, 3}))
        .hasMessageContaining("[3, 3, 3]").hasMessageContaining("add up to 9").hasMessageContaining("10");
    assertThatThrownBy(() -> Array.random(shape(10, 10), chunks(3, 0), 1)).hasMessageContaining("chunk size 0");
    assertThatThrownBy(() -> Array.random(shape(10, 10), chunks(3, 3, 3), 1)).hasMessageContaining("[3, 3, 3]")
        .hasMessageContaining("[10, 10]");
    Array x = Array.random(shape(10, 10), chunks(3, 3), 1);
    assertThatThrownBy(() -> x.add(Array.random(shape(4), chunks(2), 1)))
        .hasMessageContaining("[10, 10] and [4]");
    assertThatThrownBy(() -> x.sum(2)).hasMessageContaining("axis 2");
    assertThatThrownBy(() -> x.argmin(0, 1)).hasMessageContaining("one axis");
    assertThatThrownBy(() -> x.slice(Slice.of(0, 11))).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("stop 11").hasMessageContaining("length 10");
    assertThatThrownBy(() -> x.slice(Slice.all(), Slice.index(-11))).hasMessageContaining("index -11");
    assertThatThrownBy(() -> x.apply(BinaryOp.BITWISE_OR, x)).hasMessageContaining("bitwise_or")
        .hasMessageContaining("float64");
    assertThatThrownBy(() -> x.gt(0.5).subtract(x.gt(0.1))).hasMessageContaining("subtract").hasMessageContaining("bool");
    assertThatThrownBy(() -> x.rechunk(Chunks.of(shape(10, 11), 5))).hasMessageContaining("[10, 11]");
    assertThatThrownBy(() -> x.transpose(0, 0)).hasMessageContaining("repeated axis");
    assertThatThrownBy(() -> x.reduce(ReduceOp.SUM, false, 1)).hasMessageContaining("splitEvery");
    assertThatThrownBy(() -> Array.random(shape(100_000, 100_000), chunks(-1, -1), 1))
        .hasMessageContaining("at most 2^31");
  }
}
