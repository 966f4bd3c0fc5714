package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.xarray.netcdf.classic.ClassicFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classic files written by netCDF-C's {@code ncgen}, read by Jask and by netCDF4-python. */
class ClassicReaderTest {
  @TempDir Path dir;

  static final String CLASSIC_TYPES = """
      netcdf classic {
      dimensions:
        time = UNLIMITED ;
        lat = 3 ;
        lon = 5 ;
        name = 4 ;
      variables:
        double time(time) ;
          time:units = "days since 2000-01-01 00:00:00" ;
          time:calendar = "noleap" ;
        float lat(lat) ;
          lat:units = "degrees_north" ;
        float lon(lon) ;
        short tas(time, lat, lon) ;
          tas:scale_factor = 0.01 ;
          tas:add_offset = 273.15f ;
          tas:_FillValue = -999s ;
          tas:valid_range = -3000s, 3000s ;
          tas:long_name = "near-surface air temperature" ;
        byte flag(time) ;
        char code(time, name) ;
        int count(lat, lon) ;
          count:missing_value = -1 ;
        double scalar ;
          scalar:comment = "a scalar" ;
        byte small(lat) ;
        // global attributes
          :title = "Jask classic test" ;
          :version = 3 ;
          :weights = 0.5, 0.25, 0.125 ;
      data:
        time = 0, 1, 2, 3 ;
        lat = -45, 0, 45.5 ;
        lon = 0, 72, 144, 216, 288 ;
        tas = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
              -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15,
              100, 200, 300, _, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500,
              32767, -32768, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ;
        flag = 1, -2, 3, -128 ;
        code = "abcd", "ef", "ghij", "k" ;
        count = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1 ;
        scalar = 3.25 ;
        small = 7, 8, 9 ;
      }
      """;

  @ParameterizedTest
  @CsvSource({"nc3, CDF1", "nc6, CDF2", "cdf5, CDF5"})
  void readsWhatNcgenWrote(String kind, NetcdfFormat format) throws Exception {
    Path file = NcTools.ncgen(dir, "classic-" + kind, kind, CLASSIC_TYPES);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f).isInstanceOf(ClassicFile.class);
      assertThat(f.format()).isEqualTo(format);
      assertThat(f.dimension("time")).isEqualTo(new Dimension("time", 4, true));
      Variable tas = f.variable("tas");
      assertThat(tas.dims()).containsExactly("time", "lat", "lon");
      assertThat(tas.chunkShape()).containsExactly(1, 3, 5);
      assertThat(f.variable("count").isChunked()).isFalse();
      assertThat(f.variables().stream().map(Variable::name))
          .containsExactly("time", "lat", "lon", "tas", "flag", "code", "count", "scalar", "small");
      ReferenceDump.of(file).assertMatches(f, 42);
    }
  }

  @Test
  void readsTheTypesOnlyCdf5Has() throws Exception {
    Path file = NcTools.ncgen(dir, "cdf5types", "cdf5", """
        netcdf cdf5types {
        dimensions:
          rec = UNLIMITED ;
          x = 3 ;
        variables:
          ubyte ub(rec, x) ;
            ub:_FillValue = 255UB ;
          ushort us(rec) ;
          uint ui(x) ;
            ui:big = 4000000000U ;
          int64 i64(x) ;
          uint64 u64(x) ;
        data:
          ub = 0, 128, 255, 1, 2, 3 ;
          us = 65535, 1 ;
          ui = 0, 2147483648, 4294967295 ;
          i64 = -9223372036854775807, 0, 9223372036854775807 ;
          u64 = 0, 9223372036854775808, 18446744073709551615 ;
        }
        """);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.variable("u64").dtype()).isEqualTo(DType.UINT64);
      ReferenceDump.of(file).assertMatches(f, 7);
      assertThat(f.variable("ui").attributes().get("big").orElseThrow().number()).isEqualTo(4_000_000_000d);
    }
  }

  /** One record variable of bytes: records are not padded to four bytes, unlike with several. */
  @ParameterizedTest
  @CsvSource({"nc3", "nc6", "cdf5"})
  void packsTheRecordsOfASingleSmallRecordVariable(String kind) throws Exception {
    Path file = NcTools.ncgen(dir, "onerec-" + kind, kind, """
        netcdf onerec {
        dimensions:
          t = UNLIMITED ;
        variables:
          byte b(t) ;
          short fixed ;
        data:
          b = 1, 2, 3, 4, 5, 6, 7 ;
          fixed = 9 ;
        }
        """);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.read("b").bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(f.read("b", new long[] {5}, new int[] {2}).bytes()).containsExactly(6, 7);
      ReferenceDump.of(file).assertMatches(f, 3);
    }
  }

  @Test
  void readsAFileWithNoRecordsAndNoVariables() throws Exception {
    Path file = NcTools.ncgen(dir, "empty", "nc3", """
        netcdf empty {
        dimensions:
          t = UNLIMITED ;
        variables:
          float v(t) ;
        }
        """);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.dimension("t").length()).isZero();
      assertThat(f.read("v").size()).isZero();
    }
  }
}
