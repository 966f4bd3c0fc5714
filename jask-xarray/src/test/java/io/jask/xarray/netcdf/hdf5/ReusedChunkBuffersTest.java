package io.jask.xarray.netcdf.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.xarray.netcdf.ChunkValues;
import io.jask.xarray.netcdf.NcTools;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFiles;
import io.jask.xarray.netcdf.Variable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading thread keeps its decoding buffers from chunk to chunk: chunks of different sizes
 * (a large one, then smaller ones, then the large one again), with fill values and NaN, read in
 * turn on one thread must each give exactly their own values, nothing left over from the chunk
 * before, against netCDF4-python's reading of the same file.
 */
class ReusedChunkBuffersTest {
  @TempDir static Path dir;
  static Path file;
  /** Per variable, per chunk along the first axis: the sum of the valid values, and how many are masked or NaN. */
  static List<double[]> expected = new ArrayList<>();

  private static final String WRITE = String.join("\n",
      "import sys, numpy as np, netCDF4",
      "rng = np.random.default_rng(11)",
      "ds = netCDF4.Dataset(sys.argv[1], 'w', format='NETCDF4')",
      "for d, n in (('t', 6), ('y', 90), ('x', 120), ('s', 7)): ds.createDimension(d, n)",
      "specs = (('big', ('t', 'y', 'x'), (3, 90, 120), -999.0),",
      "         ('small', ('t', 's', 'x'), (2, 7, 120), 1e20),",
      "         ('tiny', ('t', 's', 's'), (1, 7, 7), None))",
      "for name, dims, chunks, fill in specs:",
      "    shape = tuple(len(ds.dimensions[d]) for d in dims)",
      "    v = ds.createVariable(name, 'f4', dims, zlib=True, complevel=1, shuffle=True, chunksizes=chunks,",
      "                          fill_value=fill if fill is not None else False)",
      "    data = rng.normal(280, 10, shape).astype('f4')",
      "    mask = rng.random(shape) < 0.05",
      "    if fill is not None:",
      "        data[mask] = fill",
      "    data[rng.random(shape) < 0.03] = np.nan",
      "    v.set_auto_mask(False)",
      "    v[:] = data",
      "    step = chunks[0]",
      "    for c in range(shape[0] // step):",
      "        block = data[c * step:(c + 1) * step].astype('f8')",
      "        bad = np.isnan(block) | ((block == np.float32(fill)) if fill is not None else False)",
      "        print(name, c, repr(float(block[~bad].sum())), int(bad.sum()))",
      "ds.close()");

  @BeforeAll
  static void write() throws Exception {
    file = dir.resolve("reused.nc");
    for (String line : NcTools.python(WRITE, file.toString()).split("\n")) {
      String[] p = line.trim().split(" ");
      expected.add(new double[] {Double.parseDouble(p[2]), Double.parseDouble(p[3])});
    }
  }

  @Test
  void chunksOfDifferentSizesReadInTurnOnOneThreadKeepTheirOwnValues() {
    try (NetcdfFile f = NetcdfFiles.open(file)) {
      // (variable, chunk index along t, chunk shape, fill, position of its expected figures)
      Object[][] order = {
          {"big", 0, new int[] {3, 90, 120}, -999f, 0}, {"small", 0, new int[] {2, 7, 120}, 1e20f, 2},
          {"tiny", 5, new int[] {1, 7, 7}, Float.NaN, 10}, {"big", 1, new int[] {3, 90, 120}, -999f, 1},
          {"small", 2, new int[] {2, 7, 120}, 1e20f, 4}, {"tiny", 0, new int[] {1, 7, 7}, Float.NaN, 5},
          {"small", 1, new int[] {2, 7, 120}, 1e20f, 3}, {"big", 0, new int[] {3, 90, 120}, -999f, 0}};
      for (Object[] o : order) {
        String name = (String) o[0];
        int chunk = (Integer) o[1];
        int[] shape = (int[]) o[2];
        float fill = (Float) o[3];
        double[] want = expected.get((Integer) o[4]);
        Variable v = f.variable(name);
        ChunkValues c = f.chunkValues(v, new long[] {(long) chunk * shape[0], 0, 0}, shape);
        assertThat(c).as(name + " chunk " + chunk).isInstanceOf(ChunkValues.Floats.class);
        int row = shape[2];
        int rows = shape[0] * shape[1];
        double[] dst = new double[row];
        double sum = 0;
        long bad = 0;
        for (int r = 0; r < rows; r++) {
          ((ChunkValues.Floats) c).copyWidened(r * row, row, dst, fill == fill, fill);
          for (double x : dst) {
            if (x != x) {
              bad++;
            } else {
              sum += x;
            }
          }
        }
        assertThat(bad).as(name + " chunk " + chunk + ": masked or NaN values").isEqualTo((long) want[1]);
        assertThat(sum).as(name + " chunk " + chunk + ": sum of the valid values")
            .isCloseTo(want[0], org.assertj.core.data.Offset.offset(1e-9 * Math.abs(want[0]) + 1e-9));
      }
    }
  }
}
