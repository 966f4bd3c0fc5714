package io.jask.xarray.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.xarray.netcdf.NcTools;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Jask's time decoding and encoding against cftime (netCDF4-python's), on seeded random values. */
class CfTimesAgainstCftimeTest {
  static final String[][] CASES = {
    {"standard", "days since 1500-03-01"},
    {"gregorian", "hours since 1970-01-01 00:00:00"},
    {"proleptic_gregorian", "days since 1000-06-15 12:00"},
    {"julian", "days since 1800-01-01"},
    {"noleap", "days since 0001-01-01"},
    {"365_day", "seconds since 2000-02-28 23:00:00"},
    {"all_leap", "days since 1850-01-01"},
    {"366_day", "minutes since 1999-12-31"},
    {"360_day", "days since 1979-01-01"},
    {"360_day", "hours since 2000-02-30 12:00:00"},
  };

  @Test
  void decodesAndEncodesAsCftimeDoes() throws Exception {
    List<double[]> values = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (String[] c : CASES) {
      String units = c[1];
      Random r = new Random((c[0] + units).hashCode());
      double scale = units.startsWith("days") ? 200_000 : units.startsWith("hours") ? 4e6
          : units.startsWith("minutes") ? 1e8 : 5e9;
      double[] v = new double[300];
      StringJoiner list = new StringJoiner(",");
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.round((r.nextDouble() * scale) * 4) / 4.0; // whole, half and quarter units
        list.add(Double.toString(v[i]));
      }
      values.add(v);
      input.append(c[0]).append('|').append(units).append('|').append(list).append('\n');
    }
    java.nio.file.Path cases = java.nio.file.Files.createTempFile("jask-cftime", ".txt");
    String out;
    try {
      java.nio.file.Files.writeString(cases, input);
      out = NcTools.python("""
          import sys, cftime
          for line in open(sys.argv[1]):
              calendar, units, values = line.strip().split("|")
              values = [float(x) for x in values.split(",")]
              for v, d in zip(values, cftime.num2date(values, units, calendar)):
                  print("%d %d %d %d %d %d %d %d %s" % (d.year, d.month, d.day, d.hour, d.minute, d.second,
                        d.microsecond, d.dayofyr, repr(cftime.date2num(d, units, calendar))))
          """, cases.toString());
    } finally {
      java.nio.file.Files.deleteIfExists(cases);
    }
    String[] lines = out.strip().split("\n");
    assertThat(lines).hasSize(CASES.length * 300);
    int line = 0;
    for (int c = 0; c < CASES.length; c++) {
      CfTimeUnits u = CfTimeUnits.parse(CASES[c][1], CfCalendar.of(CASES[c][0]));
      for (double value : values.get(c)) {
        CfTime t = u.decode(value);
        String[] f = lines[line++].split(" ");
        String actual = String.format(Locale.ROOT, "%d %d %d %d %d %d %d %d", t.year(), t.month(), t.day(), t.hour(),
            t.minute(), t.second(), t.microsecond(), t.dayOfYear());
        assertThat(actual).as("%s %s of %s", value, CASES[c][1], CASES[c][0])
            .isEqualTo(String.join(" ", Arrays.copyOf(f, 8)));
        assertThat(u.encode(t)).as("encoding %s", t).isEqualTo(Double.parseDouble(f[8]));
      }
    }
  }
}
