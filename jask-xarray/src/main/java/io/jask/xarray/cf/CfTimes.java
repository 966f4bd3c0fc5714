package io.jask.xarray.cf;

import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.Slab;

/** Decoding and encoding of CF time coordinates ({@code units = "<unit> since <date>"}). */
public final class CfTimes {
  private CfTimes() {}

  /** Whether a variable with these attributes holds CF times. */
  public static boolean isTime(Attributes attrs) {
    return attrs.text("units").map(u -> u.toLowerCase(java.util.Locale.ROOT).contains(" since ")).orElse(false);
  }

  /** The units and calendar of a time variable. */
  public static CfTimeUnits units(Attributes attrs) {
    String units = attrs.text("units").orElseThrow(() -> new CfException("a time variable needs text units"));
    return CfTimeUnits.parse(units, CfCalendar.of(attrs.text("calendar").orElse(null)));
  }

  /**
   * Decodes stored time values (fill values, scale and offset honoured first) into times;
   * missing values become {@code null}.
   *
   * @throws CfException naming the units or calendar Jask cannot decode
   */
  public static CfTime[] decode(Slab raw, Attributes attrs) {
    CfTimeUnits units = units(attrs);
    Slab values = CfMaskScale.decode(raw, attrs);
    CfTime[] out = new CfTime[values.size()];
    for (int i = 0; i < out.length; i++) {
      double v = values.getDouble(i);
      out[i] = Double.isNaN(v) ? null : units.decode(v);
    }
    return out;
  }

  /** Encodes times in {@code units}; {@code null} becomes NaN. */
  public static double[] encode(CfTime[] times, CfTimeUnits units) {
    double[] out = new double[times.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = times[i] == null ? Double.NaN : units.encode(times[i]);
    }
    return out;
  }
}
