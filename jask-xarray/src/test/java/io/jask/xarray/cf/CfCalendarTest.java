package io.jask.xarray.cf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CfCalendarTest {
  @ParameterizedTest
  @EnumSource(CfCalendar.class)
  void dayNumbersAndDatesAreInverse(CfCalendar c) {
    Random r = new Random(c.ordinal());
    long first = c.dayNumber(1, 1, 1);
    for (int i = 0; i < 20_000; i++) {
      long day = first + r.nextInt(4000 * 366);
      int[] ymd = c.date(day);
      assertThat(c.dayNumber(ymd[0], ymd[1], ymd[2])).as("%s day %d", c, day).isEqualTo(day);
      assertThat(ymd[2]).isBetween(1, c.daysInMonth(ymd[0], ymd[1]));
      // consecutive day numbers are consecutive dates
      int[] next = c.date(day + 1);
      boolean sameMonth = next[0] == ymd[0] && next[1] == ymd[1];
      if (sameMonth) {
        assertThat(next[2]).isEqualTo(c == CfCalendar.STANDARD && ymd[0] == 1582 && ymd[1] == 10 && ymd[2] == 4 ? 15 : ymd[2] + 1);
      } else {
        assertThat(next[2]).isEqualTo(1);
      }
    }
  }

  @Test
  void prolepticGregorianAgreesWithJavaTime() {
    Random r = new Random(1);
    long offset = CfCalendar.PROLEPTIC_GREGORIAN.dayNumber(1970, 1, 1);
    for (int i = 0; i < 20_000; i++) {
      LocalDate d = LocalDate.ofEpochDay(r.nextInt(2_000_000) - 1_000_000);
      assertThat(CfCalendar.PROLEPTIC_GREGORIAN.dayNumber(d.getYear(), d.getMonthValue(), d.getDayOfMonth()) - offset)
          .isEqualTo(d.toEpochDay());
      assertThat(CfCalendar.PROLEPTIC_GREGORIAN.isLeapYear(d.getYear())).isEqualTo(d.isLeapYear());
    }
  }

  @Test
  void standardSwitchesFromJulianToGregorianIn1582() {
    CfCalendar s = CfCalendar.STANDARD;
    assertThat(s.dayNumber(1582, 10, 15) - s.dayNumber(1582, 10, 4)).isEqualTo(1);
    assertThat(s.dayNumber(2000, 1, 1)).isEqualTo(2451545); // the Julian day number of 2000-01-01
    assertThat(s.isLeapYear(1500)).isTrue(); // Julian: every fourth year
    assertThat(s.isLeapYear(1700)).isFalse();
    assertThatThrownBy(() -> s.dayNumber(1582, 10, 10))
        .isInstanceOf(CfException.class)
        .hasMessageContaining("1582-10-10 does not exist in the standard calendar");
  }

  @Test
  void namesAndAliases() {
    assertThat(CfCalendar.of("Gregorian")).isEqualTo(CfCalendar.STANDARD);
    assertThat(CfCalendar.of(null)).isEqualTo(CfCalendar.STANDARD);
    assertThat(CfCalendar.of("365_day")).isEqualTo(CfCalendar.NOLEAP);
    assertThat(CfCalendar.of("366_day")).isEqualTo(CfCalendar.ALL_LEAP);
    assertThat(CfCalendar.of("360_day")).isEqualTo(CfCalendar.DAY_360);
    assertThatThrownBy(() -> CfCalendar.of("lunar"))
        .isInstanceOf(CfException.class)
        .hasMessageStartingWith("unsupported calendar 'lunar'; supported: standard");
  }

  @Test
  void datesACalendarLacksAreRefused() {
    assertThatThrownBy(() -> CfTime.of(CfCalendar.NOLEAP, 2000, 2, 29)).hasMessageContaining("2000-02-29 does not exist in the noleap calendar");
    assertThat(CfTime.of(CfCalendar.DAY_360, 2001, 2, 30).dayOfYear()).isEqualTo(60);
    assertThatThrownBy(() -> CfTime.of(CfCalendar.DAY_360, 2001, 1, 31)).isInstanceOf(CfException.class);
    assertThat(CfTime.of(CfCalendar.ALL_LEAP, 2001, 12, 31).dayOfYear()).isEqualTo(366);
  }

  @Test
  void timeComponents() {
    CfTime t = CfTime.of(CfCalendar.NOLEAP, 1999, 12, 31, 23, 59, 59);
    assertThat(t.season()).isEqualTo("DJF");
    assertThat(t.dayOfYear()).isEqualTo(365);
    assertThat(t.plusMicros(1_000_000)).isEqualTo(CfTime.of(CfCalendar.NOLEAP, 2000, 1, 1));
    assertThat(CfTime.of(CfCalendar.STANDARD, 2000, 4, 1).season()).isEqualTo("MAM");
    assertThat(CfTime.of(CfCalendar.STANDARD, 2000, 7, 1).season()).isEqualTo("JJA");
    assertThat(CfTime.of(CfCalendar.STANDARD, 2000, 10, 1).season()).isEqualTo("SON");
    assertThat(CfTime.of(CfCalendar.STANDARD, 2000, 2, 1).season()).isEqualTo("DJF");
  }

  @Test
  void unitsParseAndRefuse() {
    CfTimeUnits u = CfTimeUnits.parse("hours since 1990-1-1 6:00:00.5", CfCalendar.STANDARD);
    assertThat(u.reference()).isEqualTo(new CfTime(1990, 1, 1, 6, 0, 0, 500_000, CfCalendar.STANDARD));
    assertThat(u.decode(18)).isEqualTo(new CfTime(1990, 1, 2, 0, 0, 0, 500_000, CfCalendar.STANDARD));
    assertThat(CfTimeUnits.parse("days since 2000-01-01T12:00:00Z", CfCalendar.NOLEAP).decode(0.5))
        .isEqualTo(CfTime.of(CfCalendar.NOLEAP, 2000, 1, 2));
    assertThat(CfTimeUnits.parse("minutes since 2000-01-01 02:00 +02:00", CfCalendar.STANDARD).decode(0))
        .isEqualTo(CfTime.of(CfCalendar.STANDARD, 2000, 1, 1));
    assertThatThrownBy(() -> CfTimeUnits.parse("months since 2000-01-01", CfCalendar.STANDARD))
        .isInstanceOf(CfException.class).hasMessageContaining("months have no fixed length");
    assertThatThrownBy(() -> CfTimeUnits.parse("fortnights since 2000-01-01", CfCalendar.STANDARD))
        .hasMessageContaining("unknown unit 'fortnights'");
    assertThatThrownBy(() -> CfTimeUnits.parse("days since yesterday", CfCalendar.STANDARD))
        .hasMessageContaining("cannot read the reference date 'yesterday'");
    assertThatThrownBy(() -> CfTimeUnits.parse("K", CfCalendar.STANDARD)).hasMessageContaining("'K' are not CF time units");
  }
}
