package io.jask.bench;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;

import io.jask.array.Array;
import io.jask.array.NDArray;
import io.jask.array.Slice;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import io.jask.core.scheduler.ThreadedScheduler;
import io.jask.distributed.client.Client;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench array}: chunked arrays on {@code x = random((20000, 20000), chunks (2000,
 * 2000))} (3.2 GB of float64), on the threaded scheduler and on a distributed cluster with one
 * in-process worker:
 *
 * <ul>
 *   <li>{@code array_mean}: {@code x.mean()}; {@code array_xpxT_sum0}: {@code (x + x.T).sum(0)};
 *       {@code array_strided_std}: {@code x[::2, ::2].std()}, each generating {@code x} on the fly;
 *   <li>the same three with {@code x} persisted in memory first ({@code _persisted});
 *   <li>{@code membw_one}, {@code membw_all}: this machine's memory bandwidth, summing a large
 *       {@code double[]} on one thread and on all, the limit the persisted workloads run against.
 * </ul>
 *
 * <p>Each line is the median of {@code --repeat} runs with {@code seconds=} and {@code
 * peak_rss_mb=} (the process's peak resident memory during the runs, reset before each workload
 * where Linux allows). The runs follow unreported warm-ups: first on an array of as many blocks,
 * each tiny, until the JIT compiler has settled ({@code small_warmups=} runs; see {@link
 * #warmOnSmall}), then on {@code x}, {@code --warmup} at least and more, up to {@code
 * --max-warmup}, until it has settled again ({@link JitWarmUp}); {@code warmups=} says how many ran
 * and {@code jit_ms=} how long the compiler threads still compiled during the measured runs, all
 * threads together. Before its workloads, the distributed cluster's runtime is warmed up with
 * bursts of tiny tasks ({@link RuntimeWarmUp}), as a cluster that has served for a while would be. {@code --scale} shrinks both the array and its chunks (0.25: 5000 x 5000 in
 * chunks of 500). {@code --dask} runs the same workloads on dask.array with NumPy and prints
 * {@code RATIO} lines (above 1: Jask is faster); the persisted workloads, bound by memory
 * bandwidth, which drifts on a virtual machine, run alternately on Jask and on Dask ({@code
 * alternated=true}), the others on Dask after Jask's.
 */
@Command(name = "array", mixinStandardHelpOptions = true,
    description = "Chunked array workloads (mean, (x + x.T).sum(0), strided std) and memory bandwidth.")
final class ArrayBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scale", defaultValue = "1.0", description = "Shrink the 20000 x 20000 problem (and its chunks) by this factor per axis (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured runs per workload; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--schedulers", defaultValue = "threads,dist-inproc", split = ",", description = "Which of threads, dist-inproc to run (default: ${DEFAULT-VALUE}).")
  List<String> schedulers;

  @Option(names = "--warmup", defaultValue = "1", description = "Unreported runs before each workload's measured ones, at least (default: ${DEFAULT-VALUE}).")
  int minWarmup;

  @Option(names = "--max-warmup", defaultValue = "10", description = "More unreported runs, up to this many, while the JIT compiler still compiles for over 5%% of a run (default: ${DEFAULT-VALUE}).")
  int maxWarmup;

  @Option(names = "--threads", description = "Threads of the threaded scheduler, of the dist-inproc worker and of membw_all"
      + " (default: the processors; the dist-inproc worker: 4, as the lesson's cluster).")
  Integer threads;

  @Option(names = "--dask", description = "Also run the workloads on dask.array and print RATIO lines.")
  boolean dask;

  @Option(names = "--python", defaultValue = DaskComparison.DEFAULT_PYTHON, description = "The Python interpreter with Dask (default: ${DEFAULT-VALUE}).")
  String python;

  private static final long SEED = 20_000;
  /** The side of a block of the small array the warm-ups run on (see {@link #warmOnSmall}). */
  private static final int SMALL_CHUNK = 16;
  private static final int SMALL_BATCH = 50;
  private static final int MAX_SMALL_BATCHES = 20;
  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (minWarmup < 0 || maxWarmup < minWarmup) {
      throw new IllegalArgumentException("--warmup and --max-warmup must satisfy 0 <= --warmup <= --max-warmup, got "
          + minWarmup + " and " + maxWarmup);
    }
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    if (scale <= 0 || scale > 1) {
      throw new IllegalArgumentException("--scale must be in (0, 1], got " + scale);
    }
    int n = (int) Math.round(20_000 * scale);
    int c = Math.max(1, (int) Math.round(2_000 * scale));
    long membwElements = Math.max(8_000_000L, Math.round(200_000_000L * scale * scale));
    out.printf(Locale.ROOT, "NOTE array shape=(%d, %d) chunks=(%d, %d) gb=%.2f threads=%d%n", n, n, c, c,
        8.0 * n * n / 1e9, threads != null ? threads : Runtime.getRuntime().availableProcessors());
    out.flush();
    Map<String, Double> jask = new LinkedHashMap<>();
    try (DaskScript.Session persistedOnDask = dask ? daskPersisted(n, c) : null) {
      for (String s : schedulers) {
        switch (s) {
          case "threads" -> {
            try (ThreadedScheduler threaded = threads != null ? new ThreadedScheduler(threads) : null) {
              workloads(jask, "threads", threaded != null ? threaded : Schedulers.threads(), n, c, persistedOnDask);
            }
          }
          case "dist-inproc" -> {
            try (Client client = threads != null
                ? Client.local(o -> o.processes(false).nWorkers(1).threadsPerWorker(threads))
                : BenchClusters.DIST_INPROC.start()) {
              warmRuntime(client);
              workloads(jask, "dist-inproc", client, n, c, persistedOnDask);
            }
          }
          default -> throw new IllegalArgumentException("unknown scheduler '" + s + "': use threads or dist-inproc");
        }
      }
    }
    double[] bw = membw(membwElements);
    if (dask) {
      compareWithDask(jask, n, c, membwElements, bw);
    }
    return 0;
  }

  private void warmRuntime(Client client) {
    long start = System.nanoTime();
    int bursts = RuntimeWarmUp.warm(client);
    out.printf(Locale.ROOT, "NOTE dist-inproc runtime warmed up: %d tiny tasks in %d bursts, %.1f s%n",
        bursts * RuntimeWarmUp.TASKS_PER_BURST, bursts, Timing.secondsSince(start));
    out.flush();
  }

  /**
   * Dask with {@code x} persisted, running a persisted workload when asked: the persisted workloads
   * are bound by memory bandwidth, which on a virtual machine changes from minute to minute, so
   * their Dask runs alternate with Jask's rather than following them.
   */
  private DaskScript.Session daskPersisted(int n, int c) {
    return new DaskScript(python, out).session("dask_array.py", List.of("--n", Integer.toString(n), "--chunk",
        Integer.toString(c), "--membw-elements", "1", "--serve-persisted"));
  }

  private void workloads(Map<String, Double> results, String scheduler, Scheduler s, int n, int c,
      DaskScript.Session persistedOnDask) {
    Array x = Array.random(shape(n, n), chunks(c, c), SEED);
    // As many blocks as x, each tiny, to warm up the code each block and each run pass through;
    // where x's own blocks are small, its warm-ups do that.
    int blocks = (n + c - 1) / c;
    Array small = c <= 4 * SMALL_CHUNK ? null
        : Array.random(shape(blocks * SMALL_CHUNK, blocks * SMALL_CHUNK), chunks(SMALL_CHUNK, SMALL_CHUNK), SEED);
    run(results, "array_mean", scheduler, s, x, small, a -> a.mean(), null);
    run(results, "array_xpxT_sum0", scheduler, s, x, small, a -> a.add(a.transpose()).sum(0), null);
    run(results, "array_strided_std", scheduler, s, x, small, a -> a.slice(Slice.step(2), Slice.step(2)).std(), null);
    // On a client, the persisted blocks stay on the workers, as Dask's persist leaves them.
    Array xp;
    Array smallP;
    try {
      xp = x.persist(s);
      smallP = small == null ? null : small.persist(s);
    } catch (RuntimeException e) {
      out.printf(Locale.ROOT, "NOTE persisted workloads skipped on %s: persist failed: %s%n", scheduler, e.getMessage());
      out.flush();
      return;
    }
    run(results, "array_mean_persisted", scheduler, s, xp, smallP, a -> a.mean(), persistedOnDask);
    run(results, "array_xpxT_sum0_persisted", scheduler, s, xp, smallP, a -> a.add(a.transpose()).sum(0),
        persistedOnDask);
    run(results, "array_strided_std_persisted", scheduler, s, xp, smallP,
        a -> a.slice(Slice.step(2), Slice.step(2)).std(), persistedOnDask);
  }

  /**
   * Measures {@code workload} after its warm-ups: first batches of runs on {@code small} (if any),
   * then runs on {@code x} itself. With {@code dask}, Dask runs it once unreported after Jask's
   * warm-ups, then once after each of Jask's measured runs, and its figures are reported next to
   * Jask's.
   */
  private void run(Map<String, Double> results, String name, String scheduler, Scheduler s, Array x, Array small,
      Function<Array, Array> workload, DaskScript.Session dask) {
    int smallWarmups = warmOnSmall(s, small, workload);
    int warmups = JitWarmUp.run(() -> workload.apply(x).compute(s), minWarmup, maxWarmup);
    if (dask != null) {
      dask.sample(name); // Dask's warm-up, unreported
    }
    long jit = JitWarmUp.compilationMillis();
    double[] seconds = new double[repeat];
    double peak = 0;
    List<Map<String, String>> daskSamples = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      Memory.resetPeak();
      long start = System.nanoTime();
      NDArray result = workload.apply(x).compute(s);
      seconds[r] = Timing.secondsSince(start);
      peak = Math.max(peak, Memory.peakRssMb());
      if (result.size() == 0) {
        throw new IllegalStateException(name + " gave an empty result");
      }
      if (dask != null) {
        daskSamples.add(dask.sample(name));
      }
    }
    double median = Timing.median(seconds);
    results.put(name + " " + scheduler, median);
    long jitMs = jit < 0 ? -1 : JitWarmUp.compilationMillis() - jit;
    out.printf(Locale.ROOT, "RESULT name=%s scheduler=%s seconds=%.4f peak_rss_mb=%.0f warmups=%d small_warmups=%d"
        + " jit_ms=%d%n", name, scheduler, median, peak, warmups, smallWarmups, jitMs);
    if (dask != null) {
      double daskMedian = Timing.median(DaskScript.values(daskSamples, "seconds"));
      double daskPeak = Arrays.stream(DaskScript.values(daskSamples, "peak_rss_mb")).max().orElse(Double.NaN);
      out.printf(Locale.ROOT, "RESULT name=%s scheduler=dask-threads seconds=%.4f peak_rss_mb=%.0f alternated_with=%s%n",
          name, daskMedian, daskPeak, scheduler);
      out.printf(Locale.ROOT, "RATIO name=%s jask=%s dask=dask-threads jask_s=%.4f dask_s=%.4f speedup=%.2f alternated=true%n",
          name, scheduler, median, daskMedian, daskMedian / median);
    }
    out.flush();
  }

  /**
   * Runs {@code workload} on {@code small} in batches of {@link #SMALL_BATCH} until the JIT has
   * settled ({@link JitWarmUp}), at most {@link #MAX_SMALL_BATCHES}. A full-size run passes only a
   * few hundred times through the code run per block and per run (building and submitting the
   * graph, the runtime's handling of each task, a kernel's set-up), so warm-ups at full size alone
   * leave the compiler busy on the same cores as the measured runs; tiny blocks reach its
   * thresholds in seconds.
   *
   * @return the runs made on {@code small}; 0 where it is null
   */
  private static int warmOnSmall(Scheduler s, Array small, Function<Array, Array> workload) {
    if (small == null) {
      return 0;
    }
    int batches = JitWarmUp.run(() -> {
      for (int i = 0; i < SMALL_BATCH; i++) {
        workload.apply(small).compute(s);
      }
    }, 1, MAX_SMALL_BATCHES);
    return batches * SMALL_BATCH;
  }

  /**
   * Sums {@code elements} doubles on one thread, then on all; returns both in GB/s. The values lie
   * in one array per thread, each allocated and filled on a thread of the pool, as the blocks of an
   * array are: on a machine of several memory nodes, one array filled by one thread would lie on
   * one node and measure that node's bandwidth, not the machine's.
   */
  private double[] membw(long elements) throws Exception {
    int all = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    double[] gbs = new double[2];
    ExecutorService pool = Executors.newFixedThreadPool(all);
    try {
      double[][] slices = filledSlices(elements, all, pool);
      for (int mode = 0; mode < 2; mode++) {
        int t = mode == 0 ? 1 : all;
        sumSlices(slices, t, pool); // warm-up
        double[] seconds = new double[repeat];
        for (int k = 0; k < repeat; k++) {
          long start = System.nanoTime();
          sumSlices(slices, t, pool);
          seconds[k] = Timing.secondsSince(start);
        }
        double median = Timing.median(seconds);
        gbs[mode] = 8.0 * elements / median / 1e9;
        out.printf(Locale.ROOT, "RESULT name=membw_%s threads=%d seconds=%.4f gb_per_s=%.2f%n",
            mode == 0 ? "one" : "all", t, median, gbs[mode]);
        out.flush();
      }
    } finally {
      pool.shutdownNow();
    }
    return gbs;
  }

  /** {@code elements} random doubles in {@code count} arrays, each made on a thread of {@code pool}. */
  private static double[][] filledSlices(long elements, int count, ExecutorService pool) throws Exception {
    List<Future<double[]>> made = new ArrayList<>();
    long step = (elements + count - 1) / count;
    for (int s = 0; s < count; s++) {
      int length = (int) Math.max(0, Math.min(step, elements - s * step));
      long seed = s + 1;
      made.add(pool.submit(() -> {
        double[] slice = new double[length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
          slice[i] = r.nextDouble();
        }
        return slice;
      }));
    }
    double[][] slices = new double[count][];
    for (int s = 0; s < count; s++) {
      slices[s] = made.get(s).get();
    }
    return slices;
  }

  /** The sum of all {@code slices}: on this thread when {@code threads} is 1, else a slice per task. */
  private static double sumSlices(double[][] slices, int threads, ExecutorService pool) throws Exception {
    double total = 0;
    if (threads == 1) {
      for (double[] slice : slices) {
        total += sum(slice, 0, slice.length);
      }
      return total;
    }
    List<Future<Double>> parts = new ArrayList<>();
    for (double[] slice : slices) {
      parts.add(pool.submit(() -> sum(slice, 0, slice.length)));
    }
    for (Future<Double> f : parts) {
      total += f.get();
    }
    return total;
  }

  private static double sum(double[] a, int from, int to) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private void compareWithDask(Map<String, Double> jask, int n, int c, long membwElements, double[] bw) {
    // the persisted workloads ran alternated with Jask's
    List<Map<String, String>> samples = new DaskScript(python, out).samples("dask_array.py", List.of(
        "--n", Integer.toString(n), "--chunk", Integer.toString(c), "--repeat", Integer.toString(repeat),
        "--membw-elements", Long.toString(membwElements), "--skip-persisted"));
    for (List<Map<String, String>> group : DaskScript.groups(samples, "name")) {
      String name = group.get(0).get("name");
      double median = Timing.median(DaskScript.values(group, "seconds"));
      if (name.startsWith("membw")) {
        double g = Timing.median(DaskScript.values(group, "gb_per_s"));
        out.printf(Locale.ROOT, "RESULT name=%s scheduler=numpy seconds=%.4f gb_per_s=%.2f%n", name, median, g);
        double mine = name.endsWith("one") ? bw[0] : bw[1];
        out.printf(Locale.ROOT, "RATIO name=%s jask_gb_per_s=%.2f numpy_gb_per_s=%.2f ratio=%.2f%n", name, mine, g, mine / g);
        continue;
      }
      double peak = group.stream().filter(f -> f.containsKey("peak_rss_mb"))
          .mapToDouble(f -> Double.parseDouble(f.get("peak_rss_mb"))).max().orElse(Double.NaN);
      out.printf(Locale.ROOT, "RESULT name=%s scheduler=dask-threads seconds=%.4f peak_rss_mb=%.0f%n", name, median, peak);
      for (String s : schedulers) {
        Double j = jask.get(name + " " + s);
        if (j != null) {
          out.printf(Locale.ROOT, "RATIO name=%s jask=%s dask=dask-threads jask_s=%.4f dask_s=%.4f speedup=%.2f%n",
              name, s, j, median, median / j);
        }
      }
    }
    Double persisted = jask.get("array_mean_persisted threads");
    if (persisted != null) {
      double limit = 8.0 * n * n / (bw[1] * 1e9);
      out.printf(Locale.ROOT, "RATIO name=array_mean_persisted_vs_membw_all jask_s=%.4f membw_s=%.4f ratio=%.2f%n",
          persisted, limit, persisted / limit);
    }
    out.flush();
  }
}
