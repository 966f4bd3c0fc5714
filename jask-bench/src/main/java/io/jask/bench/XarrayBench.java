package io.jask.bench;

import io.jask.array.UnaryOp;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.ThreadedScheduler;
import io.jask.distributed.client.Client;
import io.jask.xarray.DataArray;
import io.jask.xarray.Dataset;
import io.jask.xarray.Xr;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFiles;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench xarray}: the lesson's climate workload on a 10-year daily 180x360 float32
 * NetCDF-4 file ({@code tas}, zlib level 1, one chunk per year): opening (metadata only), the
 * monthly climatology, the mean of the anomalies against it and the cos(lat)-weighted global-mean
 * series, on the threaded scheduler and on an in-process distributed cluster; and the raw
 * read-and-inflate speed of the whole variable as the ceiling. With {@code --xarray}, the same in
 * Debian's xarray with Dask, each operation in a fresh interpreter, and RATIO lines.
 */
@Command(name = "xarray", mixinStandardHelpOptions = true,
    description = "Open a NetCDF-4 climate file lazily and compute a climatology, anomalies and a weighted mean.")
final class XarrayBench implements Callable<Integer> {
  static final String PYTHON = "/usr/bin/python3";

  @Spec CommandSpec spec;

  @Option(names = "--file", description = "The NetCDF-4 file (variable tas(time, lat, lon)); generated when absent.")
  Path file;

  @Option(names = "--years", defaultValue = "10", description = "Years of the generated file (default: ${DEFAULT-VALUE}).")
  int years;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured runs per operation; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--threads", description = "Threads (default: the processors).")
  Integer threads;

  @Option(names = "--xarray", description = "Also run the operations in /usr/bin/python3 xarray + Dask and print RATIO lines.")
  boolean xarray;

  private record Measured(double seconds, double peakRssMb, double check) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path path = file != null ? file : generated(out);
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Map<String, Measured> jaskThreads = new LinkedHashMap<>();
    try (ThreadedScheduler threaded = new ThreadedScheduler(n)) {
      jaskThreads = runAll(out, path, threaded, "threads");
    }
    try (Client client = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(n))) {
      runAll(out, path, client, "dist-inproc");
    }
    Measured raw = rawRead(path, n);
    out.printf(Locale.ROOT, "RESULT name=nc_raw_read scheduler=threads seconds=%.6f mb_per_s=%.1f peak_rss_mb=%.1f%n",
        raw.seconds, raw.check, raw.peakRssMb);
    out.flush();
    if (xarray) {
      for (String op : List.of("open", "clim", "anom", "wmean")) {
        double[] s = new double[repeat];
        double rss = 0;
        double check = 0;
        for (int r = 0; r < repeat; r++) {
          Measured m = python(path, op);
          s[r] = m.seconds;
          rss = Math.max(rss, m.peakRssMb);
          check = m.check;
        }
        double median = Timing.median(s);
        Measured mine = jaskThreads.get("xr_" + op);
        out.printf(Locale.ROOT, "RESULT name=xr_%s scheduler=xarray-dask-threads seconds=%.6f peak_rss_mb=%.1f check=%.9g%n",
            op, median, rss, check);
        out.printf(Locale.ROOT, "RATIO name=xr_%s jask=threads xarray=xarray-dask-threads speedup=%.2f rss_ratio=%.2f"
            + " check_rel_diff=%.2e%n", op, median / mine.seconds, rss / mine.peakRssMb,
            check == 0 ? 0 : Math.abs(mine.check - check) / Math.abs(check));
        out.flush();
      }
    }
    return 0;
  }

  private Map<String, Measured> runAll(PrintWriter out, Path path, Scheduler scheduler, String name) {
    Map<String, Measured> results = new LinkedHashMap<>();
    results.put("xr_open", measure(() -> {
      Xr.closeFiles();
      Dataset ds = Xr.openDataset(path, Map.of("time", 365));
      return (double) ds.get("tas").shape()[0];
    }));
    Dataset ds = Xr.openDataset(path, Map.of("time", 365));
    DataArray tas = ds.get("tas");
    results.put("xr_clim", measure(() -> sum(tas.groupBy("time.month").mean().values(scheduler).toDoubleArray())));
    results.put("xr_anom", measure(() -> {
      DataArray clim = tas.groupBy("time.month").mean();
      return tas.groupBy("time.month").minus(clim).mean().values(scheduler).getDouble();
    }));
    results.put("xr_wmean", measure(() -> {
      DataArray w = tas.coordinate("lat").times(Math.PI / 180).apply(UnaryOp.COS);
      return sum(tas.weighted(w).mean("lat", "lon").values(scheduler).toDoubleArray());
    }));
    for (Map.Entry<String, Measured> e : results.entrySet()) {
      out.printf(Locale.ROOT, "RESULT name=%s scheduler=%s seconds=%.6f peak_rss_mb=%.1f check=%.9g%n", e.getKey(), name,
          e.getValue().seconds, e.getValue().peakRssMb, e.getValue().check);
    }
    out.flush();
    return results;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  private interface Op {
    double run() throws Exception;
  }

  private Measured measure(Op op) {
    try {
      op.run(); // warm-up, unreported
      double[] s = new double[repeat];
      double rss = 0;
      double check = 0;
      for (int r = 0; r < repeat; r++) {
        System.gc();
        PeakRss.reset();
        long start = System.nanoTime();
        check = op.run();
        s[r] = Timing.secondsSince(start);
        rss = Math.max(rss, PeakRss.megabytes());
      }
      return new Measured(Timing.median(s), rss, check);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads and inflates every chunk of tas, in parallel, each thread into one reused buffer. */
  private Measured rawRead(Path path, int n) throws Exception {
    double[] s = new double[repeat];
    double rss = 0;
    long bytes = 0;
    try (NetcdfFile f = NetcdfFiles.open(path)) {
      Variable v = f.variable("tas");
      long[] shape = v.shape();
      int[] chunk = v.isChunked() ? v.chunkShape() : new int[] {365, (int) shape[1], (int) shape[2]};
      List<long[]> starts = new ArrayList<>();
      for (long t = 0; t < shape[0]; t += chunk[0]) {
        starts.add(new long[] {t, 0, 0});
      }
      ExecutorService pool = Executors.newFixedThreadPool(n);
      ThreadLocal<Slab> buffer = new ThreadLocal<>();
      try {
        for (int r = -1; r < repeat; r++) {
          System.gc();
          PeakRss.reset();
          long start = System.nanoTime();
          List<Future<Long>> fs = new ArrayList<>();
          for (long[] st : starts) {
            fs.add(pool.submit(() -> {
              int[] count = {(int) Math.min(chunk[0], shape[0] - st[0]), (int) shape[1], (int) shape[2]};
              Slab b = buffer.get();
              if (b == null || !java.util.Arrays.equals(b.shape(), count)) {
                b = Slab.allocate(v.dtype(), count);
                buffer.set(b);
              }
              f.readInto(v, st, count, b);
              return (long) b.size() * v.dtype().size();
            }));
          }
          long total = 0;
          for (Future<Long> fu : fs) {
            total += fu.get();
          }
          if (r >= 0) {
            s[r] = Timing.secondsSince(start);
            rss = Math.max(rss, PeakRss.megabytes());
          }
          bytes = total;
        }
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    double median = Timing.median(s);
    return new Measured(median, rss, bytes / 1e6 / median);
  }

  private Measured python(Path path, String op) throws IOException, InterruptedException {
    String line = runPython("xarray_bench_ops.py", path.toString(), op).trim();
    Map<String, Double> kv = new LinkedHashMap<>();
    for (String part : line.substring(line.lastIndexOf('\n') + 1).split(" ")) {
      String[] p = part.split("=");
      kv.put(p[0], Double.parseDouble(p[1]));
    }
    return new Measured(kv.get("seconds"), kv.get("peak_rss_mb"), kv.get("check"));
  }

  private Path generated(PrintWriter out) throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "jask", "bench");
    Files.createDirectories(dir);
    Path p = dir.resolve("tas_" + years + "y_180x360.nc");
    if (!Files.exists(p)) {
      out.println("generating " + p + " with " + PYTHON + " and netCDF4 (once)...");
      out.flush();
      Path tmp = dir.resolve(p.getFileName() + ".part");
      runPython("xarray_bench_data.py", tmp.toString(), String.valueOf(years));
      Files.move(tmp, p);
    }
    return p;
  }

  private static String runPython(String resource, String... args) throws IOException, InterruptedException {
    Path script = Files.createTempFile("jask-bench", ".py");
    try (InputStream in = XarrayBench.class.getResourceAsStream(resource)) {
      Files.write(script, in.readAllBytes());
      List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(cmd + " failed: " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(script);
    }
  }

}
