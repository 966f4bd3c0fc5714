package io.jask.xarray.netcdf.hdf5;

/** {@link FloatPlanes} as a plain loop, one value at a time. */
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
