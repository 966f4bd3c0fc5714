package io.jask.xarray;

/**
 * Sums of rows with their NaN left out, for the reductions that add up whole rows. A row is first
 * summed as it is, with four running sums, since a single one waits on each addition in turn;
 * only a row whose sum comes out NaN is summed again, value by value, skipping NaN.
 */
final class RowSums {
  private RowSums() {}

  /** The sum of {@code v[0, n)} as it is: NaN if any value is NaN (or infinities of both signs). */
  static double plain(double[] v, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      s0 += v[j];
      s1 += v[j + 1];
      s2 += v[j + 2];
      s3 += v[j + 3];
    }
    for (; j < n; j++) {
      s0 += v[j];
    }
    return (s0 + s1) + (s2 + s3);
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
