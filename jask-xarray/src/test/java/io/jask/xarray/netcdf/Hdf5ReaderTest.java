package io.jask.xarray.netcdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.xarray.netcdf.hdf5.Hdf5File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NetCDF-4 files written by {@code ncgen -k nc4} and {@code nccopy}, read by Jask and netCDF4-python. */
class Hdf5ReaderTest {
  @TempDir Path dir;

  static final String NC4 = """
      netcdf nc4 {
      dimensions:
        time = UNLIMITED ;
        lat = 6 ;
        lon = 8 ;
        nv = 2 ;
      variables:
        double time(time) ;
          time:units = "hours since 1990-01-01 00:00" ;
          time:calendar = "360_day" ;
        float lat(lat) ;
        float lon(lon) ;
        short tas(time, lat, lon) ;
          tas:scale_factor = 0.01 ;
          tas:add_offset = 273.15 ;
          tas:_FillValue = -999s ;
          tas:long_name = "temperature" ;
        int bnds(lat, nv) ;
        ubyte mask(lat, lon) ;
        uint64 big(nv) ;
        double scalar ;
          :title = "Jask NetCDF-4 test" ;
          :version = 4 ;
          :ratios = 0.5f, 1.5f ;
      data:
        time = 0, 6, 12 ;
        lat = -75, -45, -15, 15, 45, 75 ;
        lon = 0, 45, 90, 135, 180, 225, 270, 315 ;
        tas = %s ;
        bnds = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ;
        mask = %s ;
        big = 1, 18446744073709551615 ;
        scalar = 2.5 ;
      group: sub {
        dimensions:
          x = 2 ;
          rec = UNLIMITED ;
        variables:
          double v(x, lat) ;
            v:units = "m" ;
          int r(rec) ;
        data:
          v = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ;
          r = 5, 6, 7 ;
        group: deeper {
          variables:
            float w(x) ;
          data:
            w = -1, 1 ;
        }
      }
      }
      """;

  static String nc4Cdl() {
    Random r = new Random(11);
    StringBuilder tas = new StringBuilder();
    for (int i = 0; i < 3 * 6 * 8; i++) {
      tas.append(i == 0 ? "" : ", ").append(i % 17 == 5 ? "_" : Integer.toString(r.nextInt(6000) - 3000));
    }
    StringBuilder mask = new StringBuilder();
    for (int i = 0; i < 6 * 8; i++) {
      mask.append(i == 0 ? "" : ", ").append(r.nextInt(256));
    }
    return NC4.formatted(tas, mask);
  }

  @Test
  void readsAContiguousNetcdf4FileWithGroups() throws Exception {
    Path file = NcTools.ncgen(dir, "plain", "nc4", nc4Cdl());
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f).isInstanceOf(Hdf5File.class);
      assertThat(f.format()).isEqualTo(NetcdfFormat.NETCDF4);
      assertThat(f.dimensions()).containsExactly(new Dimension("time", 3, true), new Dimension("lat", 6, false),
          new Dimension("lon", 8, false), new Dimension("nv", 2, false));
      assertThat(f.variables().stream().map(Variable::name))
          .containsExactly("time", "lat", "lon", "tas", "bnds", "mask", "big", "scalar");
      Group sub = f.root().group("sub").orElseThrow();
      assertThat(sub.dimensions()).containsExactly(new Dimension("x", 2, false), new Dimension("rec", 3, true));
      assertThat(f.variable("sub/v").dims()).containsExactly("x", "lat");
      assertThat(f.variable("/sub/deeper/w").dims()).containsExactly("x");
      ReferenceDump.of(file).assertMatches(f, 5);
    }
  }

  @Test
  void readsChunkedShuffledDeflatedVariables() throws Exception {
    Path plain = NcTools.ncgen(dir, "plain", "nc4", nc4Cdl());
    Path file = NcTools.nccopy(plain, dir.resolve("zipped.nc"), "-d1", "-s", "-c", "time/2,lat/4,lon/3");
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      Variable tas = f.variable("tas");
      assertThat(tas.chunkShape()).containsExactly(2, 4, 3);
      assertThat(tas.filters().stream().map(Filter::id)).containsExactly(Filter.SHUFFLE, Filter.DEFLATE);
      ReferenceDump.of(file).assertMatches(f, 9);
    }
  }

  @Test
  void readsTextVariables() throws Exception {
    Path file = NcTools.ncgen(dir, "text", "nc4", """
        netcdf text {
        dimensions:
          n = 3 ;
          len = 4 ;
        variables:
          string names(n) ;
            names:note = "variable-length strings" ;
          char codes(n, len) ;
        data:
          names = "alpha", "", "gamma delta" ;
          codes = "abcd", "ef", "ghij" ;
        }
        """);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.read("names").strings()).containsExactly("alpha", "", "gamma delta");
      ReferenceDump.of(file).assertMatches(f, 1);
    }
  }

  @Test
  void readsChunksThatWereNeverWrittenAsTheFillValue() throws Exception {
    Path file = NcTools.ncgen(dir, "sparse", "nc4", """
        netcdf sparse {
        dimensions:
          x = 8 ;
        variables:
          int a(x) ;
            a:_Storage = "chunked" ;
            a:_ChunkSizes = 2 ;
            a:_FillValue = -5 ;
        data:
          a = 1, 2, _, _, 5, 6, _, _ ;
        }
        """);
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.read("a").ints()).containsExactly(1, 2, -5, -5, 5, 6, -5, -5);
      ReferenceDump.of(file).assertMatches(f, 2);
    }
  }

  @Test
  void readsFromManyThreadsAtOnceWithTheSameResultsAsOne() throws Exception {
    Path plain = NcTools.ncgen(dir, "plain", "nc4", nc4Cdl());
    Path file = NcTools.nccopy(plain, dir.resolve("zipped.nc"), "-d1", "-s", "-c", "time/1,lat/3,lon/4");
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      Variable tas = f.variable("tas");
      Random r = new Random(3);
      List<long[]> starts = new ArrayList<>();
      List<int[]> counts = new ArrayList<>();
      List<Slab> expected = new ArrayList<>();
      for (int k = 0; k < 200; k++) {
        long[] s = {r.nextInt(3), r.nextInt(6), r.nextInt(8)};
        int[] c = {1 + r.nextInt(3 - (int) s[0]), 1 + r.nextInt(6 - (int) s[1]), 1 + r.nextInt(8 - (int) s[2])};
        starts.add(s);
        counts.add(c);
        expected.add(f.read(tas, s, c));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Slab>> results = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
          int i = k;
          results.add(pool.submit(() -> f.read(tas, starts.get(i), counts.get(i))));
        }
        for (int k = 0; k < results.size(); k++) {
          assertThat(results.get(k).get()).isEqualTo(expected.get(k));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void namesTheFilterItCannotDecode() throws Exception {
    Path file = dir.resolve("zstd.h5");
    // A chunk stored under a filter id Jask does not decode (32015, Zstandard), written raw by h5py.
    NcTools.python("""
        import sys, h5py, numpy as np
        with h5py.File(sys.argv[1], "w") as f:
            d = f.create_dataset("z", shape=(4,), chunks=(4,), dtype="i4", compression=32015,
                                 allow_unknown_filter=True)
            d.id.write_direct_chunk((0,), b"not really zstd")
            f.create_dataset("plain", data=np.arange(3, dtype="i4"))
        """, file.toString());
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      assertThat(f.read("plain").ints()).containsExactly(0, 1, 2);
      assertThatThrownBy(() -> f.read("z"))
          .isInstanceOf(NetcdfException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("variable z")
          .hasMessageContaining("32015");
    }
  }
}
