package io.jask.xarray.netcdf;

import java.util.Arrays;

/**
 * The NetCDF C library's default fill values ({@code NC_FILL_*}): what unwritten values read as
 * when a variable has no {@code _FillValue} attribute.
 */
public final class FillValues {
  private FillValues() {}

  /** The default fill of {@code dtype} as a one-element primitive array of its slab type. */
  public static Object defaultFill(DType dtype) {
    return switch (dtype) {
      case BYTE -> new byte[] {(byte) -127};
      case CHAR -> new byte[] {0};
      case UBYTE -> new byte[] {(byte) 255};
      case SHORT -> new short[] {(short) -32767};
      case USHORT -> new short[] {(short) 65535};
      case INT -> new int[] {-2147483647};
      case UINT -> new int[] {(int) 4294967295L};
      case INT64 -> new long[] {-9223372036854775806L};
      case UINT64 -> new long[] {-2L}; // 18446744073709551614 as unsigned
      case FLOAT -> new float[] {9.9692099683868690e+36f};
      case DOUBLE -> new double[] {9.9692099683868690e+36};
      case STRING -> new String[] {""};
    };
  }

  /**
   * The fill of a variable: its {@code _FillValue} attribute converted to the variable's type,
   * or the default.
   */
  public static Object fillOf(Variable v) {
    return v.attributes().get("_FillValue").filter(a -> !a.isText() && a.length() >= 1)
        .map(a -> convert(v.dtype(), a.number(0)))
        .orElseGet(() -> defaultFill(v.dtype()));
  }

  /** {@code value} as a one-element primitive array of {@code dtype}'s slab type. */
  public static Object convert(DType dtype, double value) {
    return switch (dtype) {
      case BYTE, UBYTE, CHAR -> new byte[] {(byte) (long) value};
      case SHORT, USHORT -> new short[] {(short) (long) value};
      case INT, UINT -> new int[] {(int) (long) value};
      case INT64 -> new long[] {(long) value};
      case UINT64 -> new long[] {value >= 9.223372036854775807E18 ? (long) (value - 9.223372036854775807E18) ^ Long.MIN_VALUE : (long) value};
      case FLOAT -> new float[] {(float) value};
      case DOUBLE -> new double[] {value};
      case STRING -> new String[] {""};
    };
  }

  /** Fills {@code out[from, to)} (a slab array) with the single value in {@code fill}. */
  public static void fill(Object out, int from, int to, Object fill) {
    if (out instanceof byte[] a) Arrays.fill(a, from, to, ((byte[]) fill)[0]);
    else if (out instanceof short[] a) Arrays.fill(a, from, to, ((short[]) fill)[0]);
    else if (out instanceof int[] a) Arrays.fill(a, from, to, ((int[]) fill)[0]);
    else if (out instanceof long[] a) Arrays.fill(a, from, to, ((long[]) fill)[0]);
    else if (out instanceof float[] a) Arrays.fill(a, from, to, ((float[]) fill)[0]);
    else if (out instanceof double[] a) Arrays.fill(a, from, to, ((double[]) fill)[0]);
    else if (out instanceof String[] a) Arrays.fill(a, from, to, ((String[]) fill)[0]);
    else throw new IllegalArgumentException("not a slab array: " + out.getClass());
  }
}
