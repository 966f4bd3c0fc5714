package io.jask.xarray.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.xarray.netcdf.NcTools;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jask's time decoding against cftime (netCDF4-python's), on seeded random values. */
class CfTimesAgainstCftimeTest {
  @ParameterizedTest
  @CsvSource({
    "standard, days since 1500-03-01",
    "gregorian, hours since 1970-01-01 00:00:00",
    "proleptic_gregorian, days since 1000-06-15 12:00",
    "julian, days since 1800-01-01",
    "noleap, days since 0001-01-01",
    "365_day, seconds since 2000-02-28 23:00:00",
    "all_leap, days since 1850-01-01",
    "366_day, minutes since 1999-12-31",
    "360_day, days since 1979-01-01",
    "360_day, hours since 2000-02-30 12:00:00",
  })
  void decodesAsCftimeDoes(String calendar, String units) throws Exception {
    Random r = new Random((calendar + units).hashCode());
    double scale = units.startsWith("days") ? 200_000 : units.startsWith("hours") ? 4e6 : units.startsWith("minutes") ? 1e8 : 5e9;
    double[] values = new double[300];
    StringJoiner list = new StringJoiner(",");
    for (int i = 0; i < values.length; i++) {
      // whole, half and quarter units, so both sides round alike
      values[i] = Math.round((r.nextDouble() * scale) * 4) / 4.0;
      list.add(Double.toString(values[i]));
    }
    String out = NcTools.python("""
        import sys, cftime
        units, calendar = sys.argv[1], sys.argv[2]
        values = [float(x) for x in sys.argv[3].split(",")]
        for v, d in zip(values, cftime.num2date(values, units, calendar)):
            print("%d %d %d %d %d %d %d %d %s" % (d.year, d.month, d.day, d.hour, d.minute, d.second,
                  d.microsecond, d.dayofyr, repr(cftime.date2num(d, units, calendar))))
        """, units, calendar, list.toString());
    CfTimeUnits u = CfTimeUnits.parse(units, CfCalendar.of(calendar));
    String[] lines = out.strip().split("\n");
    assertThat(lines).hasSize(values.length);
    for (int i = 0; i < values.length; i++) {
      CfTime t = u.decode(values[i]);
      String[] f = lines[i].split(" ");
      String actual = String.format(Locale.ROOT, "%d %d %d %d %d %d %d %d", t.year(), t.month(), t.day(), t.hour(),
          t.minute(), t.second(), t.microsecond(), t.dayOfYear());
      assertThat(actual).as("%s %s of %s", values[i], units, calendar)
          .isEqualTo(String.join(" ", java.util.Arrays.copyOf(f, 8)));
      assertThat(u.encode(t)).as("encoding %s", t).isEqualTo(Double.parseDouble(f[8]));
    }
  }
}
