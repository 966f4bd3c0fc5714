package io.jask.xarray;

/**
 * Sums of rows with their NaN left out, for the reductions that add up whole rows. A row is first
 * summed as it is, with eight running sums, since a single one waits on each addition in turn;
 * only a row whose sum comes out NaN is summed again, value by value, skipping NaN. The order of
 * the additions is the one of {@link io.jask.xarray.netcdf.ChunkValues.Floats#copyWidenedSumming},
 * so a row gives the same sum read either way.
 */
final class RowSums {
  private RowSums() {}

  /** The sum of {@code v[0, n)} as it is: NaN if any value is NaN (or infinities of both signs). */
  static double plain(double[] v, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      s0 += v[j];
      s1 += v[j + 1];
      s2 += v[j + 2];
      s3 += v[j + 3];
      s4 += v[j + 4];
      s5 += v[j + 5];
      s6 += v[j + 6];
      s7 += v[j + 7];
    }
    for (; j < n; j++) {
      s0 += v[j];
    }
    return ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
  }

  /** Adds the non-NaN values of {@code v[0, n)} to {@code sums} from {@code at}; whether none was NaN. */
  static boolean addSkippingNaN(double[] v, int n, double[] sums, int at) {
    boolean whole = true;
    for (int j = 0; j < n; j++) {
      double x = v[j];
      whole &= x == x;
      sums[at + j] += x == x ? x : 0;
    }
    return whole;
  }

  /** The sum of the non-NaN values of {@code v[0, n)}. */
  static double skippingNaN(double[] v, int n) {
    double s = 0;
    for (int j = 0; j < n; j++) {
      double x = v[j];
      if (x == x) {
        s += x;
      }
    }
    return s;
  }

  /** How many of {@code v[0, n)} are not NaN. */
  static int countValid(double[] v, int n) {
    int c = 0;
    for (int j = 0; j < n; j++) {
      if (v[j] == v[j]) {
        c++;
      }
    }
    return c;
  }
}
