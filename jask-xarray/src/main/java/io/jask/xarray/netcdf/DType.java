package io.jask.xarray.netcdf;

/**
 * The external (on-disk) data types of NetCDF, with the Java primitive that holds each in a
 * {@link Slab}. Unsigned types are held in the signed primitive of the same width and must be
 * read through {@link Slab#getDouble(int)} or {@link Slab#getLong(int)} to get their value.
 */
public enum DType {
  BYTE(1, 1, "byte", false),
  CHAR(2, 1, "char", false),
  SHORT(3, 2, "short", false),
  INT(4, 4, "int", false),
  FLOAT(5, 4, "float", false),
  DOUBLE(6, 8, "double", false),
  UBYTE(7, 1, "ubyte", true),
  USHORT(8, 2, "ushort", true),
  UINT(9, 4, "uint", true),
  INT64(10, 8, "int64", false),
  UINT64(11, 8, "uint64", true),
  STRING(12, 0, "string", false);

  private final int code;
  private final int size;
  private final String cdlName;
  private final boolean unsigned;

  DType(int code, int size, String cdlName, boolean unsigned) {
    this.code = code;
    this.size = size;
    this.cdlName = cdlName;
    this.unsigned = unsigned;
  }

  /** The {@code nc_type} code of the NetCDF C library and the classic format. */
  public int code() {
    return code;
  }

  /** Bytes per element on disk; 0 for variable-length strings. */
  public int size() {
    return size;
  }

  /** The type's name in CDL, as {@code ncdump} prints it. */
  public String cdlName() {
    return cdlName;
  }

  public boolean isUnsigned() {
    return unsigned;
  }

  public boolean isFloating() {
    return this == FLOAT || this == DOUBLE;
  }

  public boolean isInteger() {
    return !isFloating() && this != CHAR && this != STRING;
  }

  /** Whether the classic formats CDF-1 and CDF-2 can hold this type (CDF-5 holds all but STRING). */
  public boolean isClassicCdf1() {
    return code <= 6;
  }

  /** The type of an {@code nc_type} code, or an {@link IllegalArgumentException} naming it. */
  public static DType ofCode(int code) {
    for (DType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown nc_type code " + code);
  }
}
