package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shape of reduction trees: how many partial results a node merges, and what they sum to. */
class TreeReductionTest {
  @Test
  void aNodeUsesItsWholeFanInAcrossTheReducedAxes() {
    // Two blocks per axis would use 4 of the 8; 4 x 2 leaves 3 x 5 nodes instead of 5 x 5.
    assertThat(TreeReduction.fanIn(new int[] {10, 10}, new boolean[] {true, true}, 8)).containsExactly(4, 2);
    assertThat(TreeReduction.fanIn(new int[] {10}, new boolean[] {true}, 8)).containsExactly(5);
    assertThat(TreeReduction.fanIn(new int[] {10, 7}, new boolean[] {false, true}, 8)).containsExactly(1, 7);
  }

  @Test
  void aMeanOfTenByTenBlocksMergesInThreeLevels() {
    Array m = Array.random(shape(100, 100), chunks(10, 10), 3).mean();
    List<String> aggregates = new ArrayList<>();
    for (Key k : m.graph().keys()) {
      if (k.group().equals("mean-aggregate")) {
        aggregates.add(k.name());
      }
    }
    // 15 + 3 + 1 merges, rather than 25 + 9 + 4 + 1 with two blocks per axis.
    assertThat(aggregates).hasSize(19);
    assertThat(aggregates.stream().distinct().count()).isEqualTo(3);
  }

  @Test
  void everyLevelStaysWithinTheFanInAndLeavesFewerNodes() {
    SplittableRandom random = new SplittableRandom(20);
    for (int trial = 0; trial < 2000; trial++) {
      int nd = 1 + random.nextInt(4);
      int[] grid = new int[nd];
      boolean[] reduced = new boolean[nd];
      boolean any = false;
      for (int d = 0; d < nd; d++) {
        grid[d] = 1 + random.nextInt(30);
        reduced[d] = random.nextBoolean();
        any |= reduced[d] && grid[d] > 1;
      }
      if (!any) {
        continue;
      }
      int splitEvery = 2 + random.nextInt(40);
      int[] fan = TreeReduction.fanIn(grid, reduced, splitEvery);
      long inAll = 1;
      long before = 1;
      long after = 1;
      for (int d = 0; d < nd; d++) {
        assertThat(fan[d]).isBetween(1, reduced[d] ? grid[d] : 1);
        inAll *= fan[d];
        before *= reduced[d] ? grid[d] : 1;
        after *= reduced[d] ? (grid[d] + fan[d] - 1) / fan[d] : 1;
      }
      assertThat(inAll).as("fan-in of %s on %s", java.util.Arrays.toString(fan), java.util.Arrays.toString(grid))
          .isLessThanOrEqualTo(splitEvery);
      assertThat(after).isLessThan(before);
    }
  }

  @Test
  void sumsOverAnyAxesMatchPlainLoops() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 40; trial++) {
      int[] shape = {1 + random.nextInt(9), 1 + random.nextInt(9), 1 + random.nextInt(9)};
      int[] chunk = {1 + random.nextInt(3), 1 + random.nextInt(3), 1 + random.nextInt(3)};
      List<Integer> axes = new ArrayList<>();
      for (int d = 0; d < 3; d++) {
        if (random.nextBoolean()) {
          axes.add(d);
        }
      }
      if (axes.isEmpty()) {
        axes.add(random.nextInt(3));
      }
      int splitEvery = 2 + random.nextInt(10);
      double[] values = new double[shape[0] * shape[1] * shape[2]];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextDouble(-1, 1);
      }
      Array x = Array.fromNDArray(NDArray.wrap(DType.FLOAT64, values, shape), chunk);
      int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
      double[] got = x.reduce(ReduceOp.SUM, true, splitEvery, ax).compute(Schedulers.sync()).toDoubleArray();

      int[] out = shape.clone();
      for (int d : ax) {
        out[d] = 1;
      }
      double[] expected = new double[out[0] * out[1] * out[2]];
      for (int i = 0; i < shape[0]; i++) {
        for (int j = 0; j < shape[1]; j++) {
          for (int k = 0; k < shape[2]; k++) {
            int oi = out[0] == 1 ? 0 : i;
            int oj = out[1] == 1 ? 0 : j;
            int ok = out[2] == 1 ? 0 : k;
            expected[(oi * out[1] + oj) * out[2] + ok] += values[(i * shape[1] + j) * shape[2] + k];
          }
        }
      }
      assertThat(got).hasSize(expected.length);
      for (int i = 0; i < expected.length; i++) {
        assertThat(got[i]).as("trial %d, element %d", trial, i).isCloseTo(expected[i], within(1e-9));
      }
    }
  }
}
