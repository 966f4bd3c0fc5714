package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jask.xarray.cf.CfMaskScale;
import io.jask.xarray.netcdf.classic.ClassicWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files Jask writes, read back by ncdump, netCDF4-python, xarray and Jask's own reader. */
class ClassicWriterTest {
  @TempDir Path dir;

  static final int NT = 5;
  static final int NY = 4;
  static final int NX = 6;

  static float[] field(int records, long seed) {
    Random r = new Random(seed);
    float[] a = new float[records * NY * NX];
    for (int i = 0; i < a.length; i++) {
      a[i] = 250 + 50 * r.nextFloat();
    }
    return a;
  }

  static Path writeSample(Path file, NetcdfFormat format) {
    float[] tas = field(NT, 1);
    tas[7] = -1e20f; // the fill value: missing
    try (ClassicWriter w = ClassicWriter.builder(file, format)
        .unlimitedDimension("time")
        .dimension("lat", NY)
        .dimension("lon", NX)
        .dimension("nchar", 3)
        .attribute(Attribute.text("title", "Written by Jask"))
        .attribute(Attribute.of("version", 2))
        .attribute(Attribute.of("weights", 0.5, 0.25))
        .variable("time", DType.DOUBLE, List.of("time"), Attributes.of(
            Attribute.text("units", "days since 2000-01-01"), Attribute.text("calendar", "noleap")))
        .variable("lat", DType.FLOAT, List.of("lat"), Attributes.of(Attribute.text("units", "degrees_north")))
        .variable("lon", DType.FLOAT, List.of("lon"), Attributes.of(Attribute.text("units", "degrees_east")))
        .variable("tas", DType.FLOAT, List.of("time", "lat", "lon"), Attributes.of(
            Attribute.text("long_name", "air temperature"), Attribute.of("_FillValue", -1e20f)))
        .variable("flag", DType.BYTE, List.of("time"), Attributes.empty())
        .variable("code", DType.CHAR, List.of("lat", "nchar"), Attributes.empty())
        .variable("scale", DType.DOUBLE, List.of(), Attributes.of(Attribute.text("comment", "a scalar")))
        .create()) {
      w.write("lat", Slab.of(new float[] {-67.5f, -22.5f, 22.5f, 67.5f}, NY));
      w.write("lon", Slab.of(new float[] {0, 60, 120, 180, 240, 300}, NX));
      // records in two pieces and out of order, the second growing the record dimension
      float[] later = java.util.Arrays.copyOfRange(tas, 3 * NY * NX, NT * NY * NX);
      w.write("tas", new long[] {3, 0, 0}, Slab.of(later, 2, NY, NX));
      w.write("tas", new long[] {0, 0, 0}, Slab.of(java.util.Arrays.copyOf(tas, 3 * NY * NX), 3, NY, NX));
      w.write("time", Slab.of(new double[] {0, 1, 2, 3, 4}, NT));
      w.write("flag", new long[] {1}, Slab.of(new byte[] {1, 2, 3}, 3)); // record 0 and 4 stay fill
      w.write("code", Slab.of("abcdefghijkl".getBytes(java.nio.charset.StandardCharsets.US_ASCII), NY, 3)
          .withType(DType.CHAR));
      w.write("scale", Slab.of(new double[] {1.5}));
    }
    return file;
  }

  @ParameterizedTest
  @CsvSource({"CDF1, classic", "CDF2, 64-bit offset", "CDF5, cdf5"})
  void ncdumpNetcdf4PythonAndJaskReadWhatWasWritten(NetcdfFormat format, String ncdumpKind) throws Exception {
    Path file = writeSample(dir.resolve("out-" + format + ".nc"), format);
    assertThat(NcTools.ncdump("-k", file.toString()).strip()).isEqualTo(ncdumpKind);
    String header = NcTools.ncdump("-h", file.toString());
    assertThat(header).contains("time = UNLIMITED ; // (5 currently)", "float tas(time, lat, lon) ;",
        ":title = \"Written by Jask\" ;", "tas:_FillValue = -1.e+20f ;");
    assertThat(NcTools.ncdump("-v", "flag", file.toString())).contains("flag = -127, 1, 2, 3, -127 ;"); // the C library's default byte fill
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.format()).isEqualTo(format);
      float[] expected = field(NT, 1);
      expected[7] = -1e20f;
      assertThat(f.read("tas").floats()).containsExactly(expected);
      ReferenceDump.of(file).assertMatches(f, 13);
    }
  }

  @ParameterizedTest
  @CsvSource({"CDF2", "CDF5"})
  void xarrayReadsTheSameDimensionsCoordinatesAttributesAndValues(NetcdfFormat format) throws Exception {
    Path file = writeSample(dir.resolve("xr-" + format + ".nc"), format);
    String out = NcTools.python("""
        import sys, xarray as xr
        ds = xr.open_dataset(sys.argv[1])
        print("dims", " ".join("%s=%d" % kv for kv in ds.dims.items()))
        print("coords", " ".join(sorted(ds.coords)))
        print("vars", " ".join(sorted(ds.data_vars)))
        print("title", ds.attrs["title"])
        print("tas_attrs", " ".join(sorted(ds.tas.attrs)))
        print("tas_mean", repr(float(ds.tas.mean())))
        print("tas_nan", int(ds.tas.isnull().sum()))
        print("time", " ".join(str(t) for t in ds.time.values))
        """, file.toString());
    // xarray joins the char variable's last dimension into strings, so nchar is gone
    assertThat(out).contains("dims time=5 lat=4 lon=6\n", "coords lat lon time\n", "vars code flag scale tas\n",
        "title Written by Jask\n", "tas_attrs long_name\n", "tas_nan 1\n",
        "time 2000-01-01 00:00:00 2000-01-02 00:00:00 2000-01-03 00:00:00 2000-01-04 00:00:00 2000-01-05 00:00:00\n");
    double xarrayMean = Double.parseDouble(out.lines().filter(l -> l.startsWith("tas_mean")).findFirst().orElseThrow()
        .split(" ")[1]);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      Variable tas = f.variable("tas");
      Slab decoded = CfMaskScale.decode(f.read("tas"), tas.attributes());
      double sum = 0;
      int n = 0;
      for (int i = 0; i < decoded.size(); i++) {
        double v = decoded.getDouble(i);
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      assertThat(xarrayMean).isCloseTo(sum / n, within(1e-6 * Math.abs(sum / n)));
    }
  }

  @Test
  void cdf5TypesRoundTrip() throws Exception {
    Path file = dir.resolve("types.nc");
    try (ClassicWriter w = ClassicWriter.builder(file, NetcdfFormat.CDF5)
        .dimension("x", 3)
        .variable("u64", DType.UINT64, List.of("x"), Attributes.of(Attribute.numbers("big", DType.UINT, new int[] {-1})))
        .variable("i64", DType.INT64, List.of("x"), Attributes.empty())
        .variable("us", DType.USHORT, List.of("x"), Attributes.empty())
        .create()) {
      w.write("u64", new Slab(DType.UINT64, new int[] {3}, new long[] {0, Long.MIN_VALUE, -1}));
      w.write("i64", Slab.of(new long[] {Long.MIN_VALUE + 1, 0, Long.MAX_VALUE}, 3));
      w.write("us", new Slab(DType.USHORT, new int[] {3}, new short[] {0, (short) 40000, -1}));
    }
    assertThat(NcTools.ncdump(file.toString())).contains("u64 = 0, 9223372036854775808, 18446744073709551615 ;",
        "us = 0, 40000, _ ;" /* 65535 is the ushort fill */, "u64:big = 4294967295U ;");
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      ReferenceDump.of(file).assertMatches(f, 1);
    }
  }

  @Test
  void refusesWhatTheFormatCannotHold() {
    Path file = dir.resolve("bad.nc");
    assertThatThrownBy(() -> ClassicWriter.builder(file, NetcdfFormat.CDF2).dimension("x", 2)
        .variable("v", DType.INT64, List.of("x"), Attributes.empty()))
        .isInstanceOf(NetcdfException.class)
        .hasMessage(file + ": variable v has type int64, which CDF2 files cannot hold");
    assertThatThrownBy(() -> ClassicWriter.builder(file, NetcdfFormat.CDF2).dimension("x", 2)
        .variable("v", DType.INT, List.of("y"), Attributes.empty()))
        .hasMessage(file + ": variable v uses dimension y, which is not defined");
    assertThatThrownBy(() -> ClassicWriter.builder(file, NetcdfFormat.CDF2).dimension("x", 2).unlimitedDimension("t")
        .variable("v", DType.INT, List.of("x", "t"), Attributes.empty()))
        .hasMessage(file + ": variable v: the unlimited dimension t must come first");
    assertThatThrownBy(() -> ClassicWriter.builder(file, NetcdfFormat.CDF2).unlimitedDimension("t")
        .unlimitedDimension("u"))
        .hasMessage(file + ": dimension u: a classic file has only one unlimited dimension");
    assertThatThrownBy(() -> ClassicWriter.builder(file, NetcdfFormat.CDF2).dimension("a/b", 2))
        .hasMessage(file + ": 'a/b' is not a valid NetCDF name for a dimension");
    try (ClassicWriter w = ClassicWriter.builder(file, NetcdfFormat.CDF2).dimension("x", 2)
        .variable("v", DType.INT, List.of("x"), Attributes.empty()).create()) {
      assertThatThrownBy(() -> w.write("v", Slab.of(new float[] {1, 2}, 2)))
          .hasMessage(file + ": variable v holds int, not float");
      assertThatThrownBy(() -> w.write("v", new long[] {1}, Slab.of(new int[] {1, 2}, 2)))
          .hasMessage(file + ": variable v: slab 1..3 is outside dimension x of length 2");
      assertThatThrownBy(() -> w.write("w", Slab.of(new int[] {1, 2}, 2)))
          .hasMessage(file + ": no variable 'w'; defined: [v]");
    }
  }
}
