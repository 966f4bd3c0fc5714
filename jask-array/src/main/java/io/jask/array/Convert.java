package io.jask.array;

/**
 * Reading, writing and converting elements of every dtype. Each bulk operation switches on the
 * dtype once per row, never per element.
 */
final class Convert {
  private Convert() {}

  static double readDouble(DType t, Object data, int p) {
    return switch (t) {
      case FLOAT64 -> ((double[]) data)[p];
      case FLOAT32 -> ((float[]) data)[p];
      case INT64 -> ((long[]) data)[p];
      case INT32 -> ((int[]) data)[p];
      case INT16 -> ((short[]) data)[p];
      case INT8 -> ((byte[]) data)[p];
      case UINT8 -> ((byte[]) data)[p] & 0xFF;
      case BOOL -> ((boolean[]) data)[p] ? 1 : 0;
    };
  }

  static long readLong(DType t, Object data, int p) {
    return switch (t) {
      case FLOAT64 -> (long) ((double[]) data)[p];
      case FLOAT32 -> (long) ((float[]) data)[p];
      case INT64 -> ((long[]) data)[p];
      case INT32 -> ((int[]) data)[p];
      case INT16 -> ((short[]) data)[p];
      case INT8 -> ((byte[]) data)[p];
      case UINT8 -> ((byte[]) data)[p] & 0xFF;
      case BOOL -> ((boolean[]) data)[p] ? 1 : 0;
    };
  }

  /** Sets {@code data[from, to)} to {@code value} converted to {@code t}. */
  static void fill(DType t, Object data, int from, int to, double value) {
    switch (t) {
      case FLOAT64 -> java.util.Arrays.fill((double[]) data, from, to, value);
      case FLOAT32 -> java.util.Arrays.fill((float[]) data, from, to, (float) value);
      case INT64 -> java.util.Arrays.fill((long[]) data, from, to, (long) value);
      case INT32 -> java.util.Arrays.fill((int[]) data, from, to, (int) (long) value);
      case INT16 -> java.util.Arrays.fill((short[]) data, from, to, (short) (long) value);
      case INT8, UINT8 -> java.util.Arrays.fill((byte[]) data, from, to, (byte) (long) value);
      case BOOL -> java.util.Arrays.fill((boolean[]) data, from, to, value != 0);
    }
  }

  /** The elements of {@code a}, row-major, as doubles. */
  static double[] readDoubles(NDArray a) {
    double[] out = new double[a.size];
    if (a.dtype == DType.FLOAT64 && a.isContiguous()) {
      System.arraycopy(a.data, 0, out, 0, a.size);
      return out;
    }
    Object src = a.data;
    DType t = a.dtype;
    Strided.forEachRow(a.shape, new int[][] {a.strides, Strided.contiguousStrides(a.shape)},
        new int[] {a.offset, 0}, (off, n, step) -> {
          int i = off[0];
          int o = off[1];
          int s = step[0];
          int so = step[1];
          switch (t) {
            case FLOAT64 -> { double[] d = (double[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case FLOAT32 -> { float[] d = (float[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT64 -> { long[] d = (long[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT32 -> { int[] d = (int[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT16 -> { short[] d = (short[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT8 -> { byte[] d = (byte[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case UINT8 -> { byte[] d = (byte[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s] & 0xFF; } }
            case BOOL -> { boolean[] d = (boolean[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s] ? 1 : 0; } }
          }
        });
    return out;
  }

  /** The elements of {@code a}, row-major, as longs (floats truncate toward zero). */
  static long[] readLongs(NDArray a) {
    long[] out = new long[a.size];
    Object src = a.data;
    DType t = a.dtype;
    Strided.forEachRow(a.shape, new int[][] {a.strides, Strided.contiguousStrides(a.shape)},
        new int[] {a.offset, 0}, (off, n, step) -> {
          int i = off[0];
          int o = off[1];
          int s = step[0];
          int so = step[1];
          switch (t) {
            case FLOAT64 -> { double[] d = (double[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = (long) d[i + k * s]; } }
            case FLOAT32 -> { float[] d = (float[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = (long) d[i + k * s]; } }
            case INT64 -> { long[] d = (long[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT32 -> { int[] d = (int[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT16 -> { short[] d = (short[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case INT8 -> { byte[] d = (byte[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s]; } }
            case UINT8 -> { byte[] d = (byte[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s] & 0xFF; } }
            case BOOL -> { boolean[] d = (boolean[]) src; for (int k = 0; k < n; k++) { out[o + k * so] = d[i + k * s] ? 1 : 0; } }
          }
        });
    return out;
  }

  /** A contiguous array of {@code t} holding {@code v} converted. */
  static NDArray fromDoubles(double[] v, int[] shape, DType t) {
    int n = v.length;
    Object out;
    switch (t) {
      case FLOAT64 -> out = v;
      case FLOAT32 -> { float[] o = new float[n]; for (int k = 0; k < n; k++) { o[k] = (float) v[k]; } out = o; }
      case BOOL -> { boolean[] o = new boolean[n]; for (int k = 0; k < n; k++) { o[k] = v[k] != 0; } out = o; }
      default -> {
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
          l[k] = (long) v[k];
        }
        return fromLongs(l, shape, t);
      }
    }
    return NDArray.wrap(t, out, shape);
  }

  /** A contiguous array of {@code t} holding {@code v} converted (integers wrap around). */
  static NDArray fromLongs(long[] v, int[] shape, DType t) {
    int n = v.length;
    Object out;
    switch (t) {
      case INT64 -> out = v;
      case INT32 -> { int[] o = new int[n]; for (int k = 0; k < n; k++) { o[k] = (int) v[k]; } out = o; }
      case INT16 -> { short[] o = new short[n]; for (int k = 0; k < n; k++) { o[k] = (short) v[k]; } out = o; }
      case INT8, UINT8 -> { byte[] o = new byte[n]; for (int k = 0; k < n; k++) { o[k] = (byte) v[k]; } out = o; }
      case BOOL -> { boolean[] o = new boolean[n]; for (int k = 0; k < n; k++) { o[k] = v[k] != 0; } out = o; }
      case FLOAT64 -> { double[] o = new double[n]; for (int k = 0; k < n; k++) { o[k] = v[k]; } out = o; }
      case FLOAT32 -> { float[] o = new float[n]; for (int k = 0; k < n; k++) { o[k] = v[k]; } out = o; }
      default -> throw new AssertionError(t);
    }
    return NDArray.wrap(t, out, shape);
  }

  static NDArray astype(NDArray a, DType target) {
    int[] shape = a.shape.clone();
    if (target.isFloat() || (target == DType.BOOL && a.dtype.isFloat())) {
      return fromDoubles(readDoubles(a), shape, target);
    }
    return fromLongs(readLongs(a), shape, target);
  }

  /** Copies {@code a}'s elements row-major into {@code out}, a fresh array of its dtype and size. */
  static void copyInto(NDArray a, Object out) {
    assign(NDArray.wrap(a.dtype, out, a.shape.clone()), a);
  }

  /** Writes {@code src} into the view {@code dest} (same dtype and shape). */
  static void assign(NDArray dest, NDArray src) {
    Object d = dest.data;
    Object s = src.data;
    Strided.forEachRow(dest.shape, new int[][] {dest.strides, src.strides}, new int[] {dest.offset, src.offset},
        (off, n, step) -> {
          int o = off[0];
          int i = off[1];
          int so = step[0];
          int si = step[1];
          if (so == 1 && si == 1) {
            System.arraycopy(s, i, d, o, n);
            return;
          }
          switch (dest.dtype) {
            case FLOAT64 -> { double[] a = (double[]) d; double[] b = (double[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
            case FLOAT32 -> { float[] a = (float[]) d; float[] b = (float[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
            case INT64 -> { long[] a = (long[]) d; long[] b = (long[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
            case INT32 -> { int[] a = (int[]) d; int[] b = (int[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
            case INT16 -> { short[] a = (short[]) d; short[] b = (short[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
            case INT8, UINT8 -> { byte[] a = (byte[]) d; byte[] b = (byte[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
            case BOOL -> { boolean[] a = (boolean[]) d; boolean[] b = (boolean[]) s; for (int k = 0; k < n; k++) { a[o + k * so] = b[i + k * si]; } }
          }
        });
  }

  /** Whether two arrays of one dtype and shape hold the same elements; NaN equals NaN. */
  static boolean sameElements(NDArray a, NDArray b) {
    if (a.dtype.isFloat()) {
      double[] x = readDoubles(a);
      double[] y = readDoubles(b);
      for (int k = 0; k < x.length; k++) {
        if (Double.doubleToLongBits(x[k]) != Double.doubleToLongBits(y[k]) && x[k] != y[k]) {
          return false;
        }
      }
      return true;
    }
    return java.util.Arrays.equals(readLongs(a), readLongs(b));
  }
}
