package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.array.BlockInfo;
import io.jask.array.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compact group sums against plain loops: chunks of shape (outer, steps, rows, length) grouped
 * along axis 1, some with NaN and some without, combined in a tree's order, and laid out as sums
 * then counts.
 */
class GroupSumsTest {
  static final int OUTER = 2;
  static final int STEPS = 7;
  static final int ROWS = 3;
  static final int LENGTH = 4;
  static final int GROUPS = 3;
  static final int[] SHAPE = {OUTER, STEPS, ROWS, LENGTH};

  /** Step t of chunk c belongs to group codes[c * STEPS + t]. */
  static int[] codes(int chunks, Random rnd) {
    int[] codes = new int[chunks * STEPS];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = rnd.nextInt(GROUPS);
    }
    return codes;
  }

  static double[] values(Random rnd, boolean withNaN) {
    double[] v = new double[OUTER * STEPS * ROWS * LENGTH];
    for (int i = 0; i < v.length; i++) {
      v[i] = withNaN && rnd.nextInt(5) == 0 ? Double.NaN : rnd.nextGaussian();
    }
    return v;
  }

  static GroupSums partial(double[] v, int chunk, int[] codes) {
    BlockInfo where = new BlockInfo(new int[] {0, chunk, 0, 0}, new long[] {0, (long) chunk * STEPS, 0, 0}, SHAPE);
    return GroupSums.of(ChunkRows.of(NDArray.of(v, SHAPE)), where, 1, codes, GROUPS);
  }

  @Test
  void sumsAndCountsMatchPlainLoopsWhicheverChunksHoldNaN() {
    for (int seed = 0; seed < 20; seed++) {
      Random rnd = new Random(seed);
      int chunks = 1 + rnd.nextInt(5);
      int[] codes = codes(chunks, rnd);
      int inner = ROWS * LENGTH;
      double[] sums = new double[OUTER * GROUPS * inner];
      double[] counts = new double[sums.length];
      List<GroupSums> parts = new ArrayList<>();
      for (int c = 0; c < chunks; c++) {
        double[] v = values(rnd, rnd.nextBoolean());
        parts.add(partial(v, c, codes));
        for (int o = 0; o < OUTER; o++) {
          for (int t = 0; t < STEPS; t++) {
            int g = codes[c * STEPS + t];
            for (int i = 0; i < inner; i++) {
              double x = v[(o * STEPS + t) * inner + i];
              if (!Double.isNaN(x)) {
                sums[(o * GROUPS + g) * inner + i] += x;
                counts[(o * GROUPS + g) * inner + i]++;
              }
            }
          }
        }
      }
      // combined as a tree would: the first two, then the rest with them
      GroupSums all = parts.size() <= 2 ? GroupSums.combine(parts)
          : GroupSums.combine(List.of(GroupSums.combine(parts.subList(0, 2)),
              GroupSums.combine(parts.subList(2, parts.size()))));
      int[] blockShape = {OUTER, 2 * GROUPS, ROWS, LENGTH};
      int[] statShape = {OUTER, GROUPS, ROWS, LENGTH};
      // the last level of a tree: merged partials, or the chunks' own
      for (List<GroupSums> last : List.of(List.of(all), parts)) {
        NDArray block = GroupSums.sumsAndCounts(last, blockShape);
        NDArray mean = GroupSums.finish(last, GroupBy.Stat.MEAN, statShape);
        NDArray sum = GroupSums.finish(last, GroupBy.Stat.SUM, statShape);
        NDArray count = GroupSums.finish(last, GroupBy.Stat.COUNT, statShape);
        assertThat(count.dtype()).isEqualTo(io.jask.array.DType.INT64);
        for (int o = 0; o < OUTER; o++) {
          for (int g = 0; g < GROUPS; g++) {
            for (int i = 0; i < inner; i++) {
              int r = i / LENGTH;
              int j = i % LENGTH;
              double s = sums[(o * GROUPS + g) * inner + i];
              double n = counts[(o * GROUPS + g) * inner + i];
              String at = String.format("seed %d, %d parts: group %d at %d/%d", seed, last.size(), g, o, i);
              assertThat(block.getDouble(o, g, r, j)).as("sum, " + at).isCloseTo(s, within(1e-12));
              assertThat(block.getDouble(o, GROUPS + g, r, j)).as("count, " + at).isEqualTo(n);
              assertThat(sum.getDouble(o, g, r, j)).as("sum, " + at).isCloseTo(s, within(1e-12));
              assertThat(count.getDouble(o, g, r, j)).as("count, " + at).isEqualTo(n);
              if (n == 0) {
                assertThat(mean.getDouble(o, g, r, j)).as("mean of no value, " + at).isNaN();
              } else {
                assertThat(mean.getDouble(o, g, r, j)).as("mean, " + at).isCloseTo(s / n, within(1e-12));
                // the same bits as the sums and counts side by side, divided
                assertThat(mean.getDouble(o, g, r, j)).as("mean, " + at)
                    .isEqualTo(block.getDouble(o, g, r, j) / block.getDouble(o, GROUPS + g, r, j));
              }
            }
          }
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }

  @Test
  void rowsWithoutNaNAreCountedPerRowAndThePartsAreLeftAsTheyWere() {
    Random rnd = new Random(1);
    int[] codes = codes(2, rnd);
    GroupSums whole = partial(values(rnd, false), 0, codes);
    assertThat(whole.counts()).as("no value-by-value counts while every row is whole").isNull();
    double[] withNaN = values(rnd, false);
    withNaN[5] = Double.NaN;
    GroupSums holed = partial(withNaN, 1, codes);
    assertThat(holed.counts()).isNotNull();

    double[] sumsBefore = whole.sums().clone();
    int[] rowsBefore = whole.wholeRows().clone();
    GroupSums both = GroupSums.combine(List.of(whole, holed));
    assertThat(whole.sums()).containsExactly(sumsBefore);
    assertThat(whole.wholeRows()).containsExactly(rowsBefore);
    assertThat(whole.counts()).isNull();
    assertThat(both.counts()).isNotNull();
    // a worker counts a partial by its arrays: a chunk without NaN weighs about half as much
    assertThat(io.jask.core.util.SizeOf.estimate(both)).isGreaterThan(16L * both.sums().length);
    assertThat(io.jask.core.util.SizeOf.estimate(whole)).isBetween(8L * whole.sums().length, 9L * whole.sums().length + 200);
  }

  @Test
  void aBlockOfTheWrongShapeOrAnotherStatisticIsRefused() {
    GroupSums p = partial(values(new Random(2), false), 0, codes(1, new Random(2)));
    assertThatThrownBy(() -> GroupSums.sumsAndCounts(List.of(p), new int[] {OUTER, GROUPS, ROWS, LENGTH}))
        .hasMessageContaining("the sums and counts of 3 groups over 2 x 12 values do not fill a block of shape [2, 3, 3, 4]");
    assertThatThrownBy(() -> GroupSums.finish(List.of(p), GroupBy.Stat.MEAN, new int[] {OUTER, 2 * GROUPS, ROWS, LENGTH}))
        .hasMessageContaining("the statistics of 3 groups over 2 x 12 values do not fill a block of shape [2, 6, 3, 4]");
    assertThatThrownBy(() -> GroupSums.finish(List.of(p), GroupBy.Stat.VAR, new int[] {OUTER, GROUPS, ROWS, LENGTH}))
        .hasMessageContaining("group sums finish into a mean, sum or count, not VAR");
  }
}
