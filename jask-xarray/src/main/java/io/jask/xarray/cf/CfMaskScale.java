package io.jask.xarray.cf;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.Slab;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CF's packing conventions undone, as pure functions on slabs and attributes, following xarray's
 * decoders step for step (so the results equal xarray's bit for bit):
 *
 * <ol>
 *   <li>{@code _Unsigned = "true"} on a signed integer variable: its values are unsigned;
 *   <li>{@code _FillValue} and {@code missing_value}: those values become NaN; integers become
 *       float32 when 1 or 2 bytes wide, float64 otherwise;
 *   <li>{@code scale_factor} and {@code add_offset}: {@code value * scale + offset}, computed in
 *       float32 when the values are float32 or (without an offset) integers of 1 or 2 bytes, in
 *       float64 otherwise.
 * </ol>
 *
 * <p>A variable with none of these attributes keeps its type and values.
 */
public final class CfMaskScale {
  /** The attributes this decoding consumes; xarray moves them into a variable's encoding. */
  public static final List<String> ENCODING_ATTRIBUTES =
      List.of("_FillValue", "missing_value", "scale_factor", "add_offset", "_Unsigned");

  private CfMaskScale() {}

  /** Whether decoding changes a variable with these attributes. */
  public static boolean applies(DType raw, Attributes attrs) {
    return decodedType(raw, attrs) != raw || !fillValues(raw, attrs).isEmpty();
  }

  /** The type of the decoded values of a variable stored as {@code raw} with {@code attrs}. */
  public static DType decodedType(DType raw, Attributes attrs) {
    DType t = unsignedType(raw, attrs);
    if (t == DType.CHAR || t == DType.STRING) {
      return t;
    }
    if (!fillValues(raw, attrs).isEmpty() && !t.isFloating()) {
      t = t.size() <= 2 ? DType.FLOAT : DType.DOUBLE;
    }
    if (attrs.contains("scale_factor") || attrs.contains("add_offset")) {
      t = floatTypeForScaling(t, attrs.contains("add_offset"));
    }
    return t;
  }

  /** The attributes left once the decoding has consumed its own. */
  public static Attributes decodedAttributes(Attributes attrs) {
    return attrs.without(ENCODING_ATTRIBUTES.toArray(String[]::new));
  }

  /**
   * Decodes {@code raw} (values as stored) with its variable's {@code attrs}.
   *
   * @throws CfException when a packing attribute is text or holds no number
   */
  public static Slab decode(Slab raw, Attributes attrs) {
    DType stored = raw.dtype();
    if (stored == DType.CHAR || stored == DType.STRING) {
      return raw;
    }
    DType valueType = unsignedType(stored, attrs);
    double[] fills = fillValues(stored, attrs).stream().mapToDouble(Double::doubleValue).toArray();
    DType out = decodedType(stored, attrs);
    if (out == stored && fills.length == 0) {
      return raw;
    }
    double scaleFactor = number(attrs, "scale_factor", 1.0);
    double addOffset = number(attrs, "add_offset", 0.0);
    boolean hasScale = attrs.contains("scale_factor");
    boolean hasOffset = attrs.contains("add_offset");
    int n = raw.size();
    Slab result = Slab.allocate(out, raw.shape());
    Slab asValues = valueType == stored ? raw : new Slab(valueType, raw.shape(), raw.data());
    boolean floatStored = stored == DType.FLOAT;
    if (out == DType.FLOAT) {
      float[] o = result.floats();
      float s = (float) scaleFactor;
      float a = (float) addOffset;
      for (int i = 0; i < n; i++) {
        double v = asValues.getDouble(i);
        if (isFill(v, fills, floatStored)) {
          o[i] = Float.NaN;
          continue;
        }
        float x = (float) v;
        if (hasScale) {
          x *= s;
        }
        if (hasOffset) {
          x += a;
        }
        o[i] = x;
      }
    } else if (out == DType.DOUBLE) {
      double[] o = result.doubles();
      for (int i = 0; i < n; i++) {
        double v = asValues.getDouble(i);
        if (isFill(v, fills, floatStored)) {
          o[i] = Double.NaN;
          continue;
        }
        if (hasScale) {
          v *= scaleFactor;
        }
        if (hasOffset) {
          v += addOffset;
        }
        o[i] = v;
      }
    } else {
      // Only _Unsigned changed the type: the same bits, read as unsigned.
      return new Slab(out, raw.shape(), raw.data());
    }
    return result;
  }

  /**
   * The decoding of one variable prepared once, for readers that decode values straight into
   * doubles as they use them: {@link Decoder#decode} gives, for each value, exactly the double
   * that {@link #decode(Slab, Attributes)} would hold (rounded to float32 where that decodes to
   * float32).
   *
   * @throws CfException when a packing attribute is text or holds no number
   */
  public static Decoder decoder(DType stored, Attributes attrs, boolean decode) {
    if (!decode || stored == DType.CHAR || stored == DType.STRING) {
      return new Decoder(stored, stored, new double[0], false, 1, false, 0);
    }
    DType out = decodedType(stored, attrs);
    double[] fills = fillValues(stored, attrs).stream().mapToDouble(Double::doubleValue).toArray();
    return new Decoder(unsignedType(stored, attrs), out, fills, attrs.contains("scale_factor"),
        number(attrs, "scale_factor", 1.0), attrs.contains("add_offset"), number(attrs, "add_offset", 0.0));
  }

  /**
   * A prepared decoding: the values' type once {@code _Unsigned} is honoured, the decoded type,
   * the fill values and the scaling.
   */
  public record Decoder(DType valueType, DType out, double[] fills, boolean hasScale, double scale, boolean hasOffset,
      double offset) {

    /** The stored slab read as this decoding's value type (unsigned where {@code _Unsigned} says so). */
    public Slab values(Slab raw) {
      return raw.dtype() == valueType ? raw : raw.withType(valueType);
    }

    /** Decodes values {@code from .. from+n} of {@code values} (from {@link #values}) into {@code dst[0, n)}. */
    public void decode(Slab values, int from, int n, double[] dst) {
      boolean scaled = hasScale || hasOffset;
      if (values.data() instanceof float[] f && !scaled) {
        if (fills.length == 0) {
          for (int j = 0; j < n; j++) {
            dst[j] = f[from + j];
          }
        } else if (fills.length == 1) {
          float fill = (float) fills[0];
          for (int j = 0; j < n; j++) {
            float v = f[from + j];
            dst[j] = v == fill ? Double.NaN : v;
          }
        } else {
          for (int j = 0; j < n; j++) {
            double v = f[from + j];
            dst[j] = isFill(v, fills, true) ? Double.NaN : v;
          }
        }
        return;
      }
      if (values.data() instanceof double[] d && !scaled) {
        for (int j = 0; j < n; j++) {
          double v = d[from + j];
          dst[j] = isFill(v, fills, false) ? Double.NaN : v;
        }
        return;
      }
      boolean floatStored = valueType == DType.FLOAT;
      float s = (float) scale;
      float a = (float) offset;
      for (int j = 0; j < n; j++) {
        double v = values.getDouble(from + j);
        if (isFill(v, fills, floatStored)) {
          dst[j] = Double.NaN;
        } else if (out == DType.FLOAT && scaled) {
          float x = (float) v;
          if (hasScale) {
            x *= s;
          }
          if (hasOffset) {
            x += a;
          }
          dst[j] = x;
        } else if (scaled) {
          dst[j] = (hasScale ? v * scale : v) + (hasOffset ? offset : 0);
        } else {
          dst[j] = out == DType.FLOAT ? (float) v : v;
        }
      }
    }
  }

  private static boolean isFill(double v, double[] fills, boolean floatStored) {
    for (double f : fills) {
      // float32 values are compared with the fill rounded to float32, as numpy compares them.
      if (floatStored ? (float) v == (float) f : v == f) {
        return true;
      }
    }
    return false;
  }

  /** The type the values have once {@code _Unsigned} is honoured. */
  static DType unsignedType(DType raw, Attributes attrs) {
    Optional<String> u = attrs.text("_Unsigned");
    if (u.isEmpty()) {
      return raw;
    }
    boolean unsigned = u.get().trim().equalsIgnoreCase("true");
    return switch (raw) {
      case BYTE -> unsigned ? DType.UBYTE : raw;
      case SHORT -> unsigned ? DType.USHORT : raw;
      case INT -> unsigned ? DType.UINT : raw;
      case INT64 -> unsigned ? DType.UINT64 : raw;
      case UBYTE -> unsigned ? raw : DType.BYTE;
      case USHORT -> unsigned ? raw : DType.SHORT;
      case UINT -> unsigned ? raw : DType.INT;
      case UINT64 -> unsigned ? raw : DType.INT64;
      default -> raw;
    };
  }

  /**
   * The values that mean "missing", as numbers in the values' type (so that an {@code _Unsigned}
   * variable's fill is read as unsigned too). NaN fills are dropped: NaN is already missing.
   */
  static List<Double> fillValues(DType raw, Attributes attrs) {
    DType values = unsignedType(raw, attrs);
    List<Double> out = new ArrayList<>();
    for (String name : List.of("_FillValue", "missing_value")) {
      Optional<Attribute> a = attrs.get(name);
      if (a.isEmpty() || a.get().isText()) {
        continue;
      }
      for (double f : a.get().numbers()) {
        double v = values != raw ? reinterpret(values, f) : f;
        if (!Double.isNaN(v) && !out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** A fill value stored in the signed type, read in its unsigned twin (or back). */
  private static double reinterpret(DType values, double f) {
    long bits = (long) f;
    return switch (values) {
      case UBYTE -> bits & 0xFFL;
      case USHORT -> bits & 0xFFFFL;
      case UINT -> bits & 0xFFFFFFFFL;
      case BYTE -> (byte) bits;
      case SHORT -> (short) bits;
      case INT -> (int) bits;
      default -> f;
    };
  }

  /** xarray's {@code _choose_float_dtype}. */
  private static DType floatTypeForScaling(DType t, boolean hasOffset) {
    if (t == DType.FLOAT) {
      return DType.FLOAT;
    }
    if (t.isInteger() && t.size() <= 2 && !hasOffset) {
      return DType.FLOAT;
    }
    return DType.DOUBLE;
  }

  private static double number(Attributes attrs, String name, double absent) {
    Optional<Attribute> a = attrs.get(name);
    if (a.isEmpty()) {
      return absent;
    }
    if (a.get().isText() || a.get().length() < 1) {
      throw new CfException("attribute " + name + " must be a number, not " + a.get());
    }
    return a.get().number(0);
  }
}
