package io.jask.xarray.cf;

import java.util.List;
import java.util.Locale;

/**
 * The CF calendars Jask decodes, each as a bijection between dates and day numbers. Day numbers
 * count from an arbitrary origin fixed per calendar; only differences matter.
 *
 * <p>{@link #STANDARD} is the mixed Julian/Gregorian calendar of CF (and of cftime): Julian up to
 * 1582-10-04, Gregorian from the next day, 1582-10-15; the ten days between do not exist. Years
 * are counted astronomically in the proleptic calendars (year 0 is 1 BC); in the Julian and
 * mixed calendars there is no year 0 and dates before year 1 are refused.
 */
public enum CfCalendar {
  STANDARD("standard", "gregorian"),
  PROLEPTIC_GREGORIAN("proleptic_gregorian"),
  JULIAN("julian"),
  NOLEAP("noleap", "365_day"),
  ALL_LEAP("all_leap", "366_day"),
  DAY_360("360_day");

  private static final int[] CUMULATIVE_DAYS = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  private static final int[] CUMULATIVE_DAYS_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};
  /** Julian day number of 1582-10-15, the first Gregorian day of the standard calendar. */
  private static final long GREGORIAN_START = 2299161;

  private final List<String> names;

  CfCalendar(String... names) {
    this.names = List.of(names);
  }

  /** The CF name (the first of its aliases). */
  public String cfName() {
    return names.get(0);
  }

  /**
   * The calendar a CF {@code calendar} attribute names (case-insensitive); a missing attribute
   * means standard.
   *
   * @throws CfException naming the calendar when Jask does not support it
   */
  public static CfCalendar of(String name) {
    if (name == null || name.isBlank()) {
      return STANDARD;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (CfCalendar c : values()) {
      if (c.names.contains(n)) {
        return c;
      }
    }
    throw new CfException("unsupported calendar '" + name + "'; supported: standard, gregorian, proleptic_gregorian,"
        + " julian, noleap, 365_day, all_leap, 366_day, 360_day");
  }

  public boolean isLeapYear(int year) {
    return switch (this) {
      case NOLEAP, DAY_360 -> false;
      case ALL_LEAP -> true;
      case JULIAN -> Math.floorMod(year, 4) == 0;
      case PROLEPTIC_GREGORIAN -> gregorianLeap(year);
      case STANDARD -> year > 1582 ? gregorianLeap(year) : Math.floorMod(year, 4) == 0;
    };
  }

  public int daysInMonth(int year, int month) {
    if (this == DAY_360) {
      return 30;
    }
    int[] cum = isLeapYear(year) ? CUMULATIVE_DAYS_LEAP : CUMULATIVE_DAYS;
    int days = cum[month] - cum[month - 1];
    if (this == STANDARD && year == 1582 && month == 10) {
      return 31; // the day numbers skip 5..14, but the month still ends on the 31st
    }
    return days;
  }

  /** Day of the year, 1-based (1..360, 365 or 366). */
  public int dayOfYear(int year, int month, int day) {
    if (this == DAY_360) {
      return 30 * (month - 1) + day;
    }
    return (int) (dayNumber(year, month, day) - dayNumber(year, 1, 1)) + 1;
  }

  /**
   * The day number of a date.
   *
   * @throws CfException when the date does not exist in this calendar
   */
  public long dayNumber(int year, int month, int day) {
    check(year, month, day);
    return switch (this) {
      case DAY_360 -> 360L * year + 30L * (month - 1) + (day - 1);
      case NOLEAP -> 365L * year + CUMULATIVE_DAYS[month - 1] + (day - 1);
      case ALL_LEAP -> 366L * year + CUMULATIVE_DAYS_LEAP[month - 1] + (day - 1);
      case PROLEPTIC_GREGORIAN -> gregorianJdn(year, month, day);
      case JULIAN -> julianJdn(year, month, day);
      case STANDARD -> {
        long g = gregorianJdn(year, month, day);
        if (g >= GREGORIAN_START) {
          yield g;
        }
        if (year == 1582 && month == 10 && day > 4) {
          throw new CfException(year + "-10-" + day + " does not exist in the standard calendar: 1582-10-04 is followed"
              + " by 1582-10-15");
        }
        yield julianJdn(year, month, day);
      }
    };
  }

  /** The date of a day number, as {year, month, day}. */
  public int[] date(long dayNumber) {
    return switch (this) {
      case DAY_360 -> {
        int year = (int) Math.floorDiv(dayNumber, 360);
        int rest = (int) Math.floorMod(dayNumber, 360);
        yield new int[] {year, rest / 30 + 1, rest % 30 + 1};
      }
      case NOLEAP -> fixedYear(dayNumber, 365, CUMULATIVE_DAYS);
      case ALL_LEAP -> fixedYear(dayNumber, 366, CUMULATIVE_DAYS_LEAP);
      case PROLEPTIC_GREGORIAN -> gregorianDate(dayNumber);
      case JULIAN -> checked(julianDate(dayNumber));
      case STANDARD -> checked(dayNumber >= GREGORIAN_START ? gregorianDate(dayNumber) : julianDate(dayNumber));
    };
  }

  private int[] checked(int[] ymd) {
    if (ymd[0] < 1) {
      throw new CfException("dates before year 1 are not supported in the " + cfName() + " calendar (day number "
          + "gives year " + ymd[0] + ")");
    }
    return ymd;
  }

  private void check(int year, int month, int day) {
    if (month < 1 || month > 12) {
      throw new CfException("month " + month + " does not exist");
    }
    if (day < 1 || day > daysInMonth(year, month)) {
      throw new CfException(String.format("%04d-%02d-%02d does not exist in the %s calendar", year, month, day, cfName()));
    }
    if ((this == STANDARD || this == JULIAN) && year < 1) {
      throw new CfException("dates before year 1 are not supported in the " + cfName() + " calendar: " + year);
    }
  }

  private static int[] fixedYear(long dayNumber, int daysPerYear, int[] cumulative) {
    int year = (int) Math.floorDiv(dayNumber, daysPerYear);
    int rest = (int) Math.floorMod(dayNumber, daysPerYear);
    int month = 1;
    while (cumulative[month] <= rest) {
      month++;
    }
    return new int[] {year, month, rest - cumulative[month - 1] + 1};
  }

  private static boolean gregorianLeap(int year) {
    return Math.floorMod(year, 4) == 0 && (Math.floorMod(year, 100) != 0 || Math.floorMod(year, 400) == 0);
  }

  private static long gregorianJdn(long y, long m, long d) {
    long a = Math.floorDiv(14 - m, 12);
    long yy = y + 4800 - a;
    long mm = m + 12 * a - 3;
    return d + Math.floorDiv(153 * mm + 2, 5) + 365 * yy + Math.floorDiv(yy, 4) - Math.floorDiv(yy, 100)
        + Math.floorDiv(yy, 400) - 32045;
  }

  private static long julianJdn(long y, long m, long d) {
    long a = Math.floorDiv(14 - m, 12);
    long yy = y + 4800 - a;
    long mm = m + 12 * a - 3;
    return d + Math.floorDiv(153 * mm + 2, 5) + 365 * yy + Math.floorDiv(yy, 4) - 32083;
  }

  private static int[] gregorianDate(long jdn) {
    long a = jdn + 32044;
    long b = Math.floorDiv(4 * a + 3, 146097);
    long c = a - Math.floorDiv(146097 * b, 4);
    long d = Math.floorDiv(4 * c + 3, 1461);
    long e = c - Math.floorDiv(1461 * d, 4);
    long m = Math.floorDiv(5 * e + 2, 153);
    int day = (int) (e - Math.floorDiv(153 * m + 2, 5) + 1);
    int month = (int) (m + 3 - 12 * Math.floorDiv(m, 10));
    int year = (int) (100 * b + d - 4800 + Math.floorDiv(m, 10));
    return new int[] {year, month, day};
  }

  private static int[] julianDate(long jdn) {
    long c = jdn + 32082;
    long d = Math.floorDiv(4 * c + 3, 1461);
    long e = c - Math.floorDiv(1461 * d, 4);
    long m = Math.floorDiv(5 * e + 2, 153);
    int day = (int) (e - Math.floorDiv(153 * m + 2, 5) + 1);
    int month = (int) (m + 3 - 12 * Math.floorDiv(m, 10));
    int year = (int) (d - 4800 + Math.floorDiv(m, 10));
    return new int[] {year, month, day};
  }
}
