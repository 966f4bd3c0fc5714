package io.jask.cli;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.diagnostics.ProgressBar;
import io.jask.core.scheduler.ThreadedScheduler;
import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.client.FuturesProgress;
import io.jask.array.UnaryOp;
import io.jask.xarray.DataArray;
import io.jask.xarray.Dataset;
import io.jask.xarray.Xr;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Jask's main job, the lesson in one command. First a real parallel computation on the threaded
 * scheduler, with a progress bar and a summary: π by Monte Carlo in many independent chunks,
 * summed by a tree of tasks, once on one thread and once on every core, checked to agree. Then
 * the lesson's cluster ({@code Client(processes=False, threads_per_worker=4, n_workers=1,
 * memory_limit='2GB')}): futures, and the same delayed computation run on it. Last, the lesson's
 * "Using Dask with Xarray" on that cluster: a multi-year daily temperature data set (NetCDF-4,
 * made once and cached) opened lazily, its monthly climatology and its area-weighted global-mean
 * series.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a parallel computation with a progress bar and its speed-up, then on a local cluster.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--chunks", defaultValue = "400", description = "Independent chunks of work (default: ${DEFAULT-VALUE}).")
  int chunks;

  @Option(names = "--samples", defaultValue = "1000000", description = "Random points per chunk (default: ${DEFAULT-VALUE}).")
  long samples;

  @Option(names = "--threads", description = "Threads for the parallel run (default: one per core).")
  Integer threads;

  @Option(names = "--wait", description = "Keep the cluster and its dashboard up after the demo, until Ctrl-C.")
  boolean waitAfter;

  @Option(names = "--data", description = "Where the climate data set is made once and kept (default: ~/.cache/jask/demo).")
  Path data;

  @Option(names = "--years", defaultValue = "3", description = "Years of daily data in the climate data set (default: ${DEFAULT-VALUE}).")
  int years;

  @Override
  public Integer call() {
    if (chunks < 1 || samples < 1) {
      throw new IllegalArgumentException("--chunks and --samples must be at least 1");
    }
    int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "Jask demo: estimating pi from %,d random points in %d chunks%n", chunks * samples, chunks);

    warmUp(parallel);
    Run serial = run(1, out, "1 thread");
    Run par = run(parallel, out, parallel + " threads");
    if (serial.hits != par.hits) {
      throw new IllegalStateException("the two runs disagree: " + serial.hits + " vs " + par.hits);
    }
    double pi = 4.0 * par.hits / (chunks * (double) samples);
    out.printf(Locale.ROOT, "%npi ~ %.6f (error %.1e)%n", pi, Math.abs(pi - Math.PI));
    out.printf(Locale.ROOT, "tasks: %d   1 thread: %.2f s   %d threads: %.2f s   speed-up: %.2fx%n",
        par.tasks, serial.seconds, parallel, par.seconds, serial.seconds / par.seconds);
    onACluster(out, par.hits);
    return 0;
  }

  /** The lesson's cluster: one worker of 4 threads in this JVM, futures and delayed on it. */
  private void onACluster(PrintStream out, long expectedHits) {
    out.println("\nA local cluster, as in the lesson: processes=false, 1 worker, 4 threads, 2GB");
    try (Client client = Client.local(c -> c.processes(false).threadsPerWorker(4).nWorkers(1).memoryLimit("2GB"))) {
      out.println(client);
      client.dashboardLink().ifPresent(link -> out.println("Dashboard (open it now to watch): " + link));
      Future<Integer> f = client.submit(DemoCommand::inc, 10);
      out.println("client.submit(inc, 10).result() = " + f.result());
      List<Future<Integer>> fs = client.map(DemoCommand::inc, List.of(1, 2, 3));
      out.println("client.gather(client.map(inc, [1, 2, 3])) = " + client.gather(fs));

      out.println("\npi chunks as futures on the cluster:");
      List<Long> seeds = new ArrayList<>();
      for (long i = 0; i < chunks; i++) {
        seeds.add(i);
      }
      long perChunk = samples;
      List<Future<Long>> hits = client.map((Long seed) -> MonteCarlo.countHits(seed, perChunk), seeds);
      FuturesProgress.show(hits, out);
      long futuresTotal = client.gather(hits).stream().mapToLong(Long::longValue).sum();

      out.println("\nthe same as delayed tasks; compute() runs on the cluster while the client is open:");
      long start = System.nanoTime();
      long delayedTotal = treeSum(chunkTasks()).compute();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (futuresTotal != expectedHits || delayedTotal != expectedHits) {
        throw new IllegalStateException("the cluster disagrees with the threaded scheduler: "
            + futuresTotal + " and " + delayedTotal + " vs " + expectedHits);
      }
      out.printf(Locale.ROOT, "pi ~ %.6f from futures and from delayed (%.2f s), as on the threaded scheduler%n",
          4.0 * delayedTotal / (chunks * (double) samples), seconds);
      climate(out);
      if (waitAfter) {
        out.println("\nThe cluster and its dashboard stay up until Ctrl-C.");
        out.flush();
        UntilStopped.run(new java.util.concurrent.CompletableFuture<>(), () -> {});
      }
    }
  }

  /**
   * The lesson's "Using Dask with Xarray": open a multi-year daily temperature data set lazily
   * (metadata only), then compute the monthly climatology and the area-weighted global-mean series
   * on the cluster, each chunk read by a task on the worker.
   */
  private void climate(PrintStream out) {
    if (years < 1) {
      throw new IllegalArgumentException("--years must be at least 1");
    }
    Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".cache", "jask", "demo");
    out.println("\nLabelled arrays: a daily temperature data set, opened lazily");
    List<Path> files;
    try {
      files = DemoData.ensure(dir, years, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the demo data set under " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making the demo data set", e);
    }
    long start = System.nanoTime();
    Dataset ds = Xr.openMfDataset(files, "time");
    out.printf(Locale.ROOT, "Xr.openMfDataset(%d files, \"time\") read the metadata in %.2f s; nothing else yet:%n",
        files.size(), (System.nanoTime() - start) / 1e9);
    out.println(ds);
    DataArray tas = ds.get("tas");

    out.println("\nmonthly climatology: tas.groupBy(\"time.month\").mean(), one partial-sum task per chunk:");
    start = System.nanoTime();
    DataArray clim = tas.groupBy("time.month").mean().compute();
    double climSeconds = (System.nanoTime() - start) / 1e9;
    DataArray w = tas.coordinate("lat").times(Math.PI / 180).apply(UnaryOp.COS);
    double[] climGlobal = clim.weighted(w).mean("lat", "lon").values().toDoubleArray();
    String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    double[] north = clim.sel("lat", 0.0, 90.0).weighted(w.sel("lat", 0.0, 90.0)).mean("lat", "lon").values().toDoubleArray();
    out.println("month  global   northern hemisphere  (deg C, area-weighted)");
    for (int m = 0; m < climGlobal.length; m++) {
      out.printf(Locale.ROOT, "%s    %6.2f   %6.2f%n", months[m], climGlobal[m] - 273.15, north[m] - 273.15);
    }
    out.printf(Locale.ROOT, "computed in %.2f s%n", climSeconds);

    out.println("\narea-weighted global-mean series: tas.weighted(cos(lat)).mean(\"lat\", \"lon\"), year by year:");
    start = System.nanoTime();
    int total = files.size();
    List<Double> annual = new ArrayList<>();
    long days = tas.sizes().get("time");
    for (int y = 0; y < total; y++) {
      long from = days * y / total;
      long to = days * (y + 1) / total;
      double[] series = tas.isel("time", from, to).weighted(w).mean("lat", "lon").values().toDoubleArray();
      double sum = 0;
      for (double v : series) {
        sum += v;
      }
      annual.add(sum / series.length);
      out.print("\r" + ProgressBar.line(y + 1, total, System.nanoTime() - start, 40));
      out.flush();
    }
    out.println();
    for (int y = 0; y < annual.size(); y++) {
      out.printf(Locale.ROOT, "%s  global mean %.3f deg C%n", tas.coord("time").label((int) (days * y / total)).toString().substring(0, 4),
          annual.get(y) - 273.15);
    }
    out.printf(Locale.ROOT, "computed in %.2f s on the cluster%n", (System.nanoTime() - start) / 1e9);
  }

  static int inc(int x) {
    return x + 1;
  }

  private List<Delayed<Long>> chunkTasks() {
    List<Delayed<Long>> parts = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      parts.add(Jask.delayed(MonteCarlo::countHits, (long) i, samples));
    }
    return parts;
  }

  /** A short quiet run first, so neither timed run pays for the JIT's warm-up. */
  private void warmUp(int nThreads) {
    List<Delayed<Long>> parts = new ArrayList<>();
    for (int i = 0; i < 16 * nThreads; i++) {
      parts.add(Jask.delayed(MonteCarlo::countHits, (long) -i - 1, Math.min(samples, 500_000L)));
    }
    try (ThreadedScheduler scheduler = new ThreadedScheduler(nThreads)) {
      treeSum(parts).compute(scheduler);
    }
  }

  private Run run(int nThreads, PrintStream out, String label) {
    Delayed<Long> total = treeSum(chunkTasks());
    int tasks = total.graph().size();
    out.println("\n" + label + ":");
    try (ThreadedScheduler scheduler = new ThreadedScheduler(nThreads);
        ProgressBar bar = ProgressBar.show(out, Duration.ZERO)) {
      long start = System.nanoTime();
      long hits = total.compute(scheduler);
      return new Run(hits, tasks, (System.nanoTime() - start) / 1e9);
    }
  }

  static long add(long a, long b) {
    return a + b;
  }

  /** Sums by a balanced tree of {@code add} tasks, so the reduction runs in parallel too. */
  static Delayed<Long> treeSum(List<Delayed<Long>> values) {
    List<Delayed<Long>> level = values;
    while (level.size() > 1) {
      List<Delayed<Long>> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(Jask.delayed(DemoCommand::add, level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  private record Run(long hits, int tasks, double seconds) {}
}
