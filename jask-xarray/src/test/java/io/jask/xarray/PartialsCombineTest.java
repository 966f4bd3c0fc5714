package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.array.Array;
import io.jask.array.BinaryOp;
import io.jask.array.NDArray;
import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Partials combined up to {@link PartialsCombine#FAN_IN} at a time, against plain loops over the
 * same values: sums, and NaN-skipping minima and maxima, for fewer parts than one step takes and
 * for more (a tree of steps), with NaN in the partials (groups a chunk has no value for).
 */
class PartialsCombineTest {
  @Test
  void combinesLikePlainLoops() {
    for (int count : new int[] {1, 2, 10, PartialsCombine.FAN_IN, PartialsCombine.FAN_IN + 1, 40}) {
      Random rnd = new Random(count);
      List<double[]> values = new ArrayList<>();
      List<Array> parts = new ArrayList<>();
      for (int p = 0; p < count; p++) {
        double[] v = new double[6 * 5];
        for (int i = 0; i < v.length; i++) {
          v[i] = rnd.nextInt(8) == 0 ? Double.NaN : rnd.nextGaussian();
        }
        values.add(v);
        parts.add(Array.fromNDArray(NDArray.of(v, 6, 5), 3, 5));
      }
      for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.FMIN, BinaryOp.FMAX}) {
        double[] got = PartialsCombine.combine(parts, op).compute(Schedulers.threads()).toDoubleArray();
        for (int i = 0; i < 30; i++) {
          double want = values.get(0)[i];
          for (int p = 1; p < count; p++) {
            double x = values.get(p)[i];
            want = switch (op) {
              case ADD -> want + x;
              case FMIN -> want != want ? x : x != x ? want : Math.min(want, x);
              default -> want != want ? x : x != x ? want : Math.max(want, x);
            };
          }
          assertThat(got[i]).as(count + " parts, " + op + ", element " + i).isCloseTo(want,
              org.assertj.core.data.Offset.offset(1e-12));
          if (want != want) {
            assertThat(got[i]).as(count + " parts, " + op + ", element " + i).isNaN();
          }
        }
      }
    }
  }

  @Test
  void theInputsAreLeftAsTheyWere() {
    double[] a = {1, 2, 3};
    NDArray block = NDArray.of(a, 3);
    new PartialsCombine(BinaryOp.ADD).apply(block, NDArray.of(new double[] {10, 20, 30}, 3));
    assertThat(a).containsExactly(1, 2, 3);
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> new PartialsCombine(BinaryOp.MULTIPLY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add, fmin or fmax");
    assertThatThrownBy(() -> new PartialsCombine(BinaryOp.ADD).apply(NDArray.of(new double[] {1, 2}, 2),
        NDArray.of(new double[] {1, 2, 3}, 3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2] and [3]");
  }
}
