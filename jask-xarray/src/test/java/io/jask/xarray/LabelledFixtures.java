package io.jask.xarray;

import io.jask.xarray.netcdf.NcTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A small daily temperature data set written by netCDF-C's {@code ncgen}, and xarray's results
 * for it, read from the reference script's output.
 */
final class LabelledFixtures {
  static final int LAT = 6;
  static final int LON = 8;
  static final double[] LATS = {-50, -30, -10, 10, 30, 50};

  private LabelledFixtures() {}

  /**
   * CDL for days {@code from .. to} (since 2000-01-01) of {@code tas(time, lat, lon)} (float,
   * with missing values) and {@code pr} (short, packed, with missing values).
   */
  static String cdl(int from, int to, boolean netcdf4) {
    int nt = to - from;
    StringBuilder sb = new StringBuilder("netcdf tas {\ndimensions:\n  time = UNLIMITED ;\n  lat = 6 ;\n  lon = 8 ;\n");
    sb.append("variables:\n  double time(time) ;\n    time:units = \"days since 2000-01-01\" ;\n");
    sb.append("    time:calendar = \"standard\" ;\n    time:standard_name = \"time\" ;\n");
    sb.append("  double lat(lat) ;\n    lat:units = \"degrees_north\" ;\n  double lon(lon) ;\n    lon:units = \"degrees_east\" ;\n");
    sb.append("  float tas(time, lat, lon) ;\n    tas:units = \"K\" ;\n    tas:long_name = \"air temperature\" ;\n");
    sb.append("    tas:_FillValue = -999.f ;\n");
    sb.append("  short pr(time, lat, lon) ;\n    pr:scale_factor = 0.01 ;\n    pr:add_offset = 5. ;\n");
    sb.append("    pr:_FillValue = -32767s ;\n    pr:units = \"mm/day\" ;\n");
    if (netcdf4) {
      sb.append("    tas:_ChunkSizes = 100, 6, 8 ;\n    tas:_DeflateLevel = 1 ;\n    tas:_Shuffle = \"true\" ;\n");
      sb.append("    pr:_ChunkSizes = 73, 3, 8 ;\n    pr:_DeflateLevel = 4 ;\n");
    }
    sb.append("\n// global attributes:\n    :title = \"Jask test temperatures\" ;\n    :Conventions = \"CF-1.8\" ;\n");
    sb.append("data:\n time = ");
    for (int t = from; t < to; t++) {
      sb.append(t).append(t + 1 < to ? ", " : " ;\n");
    }
    sb.append(" lat = -50, -30, -10, 10, 30, 50 ;\n lon = 0, 45, 90, 135, 180, 225, 270, 315 ;\n tas = ");
    Random r = new Random(42);
    StringBuilder pr = new StringBuilder(" pr = ");
    for (int t = 0; t < to; t++) {
      for (int y = 0; y < LAT; y++) {
        for (int x = 0; x < LON; x++) {
          double v = 280 + 15 * Math.cos(Math.toRadians(LATS[y])) + 10 * Math.sin(2 * Math.PI * t / 365.25) + 3 * r.nextGaussian()
              + 0.1 * x;
          boolean missing = r.nextInt(50) == 0;
          int p = r.nextInt(40) == 0 ? -32767 : r.nextInt(2000) - 500;
          if (t < from) {
            continue;
          }
          boolean last = t == to - 1 && y == LAT - 1 && x == LON - 1;
          sb.append(missing ? "-999" : String.format(Locale.ROOT, "%.4f", v)).append(last ? " ;\n" : ", ");
          pr.append(p).append(last ? " ;\n" : ", ");
        }
      }
    }
    sb.append(pr).append("}\n");
    return sb.toString();
  }

  static Path make(Path dir, String name, int from, int to, boolean netcdf4) throws IOException {
    return NcTools.ncgen(dir, name, netcdf4 ? "nc4" : "nc6", cdl(from, to, netcdf4));
  }

  /** The results of the reference script, by name: values, dims, coordinate labels and attributes. */
  record Reference(Map<String, double[]> values, Map<String, String> dims, Map<String, String> coords,
      Map<String, String> attrs) {

    static Reference parse(String out) {
      Map<String, double[]> values = new HashMap<>();
      Map<String, String> dims = new HashMap<>();
      Map<String, String> coords = new HashMap<>();
      Map<String, String> attrs = new HashMap<>();
      for (String line : out.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] p = line.split(";", -1);
        if (p[0].startsWith("coord:")) {
          coords.put(p[0].substring(6), p[1]);
        } else if (p[0].startsWith("attr:")) {
          attrs.put(p[0].substring(5), p[1]);
        } else {
          dims.put(p[0], p[1]);
          String[] v = p[2].isEmpty() ? new String[0] : p[2].split(",");
          double[] d = new double[v.length];
          for (int i = 0; i < d.length; i++) {
            d[i] = v[i].equals("nan") ? Double.NaN : Double.parseDouble(v[i]);
          }
          values.put(p[0], d);
        }
      }
      return new Reference(values, dims, coords, attrs);
    }
  }
}
