package io.jask.xarray.cf;

import java.util.Objects;

/**
 * A date and time in a CF calendar, to the microsecond: what a decoded time coordinate holds.
 * Comparable within one calendar. The accessors mirror xarray's {@code .dt} components, which
 * {@code groupBy("time.month")} and its kin group by.
 */
public record CfTime(int year, int month, int day, int hour, int minute, int second, int microsecond,
    CfCalendar calendar) implements Comparable<CfTime> {

  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final String[] SEASONS = {"DJF", "DJF", "MAM", "MAM", "MAM", "JJA", "JJA", "JJA", "SON", "SON", "SON", "DJF"};

  public CfTime {
    Objects.requireNonNull(calendar, "calendar");
    calendar.dayNumber(year, month, day); // throws for a date the calendar lacks
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || microsecond < 0 || microsecond > 999_999) {
      throw new CfException(String.format("invalid time of day %02d:%02d:%02d.%06d", hour, minute, second, microsecond));
    }
  }

  public static CfTime of(CfCalendar calendar, int year, int month, int day) {
    return new CfTime(year, month, day, 0, 0, 0, 0, calendar);
  }

  public static CfTime of(CfCalendar calendar, int year, int month, int day, int hour, int minute, int second) {
    return new CfTime(year, month, day, hour, minute, second, 0, calendar);
  }

  /** The time {@code micros} microseconds after the calendar's day number 0 began. */
  public static CfTime ofEpochMicros(CfCalendar calendar, long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long rest = Math.floorMod(micros, MICROS_PER_DAY);
    int[] ymd = calendar.date(day);
    int us = (int) (rest % 1_000_000);
    long s = rest / 1_000_000;
    return new CfTime(ymd[0], ymd[1], ymd[2], (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60), us, calendar);
  }

  /** Microseconds since the calendar's day number 0 began. */
  public long epochMicros() {
    long dayNumber = calendar.dayNumber(year, month, day);
    return dayNumber * MICROS_PER_DAY + ((hour * 60L + minute) * 60L + second) * 1_000_000L + microsecond;
  }

  /** Day of the year, 1-based. */
  public int dayOfYear() {
    return calendar.dayOfYear(year, month, day);
  }

  /** The meteorological season: "DJF", "MAM", "JJA" or "SON". */
  public String season() {
    return SEASONS[month - 1];
  }

  /** This time moved by {@code micros} microseconds (may be negative). */
  public CfTime plusMicros(long micros) {
    return ofEpochMicros(calendar, Math.addExact(epochMicros(), micros));
  }

  @Override
  public int compareTo(CfTime o) {
    if (o.calendar != calendar) {
      throw new CfException("cannot compare a " + calendar.cfName() + " time with a " + o.calendar.cfName() + " time");
    }
    return Long.compare(epochMicros(), o.epochMicros());
  }

  /** ISO 8601 form, as cftime prints it: {@code 2000-03-01 12:00:00} (with microseconds when set). */
  @Override
  public String toString() {
    String s = String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second);
    return microsecond == 0 ? s : s + String.format(".%06d", microsecond);
  }
}
