package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.DType;
import java.nio.ByteOrder;

/**
 * Reads values straight out of a byte-shuffled chunk (HDF5's shuffle filter: byte plane {@code
 * k} holds byte {@code k} of every value), undoing the shuffle and the byte order in the same
 * pass that copies the values into a slab.
 */
final class ShuffledValues {
  private ShuffledValues() {}

  /**
   * Copies values {@code from .. from+len} of a shuffled chunk holding {@code n} values into
   * {@code out} from {@code at}.
   */
  static void copy(DType t, ByteOrder order, byte[] s, int n, int from, Object out, int at, int len) {
    boolean le = order == ByteOrder.LITTLE_ENDIAN;
    switch (t.size()) {
      case 1 -> System.arraycopy(s, from, out, at, len);
      case 2 -> {
        short[] o = (short[]) out;
        int p0 = le ? 0 : n;
        int p1 = le ? n : 0;
        for (int i = 0; i < len; i++) {
          int p = from + i;
          o[at + i] = (short) ((s[p0 + p] & 0xFF) | (s[p1 + p] << 8));
        }
      }
      case 4 -> {
        int p0 = le ? 0 : 3 * n;
        int p1 = le ? n : 2 * n;
        int p2 = le ? 2 * n : n;
        int p3 = le ? 3 * n : 0;
        if (out instanceof float[] o) {
          for (int i = 0; i < len; i++) {
            int p = from + i;
            o[at + i] = Float.intBitsToFloat(
                (s[p0 + p] & 0xFF) | (s[p1 + p] & 0xFF) << 8 | (s[p2 + p] & 0xFF) << 16 | s[p3 + p] << 24);
          }
        } else {
          int[] o = (int[]) out;
          for (int i = 0; i < len; i++) {
            int p = from + i;
            o[at + i] = (s[p0 + p] & 0xFF) | (s[p1 + p] & 0xFF) << 8 | (s[p2 + p] & 0xFF) << 16 | s[p3 + p] << 24;
          }
        }
      }
      case 8 -> {
        int[] plane = new int[8];
        for (int k = 0; k < 8; k++) {
          plane[k] = (le ? k : 7 - k) * n;
        }
        long[] longs = out instanceof long[] l ? l : null;
        double[] doubles = out instanceof double[] d ? d : null;
        for (int i = 0; i < len; i++) {
          int p = from + i;
          long v = 0;
          for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (s[plane[k] + p] & 0xFF);
          }
          if (longs != null) {
            longs[at + i] = v;
          } else {
            doubles[at + i] = Double.longBitsToDouble(v);
          }
        }
      }
      default -> throw new IllegalArgumentException("no shuffled values of " + t.size() + " bytes");
    }
  }
}
