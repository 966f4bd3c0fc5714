package io.jask.xarray.cf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CF time units, {@code "<unit> since <reference date>"}, in a calendar: the conversion between
 * numbers stored in a file and {@link CfTime}s. Numbers are rounded to the microsecond, as cftime
 * does.
 *
 * @param unit the length of one unit, in microseconds
 * @param unitName the unit as written in the units, normalised (days, hours, ...)
 * @param reference the reference date, time-zone offset already applied
 */
public record CfTimeUnits(long unit, String unitName, CfTime reference) {
  private static final Pattern UNITS = Pattern.compile("\\s*(\\w+)\\s+since\\s+(.+?)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE = Pattern.compile(
      "([+-]?\\d{1,6})-(\\d{1,2})-(\\d{1,2})"
          + "(?:[T\\s]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6})\\d*)?)?)?"
          + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?",
      Pattern.CASE_INSENSITIVE);

  /**
   * Parses {@code units} (e.g. {@code "days since 2000-01-01 00:00:00"}) in {@code calendar}.
   *
   * @throws CfException naming the units when they are not CF time units Jask decodes
   */
  public static CfTimeUnits parse(String units, CfCalendar calendar) {
    Matcher m = UNITS.matcher(units == null ? "" : units);
    if (!m.matches()) {
      throw new CfException("'" + units + "' are not CF time units (\"<unit> since <date>\")");
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    long micros;
    String unitName;
    switch (name) {
      case "microseconds", "microsecond", "us" -> { micros = 1L; unitName = "microseconds"; }
      case "milliseconds", "millisecond", "msec", "msecs", "ms" -> { micros = 1_000L; unitName = "milliseconds"; }
      case "seconds", "second", "sec", "secs", "s" -> { micros = 1_000_000L; unitName = "seconds"; }
      case "minutes", "minute", "min", "mins" -> { micros = 60_000_000L; unitName = "minutes"; }
      case "hours", "hour", "hr", "hrs", "h" -> { micros = 3_600_000_000L; unitName = "hours"; }
      case "days", "day", "d" -> { micros = 86_400_000_000L; unitName = "days"; }
      case "weeks", "week" -> { micros = 7 * 86_400_000_000L; unitName = "weeks"; }
      case "months", "month", "years", "year" -> throw new CfException("time units '" + units + "': " + name
          + " have no fixed length in CF; use days or a shorter unit");
      default -> throw new CfException("time units '" + units + "': unknown unit '" + m.group(1) + "'");
    }
    Matcher d = DATE.matcher(m.group(2));
    if (!d.matches()) {
      throw new CfException("time units '" + units + "': cannot read the reference date '" + m.group(2) + "'");
    }
    CfTime ref;
    try {
      String frac = d.group(7);
      int us = frac == null ? 0 : Integer.parseInt((frac + "000000").substring(0, 6));
      ref = new CfTime(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)), Integer.parseInt(d.group(3)),
          d.group(4) == null ? 0 : Integer.parseInt(d.group(4)), d.group(5) == null ? 0 : Integer.parseInt(d.group(5)),
          d.group(6) == null ? 0 : Integer.parseInt(d.group(6)), us, calendar);
    } catch (CfException e) {
      throw new CfException("time units '" + units + "': " + e.getMessage());
    }
    String zone = d.group(8);
    if (zone != null && (zone.startsWith("+") || zone.startsWith("-"))) {
      String digits = zone.substring(1).replace(":", "");
      int hours = Integer.parseInt(digits.length() <= 2 ? digits : digits.substring(0, digits.length() - 2));
      int minutes = digits.length() <= 2 ? 0 : Integer.parseInt(digits.substring(digits.length() - 2));
      long offset = (hours * 60L + minutes) * 60_000_000L * (zone.startsWith("-") ? -1 : 1);
      ref = ref.plusMicros(-offset); // 10:00+02:00 is 08:00 UTC
    }
    return new CfTimeUnits(micros, unitName, ref);
  }

  /** The time {@code value} units after the reference date. */
  public CfTime decode(double value) {
    if (!Double.isFinite(value)) {
      throw new CfException("cannot decode time value " + value);
    }
    double micros = value * unit;
    if (Math.abs(micros) > 9.0e18) {
      throw new CfException("time value " + value + " " + unitName + " is out of range");
    }
    return reference.plusMicros(Math.round(micros));
  }

  /** The number of units from the reference date to {@code t} (which must share its calendar). */
  public double encode(CfTime t) {
    if (t.calendar() != reference.calendar()) {
      throw new CfException("cannot encode a " + t.calendar().cfName() + " time in " + reference.calendar().cfName()
          + " units");
    }
    long diff = t.epochMicros() - reference.epochMicros();
    // Whole units first, so that whole days stay exact however far from the reference they are.
    return Math.floorDiv(diff, unit) + (double) Math.floorMod(diff, unit) / unit;
  }

  /** The units as CF writes them. */
  @Override
  public String toString() {
    return unitName + " since " + reference;
  }
}
