package io.jask.bench;

import io.jask.core.Delayed;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import io.jask.core.scheduler.ThreadedScheduler;
import io.jask.distributed.client.Client;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench delayed}: the per-task overhead of {@code Delayed} graphs of trivial tasks,
 * on the synchronous and threaded schedulers, and on Dask's when Dask is installed.
 *
 * <p>For each workload and scheduler it times building the graph and, separately, {@code
 * compute()}, checks the result, and prints the medians as one {@code RESULT} line; with Dask,
 * {@code RATIO} lines follow. Progress goes to standard error, so standard output holds only
 * {@code RESULT}, {@code RATIO} and {@code NOTE} lines.
 */
@Command(name = "delayed", mixinStandardHelpOptions = true,
    description = {"Time Delayed graphs of trivial tasks on Jask's schedulers, and on Dask's.",
        "",
        "Workloads: a tree of 100,000 inc tasks summed by add tasks (199,999 tasks), and a"
            + " chain of 10,000 dependent inc tasks, each on the sync and threads schedulers,"
            + " then on Dask's when python3-dask is installed (Dask takes minutes at full size:"
            + " --size-scale 0.1 for a quick look)."})
final class DelayedBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured rounds per workload and scheduler; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--warmup", defaultValue = "1", description = "Unreported rounds before them (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--size-scale", defaultValue = "1", description = "Scale the task counts by this factor, for quick checks (default: ${DEFAULT-VALUE}).")
  double sizeScale;

  @Option(names = "--no-dask", description = "Skip the comparison with Dask.")
  boolean noDask;

  @Option(names = "--distributed", description = "Also run on local clusters: dist-inproc (1 worker, 4 threads) and dist-2proc (2 worker JVMs).")
  boolean distributed;

  @Option(names = "--python", defaultValue = DaskComparison.DEFAULT_PYTHON, description = "The Python interpreter with Dask (default: ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() {
    checkOptions();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    Map<DelayedWorkload, Integer> sizes = new EnumMap<>(DelayedWorkload.class);
    for (DelayedWorkload w : DelayedWorkload.values()) {
      sizes.put(w, w.size(sizeScale));
    }

    List<BenchResult> jask = new ArrayList<>();
    try (ThreadedScheduler threads = new ThreadedScheduler()) {
      for (DelayedWorkload w : DelayedWorkload.values()) {
        jask.add(print(out, measure(w, sizes.get(w), "sync", Schedulers.sync(), log)));
        jask.add(print(out, measure(w, sizes.get(w), "threads", threads, log)));
      }
    }
    if (distributed) {
      for (BenchClusters kind : BenchClusters.values()) {
        try (Client client = kind.start()) {
          for (DelayedWorkload w : DelayedWorkload.values()) {
            print(out, measure(w, sizes.get(w), kind.schedulerName(), client, log));
          }
        }
      }
    }

    if (noDask) {
      return 0;
    }
    DaskComparison dask = new DaskComparison(python, log);
    if (!dask.available()) {
      log.println("jask bench: '" + python + " -c \"import dask\"' failed");
      print(out, "NOTE dask not found (install python3-dask to compare)");
      return 0;
    }
    log.println("jask bench: running the same workloads on Dask with " + python + " ...");
    log.flush();
    List<BenchResult> daskResults = dask.run(sizes, repeat, warmup);
    for (BenchResult r : daskResults) {
      print(out, r);
    }
    for (BenchResult j : jask) {
      BenchResult d = find(daskResults, j.name(), "dask-" + j.scheduler());
      print(out, BenchResult.ratioLine(j, d));
    }
    return 0;
  }

  private void checkOptions() {
    if (repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, got " + repeat);
    }
    if (warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
    }
    if (!(sizeScale > 0) || Double.isInfinite(sizeScale)) {
      throw new ParameterException(spec.commandLine(), "--size-scale must be a positive number, got " + sizeScale);
    }
  }

  /** Warm-up rounds, then measured rounds of building the graph and computing it. */
  private BenchResult measure(DelayedWorkload w, int size, String schedulerName, Scheduler scheduler, PrintWriter log) {
    log.println("jask bench: " + w.reportName() + " on " + schedulerName + " ...");
    log.flush();
    int tasks = w.tasks(size);
    long expected = w.expected(size);
    double[] seconds = new double[repeat];
    double[] build = new double[repeat];
    for (int round = -warmup; round < repeat; round++) {
      long start = System.nanoTime();
      Delayed<Long> root = w.build(size);
      double buildSeconds = Timing.secondsSince(start);
      start = System.nanoTime();
      long result = root.compute(scheduler);
      double computeSeconds = Timing.secondsSince(start);
      if (result != expected) {
        throw new IllegalStateException(w.reportName() + " on " + schedulerName + " computed " + result
            + ", but a plain loop gives " + expected);
      }
      if (round == 0 && root.graph().size() != tasks) {
        throw new IllegalStateException(w.reportName() + " has " + root.graph().size() + " tasks, expected " + tasks);
      }
      if (round >= 0) {
        seconds[round] = computeSeconds;
        build[round] = buildSeconds;
      }
    }
    return BenchResult.ofMedians(w.reportName(), schedulerName, tasks, seconds, build);
  }

  private static BenchResult find(List<BenchResult> results, String name, String scheduler) {
    for (BenchResult r : results) {
      if (r.name().equals(name) && r.scheduler().equals(scheduler)) {
        return r;
      }
    }
    throw new IllegalStateException("no Dask result for " + name + " on " + scheduler);
  }

  private static BenchResult print(PrintWriter out, BenchResult result) {
    print(out, result.resultLine());
    return result;
  }

  private static void print(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
