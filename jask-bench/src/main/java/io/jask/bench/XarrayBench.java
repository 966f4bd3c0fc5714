package io.jask.bench;

import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.UnaryOp;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.ThreadedScheduler;
import io.jask.core.util.IncubatorModules;
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
 * Debian's xarray with Dask, each operation in a fresh interpreter right after Jask's runs of it,
 * and RATIO lines: {@code speedup} is xarray's time over Jask's, {@code rss_ratio} xarray's peak
 * memory over Jask's (above 1 when Jask uses less), and the checks compare the two results.
 *
 * <p>Each Jask operation runs in a fresh JVM too (with {@code --heap}, as a user would give one,
 * and this JVM's incubating modules), so that its peak resident memory is its own, measured like
 * xarray's: the whole process's VmHWM, warm-up runs included (until the JIT compiler has
 * settled, {@link JitWarmUp}). Unlike {@code jask bench array}, the distributed runtime is not
 * warmed up with tiny tasks first: that warm-up grows the heap the garbage collector keeps, and the
 * peak memory would then be the warm-up's, not the operation's.
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

  @Option(names = "--heap", defaultValue = "1g", description = "Maximum heap (-Xmx) of the JVM each operation runs in (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--in-process", description = "Run every operation in this JVM instead of one fresh JVM each (peak memory is then shared).")
  boolean inProcess;

  @Option(names = "--only", hidden = true, description = "Run this one operation (open, clim, anom, wmean) here and print its RESULT line.")
  String only;

  @Option(names = "--scheduler", hidden = true, defaultValue = "threads", description = "With --only: threads or dist-inproc.")
  String schedulerName;

  static final List<String> OPS = List.of("open", "clim", "anom", "wmean");

  /** Warm-up runs per operation, at most. */
  private static final int MAX_WARMUPS = 5;

  private record Measured(double seconds, double peakRssMb, double check) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path path = file != null ? file : generated(out);
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (only != null) {
      runOne(out, path, n);
      return 0;
    }
    // Operation by operation, so that Jask's runs and xarray's meet the machine in the same state.
    for (String op : OPS) {
      Map<String, Measured> jask = new LinkedHashMap<>();
      for (String sched : List.of("threads", "dist-inproc")) {
        Measured m = inProcess ? inThisJvm(path, n, sched, op) : inChildJvm(path, n, sched, op);
        jask.put(sched, m);
        out.printf(Locale.ROOT, "RESULT name=xr_%s scheduler=%s seconds=%.6f peak_rss_mb=%.1f check=%.9g%n", op, sched,
            m.seconds, m.peakRssMb, m.check);
        out.flush();
      }
      if (xarray) {
        compareWithXarray(out, path, op, jask);
      }
    }
    Measured raw = rawRead(path, n);
    out.printf(Locale.ROOT, "RESULT name=nc_raw_read scheduler=threads seconds=%.6f mb_per_s=%.1f peak_rss_mb=%.1f%n",
        raw.seconds, raw.check, raw.peakRssMb);
    out.flush();
    return 0;
  }

  /** {@code op} in xarray + Dask, {@link #repeat} times, each in a fresh interpreter; its RESULT and RATIO lines. */
  private void compareWithXarray(PrintWriter out, Path path, String op, Map<String, Measured> jask)
      throws IOException, InterruptedException {
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
    out.printf(Locale.ROOT, "RESULT name=xr_%s scheduler=xarray-dask-threads seconds=%.6f peak_rss_mb=%.1f check=%.9g%n",
        op, median, rss, check);
    for (Map.Entry<String, Measured> e : jask.entrySet()) {
      Measured mine = e.getValue();
      // The mean of anomalies is zero up to rounding on both sides: its relative difference says
      // nothing, its absolute difference (in the data's unit) does.
      double diff = Math.abs(mine.check - check);
      out.printf(Locale.ROOT, "RATIO name=xr_%s jask=%s xarray=xarray-dask-threads speedup=%.2f rss_ratio=%.2f"
          + " check_rel_diff=%.2e check_abs_diff=%.2e%n", op, e.getKey(), median / mine.seconds,
          rss / mine.peakRssMb, check == 0 ? 0 : diff / Math.abs(check), diff);
    }
    out.flush();
  }

  /** One operation in a fresh JVM with heap {@link #heap}; its figures are read from its RESULT line. */
  private Measured inChildJvm(Path path, int n, String sched, String op) throws IOException, InterruptedException {
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(javaCommand, "-Xmx" + heap));
    cmd.addAll(IncubatorModules.options());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.jask.cli.Main", "bench", "xarray",
        "--file", path.toString(), "--only", op, "--scheduler", sched, "--repeat", String.valueOf(repeat),
        "--threads", String.valueOf(n)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("the JVM running " + op + " on " + sched + " failed: " + text);
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("RESULT ")) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : line.split(" ")) {
          int eq = part.indexOf('=');
          if (eq > 0) {
            kv.put(part.substring(0, eq), part.substring(eq + 1));
          }
        }
        return new Measured(Double.parseDouble(kv.get("seconds")), Double.parseDouble(kv.get("peak_rss_mb")),
            Double.parseDouble(kv.get("check")));
      }
    }
    throw new IOException("the JVM running " + op + " on " + sched + " printed no RESULT line: " + text);
  }

  /** The hidden {@code --only} mode: one operation here; peak memory is this whole JVM's. */
  private void runOne(PrintWriter out, Path path, int n) throws Exception {
    if (!OPS.contains(only)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--only must be one of " + OPS + ", not " + only);
    }
    Measured m;
    if (schedulerName.equals("threads")) {
      try (ThreadedScheduler threaded = new ThreadedScheduler(n)) {
        m = measure(operation(path, threaded, only), false);
      }
    } else if (schedulerName.equals("dist-inproc")) {
      try (Client client = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(n))) {
        m = measure(operation(path, client, only), false);
      }
    } else {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--scheduler must be threads or dist-inproc, not " + schedulerName);
    }
    out.printf(Locale.ROOT, "RESULT name=xr_%s scheduler=%s seconds=%.6f peak_rss_mb=%.1f check=%.9g%n", only,
        schedulerName, m.seconds, m.peakRssMb, m.check);
    out.flush();
  }

  /** One operation in this JVM, its peak memory measured from a reset before each run. */
  private Measured inThisJvm(Path path, int n, String sched, String op) throws Exception {
    if (sched.equals("threads")) {
      try (ThreadedScheduler threaded = new ThreadedScheduler(n)) {
        return measure(operation(path, threaded, op), true);
      }
    }
    try (Client client = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(n))) {
      return measure(operation(path, client, op), true);
    }
  }

  private static Op operation(Path path, Scheduler scheduler, String op) {
    if (op.equals("open")) {
      return () -> {
        Xr.closeFiles();
        Dataset ds = Xr.openDataset(path, Map.of("time", 365));
        return (double) ds.get("tas").shape()[0];
      };
    }
    Dataset ds = Xr.openDataset(path, Map.of("time", 365));
    DataArray tas = ds.get("tas");
    return switch (op) {
      case "clim" -> () -> sum(tas.groupBy("time.month").mean().values(scheduler));
      case "anom" -> () -> {
        DataArray clim = tas.groupBy("time.month").mean();
        return tas.groupBy("time.month").minus(clim).mean().values(scheduler).getDouble();
      };
      case "wmean" -> () -> {
        DataArray w = tas.coordinate("lat").times(Math.PI / 180).apply(UnaryOp.COS);
        return sum(tas.weighted(w).mean("lat", "lon").values(scheduler));
      };
      default -> throw new IllegalArgumentException(op);
    };
  }

  /** The sum of a result's values, read in place: a copy would count towards the operation's memory. */
  private static double sum(NDArray result) {
    double[] v = result.dtype() == DType.FLOAT64 ? (double[]) result.data() : result.toDoubleArray();
    double s = 0;
    for (int i = 0; i < result.size(); i++) {
      s += v[i];
    }
    return s;
  }

  private interface Op {
    double run() throws Exception;
  }

  /**
   * The median time of {@link #repeat} runs after warm-ups ({@link JitWarmUp}: until the JIT
   * compiler has settled, 5 at most); the peak memory since a reset before each, or of the process.
   */
  private Measured measure(Op op, boolean resetPeak) {
    try {
      JitWarmUp.run(() -> {
        try {
          op.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, 1, MAX_WARMUPS);
      double[] s = new double[repeat];
      double rss = 0;
      double check = 0;
      for (int r = 0; r < repeat; r++) {
        if (resetPeak) {
          System.gc();
          Memory.resetPeak();
        }
        long start = System.nanoTime();
        check = op.run();
        s[r] = Timing.secondsSince(start);
        rss = Math.max(rss, Memory.peakRssMb());
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
          Memory.resetPeak();
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
            rss = Math.max(rss, Memory.peakRssMb());
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
