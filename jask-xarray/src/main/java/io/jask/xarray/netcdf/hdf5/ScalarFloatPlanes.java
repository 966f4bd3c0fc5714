package io.jask.xarray.netcdf.hdf5;

/** {@link FloatPlanes} as plain loops, one value at a time. */
final class ScalarFloatPlanes implements FloatPlanes {
  static final ScalarFloatPlanes INSTANCE = new ScalarFloatPlanes();

  private ScalarFloatPlanes() {}

  @Override
  public void widen(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill) {
    widen(s, p0, p1, p2, p3, out, 0, len, masked, fill);
  }

  @Override
  public void floats(byte[] s, int p0, int p1, int p2, int p3, float[] out, int len) {
    floats(s, p0, p1, p2, p3, out, 0, len);
  }

  @Override
  public boolean widenAdding(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked,
      float fill, double[] sums, int at) {
    widen(s, p0, p1, p2, p3, out, 0, len, masked, fill);
    return addSkippingNaN(out, 0, len, sums, at);
  }

  @Override
  public double widenSumming(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked,
      float fill) {
    widen(s, p0, p1, p2, p3, out, 0, len, masked, fill);
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 8 <= len; j += 8) {
      s0 += out[j];
      s1 += out[j + 1];
      s2 += out[j + 2];
      s3 += out[j + 3];
      s4 += out[j + 4];
      s5 += out[j + 5];
      s6 += out[j + 6];
      s7 += out[j + 7];
    }
    return sumOfEight(s0, s1, s2, s3, s4, s5, s6, s7, out, j, len);
  }

  /** The eight running sums combined, with {@code out[from, to)} added to the first one before. */
  static double sumOfEight(double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7,
      double[] out, int from, int to) {
    for (int j = from; j < to; j++) {
      s0 += out[j];
    }
    return ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
  }

  /** Adds {@code v[from, to)} that are not NaN to {@code sums} from {@code at + from}; whether none was NaN. */
  static boolean addSkippingNaN(double[] v, int from, int to, double[] sums, int at) {
    boolean whole = true;
    for (int j = from; j < to; j++) {
      double x = v[j];
      whole &= x == x;
      sums[at + j] += x == x ? x : 0;
    }
    return whole;
  }

  /** {@link #widen} for values {@code from .. to} only, into {@code out[from, to)}. */
  static void widen(byte[] s, int p0, int p1, int p2, int p3, double[] out, int from, int to, boolean masked,
      float fill) {
    if (masked) {
      for (int i = from; i < to; i++) {
        float f = value(s, p0 + i, p1 + i, p2 + i, p3 + i);
        out[i] = f == fill ? Double.NaN : f;
      }
    } else {
      for (int i = from; i < to; i++) {
        out[i] = value(s, p0 + i, p1 + i, p2 + i, p3 + i);
      }
    }
  }

  /** {@link #floats} for values {@code from .. to} only, into {@code out[from, to)}. */
  static void floats(byte[] s, int p0, int p1, int p2, int p3, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = value(s, p0 + i, p1 + i, p2 + i, p3 + i);
    }
  }

  private static float value(byte[] s, int b0, int b1, int b2, int b3) {
    return Float.intBitsToFloat((s[b0] & 0xFF) | (s[b1] & 0xFF) << 8 | (s[b2] & 0xFF) << 16 | s[b3] << 24);
  }
}
