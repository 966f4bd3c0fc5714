package io.jask.xarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Row sums keep the order the fused float kernels promise (value {@code i} into running sum
 * {@code i % 8}, the tail into sum 0), so a row sums to the same bits whichever way it is read;
 * the NaN-skipping helpers agree with plain loops.
 */
class RowSumsTest {
  @Test
  void plainSumsInEightRunningSumsAndSkippingHelpersLeaveNaNOut() {
    Random rnd = new Random(7);
    for (int n = 0; n <= 40; n++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextInt(6) == 0 ? Double.NaN : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 6);
      }
      double[] t = new double[8];
      int whole = n / 8 * 8;
      for (int i = 0; i < n; i++) {
        t[i < whole ? i % 8 : 0] += v[i];
      }
      double expected = ((t[0] + t[4]) + (t[1] + t[5])) + ((t[2] + t[6]) + (t[3] + t[7]));
      assertThat(Double.doubleToLongBits(RowSums.plain(v, n))).as("%d values", n)
          .isEqualTo(Double.doubleToLongBits(expected));

      double skipping = 0;
      int valid = 0;
      double[] sums = new double[n + 1];
      double[] added = new double[n + 1];
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(v[i])) {
          skipping += v[i];
          valid++;
          added[i + 1] = v[i];
        }
      }
      assertThat(RowSums.skippingNaN(v, n)).isEqualTo(skipping);
      assertThat(RowSums.countValid(v, n)).isEqualTo(valid);
      assertThat(RowSums.addSkippingNaN(v, n, sums, 1)).isEqualTo(valid == n);
      assertThat(sums).isEqualTo(added);
    }
  }
}
