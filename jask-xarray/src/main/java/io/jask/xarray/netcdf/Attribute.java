package io.jask.xarray.netcdf;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named attribute: text ({@link DType#CHAR} or {@link DType#STRING}, held as a {@code String})
 * or numbers (held as a primitive array of the type's width, as in a {@link Slab}).
 */
public final class Attribute {
  private final String name;
  private final DType dtype;
  private final Object value;

  private Attribute(String name, DType dtype, Object value) {
    this.name = Objects.requireNonNull(name, "name");
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** A text attribute, stored as {@code char} in the classic formats. */
  public static Attribute text(String name, String text) {
    return new Attribute(name, DType.CHAR, text);
  }

  /** A text attribute of the given text type (CHAR or STRING). */
  public static Attribute text(String name, DType dtype, String text) {
    if (dtype != DType.CHAR && dtype != DType.STRING) {
      throw new IllegalArgumentException("attribute " + name + ": text needs CHAR or STRING, not " + dtype);
    }
    return new Attribute(name, dtype, text);
  }

  /**
   * A numeric attribute; {@code values} is the primitive array for {@code dtype} (byte[] for
   * BYTE/UBYTE, short[] for SHORT/USHORT, int[] for INT/UINT, long[] for INT64/UINT64, float[],
   * double[]).
   */
  public static Attribute numbers(String name, DType dtype, Object values) {
    Slab.checkArrayType(dtype, values);
    if (Array.getLength(values) == 0) {
      throw new IllegalArgumentException("attribute " + name + " has no values");
    }
    return new Attribute(name, dtype, values);
  }

  public static Attribute of(String name, double... values) {
    return numbers(name, DType.DOUBLE, values.clone());
  }

  public static Attribute of(String name, float... values) {
    return numbers(name, DType.FLOAT, values.clone());
  }

  public static Attribute of(String name, int... values) {
    return numbers(name, DType.INT, values.clone());
  }

  public static Attribute of(String name, short... values) {
    return numbers(name, DType.SHORT, values.clone());
  }

  public static Attribute of(String name, long... values) {
    return numbers(name, DType.INT64, values.clone());
  }

  public String name() {
    return name;
  }

  public DType dtype() {
    return dtype;
  }

  public boolean isText() {
    return dtype == DType.CHAR || dtype == DType.STRING;
  }

  /** Number of values (characters for text). */
  public int length() {
    return isText() ? ((String) value).length() : Array.getLength(value);
  }

  /** The text of a text attribute. */
  public String text() {
    if (!isText()) {
      throw new IllegalStateException("attribute " + name + " is " + dtype.cdlName() + ", not text");
    }
    return (String) value;
  }

  /** The primitive array of a numeric attribute (a copy). */
  public Object values() {
    if (isText()) {
      throw new IllegalStateException("attribute " + name + " is text, not numbers");
    }
    return cloneArray(value);
  }

  /** Value {@code i} as a double, unsigned types read as unsigned. */
  public double number(int i) {
    if (isText()) {
      throw new IllegalStateException("attribute " + name + " is text, not numbers");
    }
    return Slab.elementAsDouble(dtype, value, i);
  }

  /** The single value of a numeric attribute. */
  public double number() {
    if (length() != 1) {
      throw new IllegalStateException("attribute " + name + " has " + length() + " values, not one");
    }
    return number(0);
  }

  /** All values as doubles. */
  public double[] numbers() {
    double[] out = new double[length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(i);
    }
    return out;
  }

  private static Object cloneArray(Object a) {
    if (a instanceof byte[] b) return b.clone();
    if (a instanceof short[] s) return s.clone();
    if (a instanceof int[] i) return i.clone();
    if (a instanceof long[] l) return l.clone();
    if (a instanceof float[] f) return f.clone();
    if (a instanceof double[] d) return d.clone();
    throw new IllegalStateException("not a primitive array: " + a.getClass());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attribute a
        && name.equals(a.name)
        && dtype == a.dtype
        && Objects.deepEquals(value, a.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.deepHashCode(new Object[] {value}));
  }

  @Override
  public String toString() {
    if (isText()) {
      return name + " = \"" + value + "\"";
    }
    StringBuilder sb = new StringBuilder(name).append(" = ");
    for (int i = 0; i < length(); i++) {
      if (i > 0) sb.append(", ");
      double v = number(i);
      sb.append(dtype.isFloating() ? Double.toString(v) : Long.toString((long) v));
    }
    return sb.append(" (").append(dtype.cdlName()).append(')').toString();
  }
}
