package io.jask.xarray.netcdf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense block of values read from (or to be written to) a variable: a primitive array in
 * row-major (C) order, its shape and its NetCDF type.
 *
 * <p>The array is the Java primitive of the type's width: {@code byte[]} for BYTE, UBYTE and CHAR,
 * {@code short[]} for SHORT and USHORT, {@code int[]} for INT and UINT, {@code long[]} for INT64
 * and UINT64, {@code float[]}, {@code double[]}, and {@code String[]} for STRING. Unsigned values
 * keep their bits; {@link #getDouble(int)} and {@link #getLong(int)} read them as unsigned. The
 * slab owns its array and hands it out without copying: it is the block a task computes on.
 *
 * @param dtype the values' NetCDF type
 * @param shape the slab's extent per dimension (empty for a scalar)
 * @param data the primitive array holding {@code product(shape)} values
 */
public record Slab(DType dtype, int[] shape, Object data) {

  public Slab {
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    checkArrayType(dtype, data);
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
      }
      n *= s;
    }
    int length = java.lang.reflect.Array.getLength(data);
    if (n != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + n + " values but the array has " + length);
    }
  }

  /** A zero-filled slab of the given type and shape. */
  public static Slab allocate(DType dtype, int... shape) {
    int n = Math.toIntExact(product(shape));
    Object data =
        switch (dtype) {
          case BYTE, UBYTE, CHAR -> new byte[n];
          case SHORT, USHORT -> new short[n];
          case INT, UINT -> new int[n];
          case INT64, UINT64 -> new long[n];
          case FLOAT -> new float[n];
          case DOUBLE -> new double[n];
          case STRING -> new String[n];
        };
    return new Slab(dtype, shape, data);
  }

  public static Slab of(double[] data, int... shape) {
    return new Slab(DType.DOUBLE, shape, data);
  }

  public static Slab of(float[] data, int... shape) {
    return new Slab(DType.FLOAT, shape, data);
  }

  public static Slab of(int[] data, int... shape) {
    return new Slab(DType.INT, shape, data);
  }

  public static Slab of(short[] data, int... shape) {
    return new Slab(DType.SHORT, shape, data);
  }

  public static Slab of(long[] data, int... shape) {
    return new Slab(DType.INT64, shape, data);
  }

  public static Slab of(byte[] data, int... shape) {
    return new Slab(DType.BYTE, shape, data);
  }

  /**
   * The same array read as another type of the same width (BYTE as CHAR or UBYTE, INT as UINT,
   * ...), without copying.
   */
  public Slab withType(DType other) {
    return new Slab(other, shape, data);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** Number of values. */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** Value {@code i} (row-major) as a double; unsigned types as unsigned. */
  public double getDouble(int i) {
    return elementAsDouble(dtype, data, i);
  }

  /** Value {@code i} as a long; unsigned types as unsigned (UINT64 above 2^63 wraps). */
  public long getLong(int i) {
    return switch (dtype) {
      case BYTE, CHAR -> ((byte[]) data)[i];
      case UBYTE -> ((byte[]) data)[i] & 0xFF;
      case SHORT -> ((short[]) data)[i];
      case USHORT -> ((short[]) data)[i] & 0xFFFF;
      case INT -> ((int[]) data)[i];
      case UINT -> ((int[]) data)[i] & 0xFFFFFFFFL;
      case INT64, UINT64 -> ((long[]) data)[i];
      case FLOAT -> (long) ((float[]) data)[i];
      case DOUBLE -> (long) ((double[]) data)[i];
      case STRING -> throw new IllegalStateException("a string slab has no numbers");
    };
  }

  /** All values as a new double[] (unsigned types as unsigned). */
  public double[] toDoubleArray() {
    if (data instanceof double[] d) {
      return d.clone();
    }
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getDouble(i);
    }
    return out;
  }

  public double[] doubles() {
    return typed(double[].class);
  }

  public float[] floats() {
    return typed(float[].class);
  }

  public int[] ints() {
    return typed(int[].class);
  }

  public short[] shorts() {
    return typed(short[].class);
  }

  public long[] longs() {
    return typed(long[].class);
  }

  public byte[] bytes() {
    return typed(byte[].class);
  }

  public String[] strings() {
    return typed(String[].class);
  }

  private <T> T typed(Class<T> type) {
    if (!type.isInstance(data)) {
      throw new IllegalStateException(
          "slab holds " + dtype.cdlName() + " in " + data.getClass().getSimpleName() + ", not " + type.getSimpleName());
    }
    return type.cast(data);
  }

  static double elementAsDouble(DType dtype, Object data, int i) {
    return switch (dtype) {
      case BYTE, CHAR -> ((byte[]) data)[i];
      case UBYTE -> ((byte[]) data)[i] & 0xFF;
      case SHORT -> ((short[]) data)[i];
      case USHORT -> ((short[]) data)[i] & 0xFFFF;
      case INT -> ((int[]) data)[i];
      case UINT -> ((int[]) data)[i] & 0xFFFFFFFFL;
      case INT64 -> ((long[]) data)[i];
      case UINT64 -> unsignedToDouble(((long[]) data)[i]);
      case FLOAT -> ((float[]) data)[i];
      case DOUBLE -> ((double[]) data)[i];
      case STRING -> throw new IllegalStateException("a string has no numeric value");
    };
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
  }

  static void checkArrayType(DType dtype, Object data) {
    Objects.requireNonNull(data, "data");
    Class<?> expected =
        switch (dtype) {
          case BYTE, UBYTE, CHAR -> byte[].class;
          case SHORT, USHORT -> short[].class;
          case INT, UINT -> int[].class;
          case INT64, UINT64 -> long[].class;
          case FLOAT -> float[].class;
          case DOUBLE -> double[].class;
          case STRING -> String[].class;
        };
    if (data.getClass() != expected) {
      throw new IllegalArgumentException(
          dtype.cdlName() + " values belong in " + expected.getSimpleName() + ", not " + data.getClass().getSimpleName());
    }
  }

  static long product(int[] shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Slab s
        && dtype == s.dtype
        && Arrays.equals(shape, s.shape)
        && Objects.deepEquals(data, s.data);
  }

  @Override
  public int hashCode() {
    return 31 * dtype.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "Slab[" + dtype.cdlName() + " " + Arrays.toString(shape) + "]";
  }
}
