package io.jask.xarray.netcdf;

import java.nio.ByteBuffer;

/** Bulk decoding of raw bytes (in the buffer's byte order) into a slab's primitive array. */
public final class Decode {
  private Decode() {}

  /** Decodes {@code n} values from {@code b}'s position into {@code out} from {@code at}. */
  public static void into(DType dtype, ByteBuffer b, Object out, int at, int n) {
    switch (dtype) {
      case BYTE, UBYTE, CHAR -> b.get((byte[]) out, at, n);
      case SHORT, USHORT -> b.asShortBuffer().get((short[]) out, at, n);
      case INT, UINT -> b.asIntBuffer().get((int[]) out, at, n);
      case INT64, UINT64 -> b.asLongBuffer().get((long[]) out, at, n);
      case FLOAT -> b.asFloatBuffer().get((float[]) out, at, n);
      case DOUBLE -> b.asDoubleBuffer().get((double[]) out, at, n);
      case STRING -> throw new IllegalArgumentException("strings are not stored as fixed-size values");
    }
  }

  /**
   * Decodes {@code n} values starting at value index {@code from} of {@code b} (absolute, the
   * buffer's position is not moved) into {@code out} from {@code at}.
   */
  public static void at(DType dtype, ByteBuffer b, int from, Object out, int at, int n) {
    switch (dtype) {
      case BYTE, UBYTE, CHAR -> b.get(from, (byte[]) out, at, n);
      case SHORT, USHORT -> b.asShortBuffer().get(from, (short[]) out, at, n);
      case INT, UINT -> b.asIntBuffer().get(from, (int[]) out, at, n);
      case INT64, UINT64 -> b.asLongBuffer().get(from, (long[]) out, at, n);
      case FLOAT -> b.asFloatBuffer().get(from, (float[]) out, at, n);
      case DOUBLE -> b.asDoubleBuffer().get(from, (double[]) out, at, n);
      case STRING -> throw new IllegalArgumentException("strings are not stored as fixed-size values");
    }
  }
}
