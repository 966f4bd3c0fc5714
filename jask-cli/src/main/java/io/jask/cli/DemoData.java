package io.jask.cli;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.classic.ClassicWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The demo's climate data set: daily near-surface temperature on a 2-degree grid, one NetCDF-4
 * file per year (zlib level 1, one chunk per year), made once and kept. Written as NetCDF classic
 * by Jask, then converted by netCDF-C's {@code nccopy}; where {@code nccopy} is missing the
 * classic files are used as they are.
 */
final class DemoData {
  static final int NLAT = 90;
  static final int NLON = 180;

  private DemoData() {}

  /** The files for {@code years} years under {@code dir}, made when missing. */
  static List<Path> ensure(Path dir, int years, PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (int y = 0; y < years; y++) {
      Path nc = dir.resolve(String.format("tas_day_%d.nc", 2000 + y));
      if (!Files.exists(nc)) {
        out.println("making " + nc + " (once)");
        Path classic = dir.resolve(nc.getFileName() + ".classic");
        writeYear(classic, y);
        if (!toNetcdf4(classic, nc)) {
          Files.move(classic, nc);
        } else {
          Files.delete(classic);
        }
      }
      files.add(nc);
    }
    return files;
  }

  private static boolean toNetcdf4(Path classic, Path nc) throws IOException, InterruptedException {
    Path part = nc.resolveSibling(nc.getFileName() + ".part");
    Process p;
    try {
      p = new ProcessBuilder("nccopy", "-k", "nc4", "-d1", "-c", "time/365,lat/" + NLAT + ",lon/" + NLON,
          classic.toString(), part.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return false; // netCDF-C's tools are not installed
    }
    p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      Files.deleteIfExists(part);
      return false;
    }
    Files.move(part, nc);
    return true;
  }

  /** A year of daily temperatures: a latitude profile, a seasonal cycle opposite in each hemisphere, weather noise. */
  private static void writeYear(Path path, int year) {
    int days = 365;
    float[] tas = new float[days * NLAT * NLON];
    Random r = new Random(2000 + year);
    double[] lat = new double[NLAT];
    double[] lon = new double[NLON];
    for (int j = 0; j < NLAT; j++) {
      lat[j] = -89 + 2 * j;
    }
    for (int i = 0; i < NLON; i++) {
      lon[i] = 1 + 2 * i;
    }
    double[] time = new double[days];
    for (int d = 0; d < days; d++) {
      time[d] = year * 365 + d;
      double season = Math.sin(2 * Math.PI * (d - 105) / 365.0);
      for (int j = 0; j < NLAT; j++) {
        double phi = Math.toRadians(lat[j]);
        double base = 246 + 55 * Math.cos(phi) - 0.3 * year * 0.1;
        double amplitude = 18 * Math.abs(Math.sin(phi)) * Math.signum(phi);
        for (int i = 0; i < NLON; i++) {
          double land = Math.sin(Math.toRadians(lon[i]) * 2) * 3;
          tas[(d * NLAT + j) * NLON + i] = (float) (base + 0.02 * year + amplitude * season + land + 2.5 * r.nextGaussian());
        }
      }
    }
    ClassicWriter.Builder b = ClassicWriter.builder(path, NetcdfFormat.CDF2)
        .dimension("time", days).dimension("lat", NLAT).dimension("lon", NLON)
        .attribute(Attribute.text("title", "Jask demo: synthetic daily near-surface temperature"))
        .attribute(Attribute.text("Conventions", "CF-1.8"));
    b.variable("time", DType.DOUBLE, List.of("time"), Attributes.of(Attribute.text("units", "days since 2000-01-01"),
        Attribute.text("calendar", "noleap"), Attribute.text("standard_name", "time")));
    b.variable("lat", DType.DOUBLE, List.of("lat"), Attributes.of(Attribute.text("units", "degrees_north")));
    b.variable("lon", DType.DOUBLE, List.of("lon"), Attributes.of(Attribute.text("units", "degrees_east")));
    b.variable("tas", DType.FLOAT, List.of("time", "lat", "lon"), Attributes.of(Attribute.text("units", "K"),
        Attribute.text("long_name", "near-surface air temperature")));
    try (ClassicWriter w = b.create()) {
      w.write("time", Slab.of(time, days));
      w.write("lat", Slab.of(lat, NLAT));
      w.write("lon", Slab.of(lon, NLON));
      w.write("tas", Slab.of(tas, days, NLAT, NLON));
    }
  }

}
