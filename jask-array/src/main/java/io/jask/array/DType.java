package io.jask.array;

import java.util.Locale;

/**
 * The element types of an {@link NDArray}, named as NumPy names them. Each is stored in one Java
 * primitive array: {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code
 * short[]}, {@code byte[]} (int8, and uint8 read as unsigned) and {@code boolean[]}.
 */
public enum DType {
  FLOAT64("float64", 8),
  FLOAT32("float32", 4),
  INT64("int64", 8),
  INT32("int32", 4),
  INT16("int16", 2),
  INT8("int8", 1),
  UINT8("uint8", 1),
  BOOL("bool", 1);

  /** NumPy's {@code result_type} for two array dtypes, indexed by ordinal. */
  private static final DType[][] PROMOTE = {
    {FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64},
    {FLOAT64, FLOAT32, FLOAT64, FLOAT64, FLOAT32, FLOAT32, FLOAT32, FLOAT32},
    {FLOAT64, FLOAT64, INT64, INT64, INT64, INT64, INT64, INT64},
    {FLOAT64, FLOAT64, INT64, INT32, INT32, INT32, INT32, INT32},
    {FLOAT64, FLOAT32, INT64, INT32, INT16, INT16, INT16, INT16},
    {FLOAT64, FLOAT32, INT64, INT32, INT16, INT8, INT16, INT8},
    {FLOAT64, FLOAT32, INT64, INT32, INT16, INT16, UINT8, UINT8},
    {FLOAT64, FLOAT32, INT64, INT32, INT16, INT8, UINT8, BOOL},
  };

  private final String numpyName;
  private final int itemSize;

  DType(String numpyName, int itemSize) {
    this.numpyName = numpyName;
    this.itemSize = itemSize;
  }

  /** NumPy's name: {@code "float64"}, {@code "uint8"}, {@code "bool"}. */
  public String numpyName() {
    return numpyName;
  }

  /** Bytes per element (a boolean counts one). */
  public int itemSize() {
    return itemSize;
  }

  /** Whether this is float64 or float32. */
  public boolean isFloat() {
    return this == FLOAT64 || this == FLOAT32;
  }

  /** Whether this is one of the integer types (not bool). */
  public boolean isInteger() {
    return !isFloat() && this != BOOL;
  }

  /** The dtype NumPy gives an operation on arrays of {@code a} and {@code b}. */
  public static DType promote(DType a, DType b) {
    return PROMOTE[a.ordinal()][b.ordinal()];
  }

  /**
   * The dtype of NumPy's name for it ({@code "float64"}, also {@code "f8"}, {@code "double"},
   * {@code "i4"}, {@code "u1"}, {@code "?"}).
   *
   * @throws IllegalArgumentException naming the value and the supported names
   */
  public static DType of(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "float64", "f8", "double", "<f8": return FLOAT64;
      case "float32", "f4", "float", "<f4": return FLOAT32;
      case "int64", "i8", "long", "<i8": return INT64;
      case "int32", "i4", "int", "<i4": return INT32;
      case "int16", "i2", "short", "<i2": return INT16;
      case "int8", "i1", "byte", "|i1": return INT8;
      case "uint8", "u1", "|u1": return UINT8;
      case "bool", "?", "boolean", "|b1", "b1": return BOOL;
      default:
        throw new IllegalArgumentException("unsupported dtype '" + name
            + "': use float64, float32, int64, int32, int16, int8, uint8 or bool");
    }
  }

  /** The dtype floating-point functions (sqrt, exp, mean) give for this input dtype. */
  DType floatResult() {
    return switch (this) {
      case FLOAT32, INT16, INT8, UINT8, BOOL -> FLOAT32;
      default -> FLOAT64;
    };
  }

  /** The dtype of sum, prod and cumsum (NumPy widens small integers and bools to int64). */
  DType sumResult() {
    return isFloat() ? this : INT64;
  }

  /** A fresh zeroed Java array for {@code n} elements of this dtype. */
  Object allocate(int n) {
    return switch (this) {
      case FLOAT64 -> new double[n];
      case FLOAT32 -> new float[n];
      case INT64 -> new long[n];
      case INT32 -> new int[n];
      case INT16 -> new short[n];
      case INT8, UINT8 -> new byte[n];
      case BOOL -> new boolean[n];
    };
  }

  @Override
  public String toString() {
    return numpyName;
  }
}
