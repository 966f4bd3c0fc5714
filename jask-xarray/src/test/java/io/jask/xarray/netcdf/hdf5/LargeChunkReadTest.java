package io.jask.xarray.netcdf.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.xarray.netcdf.ChunkValues;
import io.jask.xarray.netcdf.NcTools;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFiles;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks whose compressed bytes span many of the pieces Jask reads and inflates at a time
 * (shuffle+deflate, deflate alone, and with a Fletcher-32 checksum, which is read whole), read
 * whole and in place, against the sums netCDF4-python computes of the same file.
 */
class LargeChunkReadTest {
  @TempDir static Path dir;
  static Path file;
  static Map<String, Double> sums = new HashMap<>();

  private static final String WRITE = String.join("\n",
      "import sys, numpy as np, netCDF4",
      "rng = np.random.default_rng(7)",
      "ds = netCDF4.Dataset(sys.argv[1], 'w', format='NETCDF4')",
      "for d, n in (('t', 40), ('y', 200), ('x', 250)): ds.createDimension(d, n)",
      "for name, kw in (('shuffled', dict(shuffle=True)), ('deflated', dict(shuffle=False)),",
      "                 ('checked', dict(shuffle=True, fletcher32=True))):",
      "    v = ds.createVariable(name, 'f4', ('t', 'y', 'x'), zlib=True, complevel=1, chunksizes=(40, 200, 250), **kw)",
      "    data = rng.normal(280, 10, (40, 200, 250)).astype('f4')",
      "    v[:] = data",
      "    print(name, repr(float(data.astype('f8').sum())), repr(float(data[39, 199, 249])))",
      "ds.close()");

  @BeforeAll
  static void write() throws Exception {
    file = dir.resolve("large.nc");
    for (String line : NcTools.python(WRITE, file.toString()).split("\n")) {
      String[] p = line.trim().split(" ");
      sums.put(p[0], Double.parseDouble(p[1]));
      sums.put(p[0] + ".last", Double.parseDouble(p[2]));
    }
  }

  @Test
  void jaskReadsTheChunkIndexItself() {
    assertThat(ChunkIndex.available()).as("jhdf's chunk index is reachable, so chunks are not memory-mapped").isTrue();
  }

  @Test
  void largeChunksReadWholeMatchNetcdf4Python() {
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      for (String name : new String[] {"shuffled", "deflated", "checked"}) {
        Slab s = f.read(name);
        float[] v = s.floats();
        assertThat(sum(v, 0, v.length)).as(name).isCloseTo(sums.get(name), org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat((double) v[v.length - 1]).as(name + " last value").isEqualTo(sums.get(name + ".last"));
      }
    }
  }

  @Test
  void aWholeChunkIsReadInPlace() {
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      for (String name : new String[] {"shuffled", "deflated", "checked"}) {
        Variable var = f.variable(name);
        ChunkValues c = f.chunkValues(var, new long[3], new int[] {40, 200, 250});
        assertThat(c).as(name).isNotNull();
        float[] row = new float[250];
        double total = 0;
        for (int r = 0; r < 40 * 200; r++) {
          c.copy(r * 250, 250, row);
          total += sum(row, 0, 250);
        }
        assertThat(total).as(name).isCloseTo(sums.get(name), org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat(f.chunkValues(var, new long[] {0, 0, 0}, new int[] {40, 100, 250})).as("part of a chunk").isNull();
      }
    }
  }

  @Test
  void aShuffledChunkReadOutOfOrderWidensToTheSameValues() {
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      float[] whole = f.read("shuffled").floats();
      Variable var = f.variable("shuffled");
      ChunkValues c = f.chunkValues(var, new long[3], new int[] {40, 200, 250});
      assertThat(c).isInstanceOf(ChunkValues.Floats.class);
      ChunkValues.Floats floats = (ChunkValues.Floats) c;
      double[] row = new double[250];
      java.util.Random rnd = new java.util.Random(3);
      // forwards with gaps, backwards, and rows of odd lengths across the window's edges
      int[] froms = {7000 * 250, 3, 4, 20_000, 19_999, 1_999_000, 0, 65_530, 65_536 + 17};
      for (int i = 0; i < froms.length + 20; i++) {
        int from = i < froms.length ? froms[i] : rnd.nextInt(40 * 200 * 250 - 250);
        int n = i % 3 == 0 ? 250 : 1 + rnd.nextInt(250);
        floats.copyWidened(from, n, row, true, whole[from]);
        assertThat(row[0]).as("the fill value is masked").isNaN();
        for (int j = 1; j < n; j++) {
          double want = whole[from + j] == whole[from] ? Double.NaN : whole[from + j];
          assertThat(row[j]).as("value " + (from + j)).isEqualTo(want);
        }
      }
      f.read("deflated");
      assertThatThrownBy(() -> floats.copyWidened(0, 10, row, false, 0f))
          .as("a chunk read after the thread decoded another").isInstanceOf(IllegalStateException.class);
    }
  }

  private static double sum(float[] v, int from, int n) {
    double s = 0;
    for (int i = from; i < from + n; i++) {
      s += v[i];
    }
    return s;
  }
}
