package io.jask.bench;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench futures}: the futures API's throughput and latency on local clusters
 * ({@code dist-inproc}: 1 worker of 4 threads in this JVM; {@code dist-2proc}: 2 worker JVMs of
 * 1 thread each):
 *
 * <ul>
 *   <li>{@code futures_submit_10k}: 10,000 tiny tasks submitted one by one, then gathered;
 *   <li>{@code futures_map_10k}: {@code map} over 10,000 items, then gathered;
 *   <li>{@code futures_roundtrip}: {@code submit(inc, i).result()}, one after the other.
 * </ul>
 *
 * <p>Every result is checked. As for any JVM benchmark, each cluster first runs {@code --warmup}
 * unreported rounds of each workload (and 100 unreported round trips), so that the JIT compiler
 * has compiled the client's, scheduler's and workers' paths; each figure is then the median of
 * {@code --repeat} rounds. The warm-up matters: a fresh JVM (and each fresh worker JVM of {@code
 * dist-2proc}) still spends a large share of its CPU compiling during the first ten thousands of
 * tasks, and on a busy two-core machine the figures keep rising for several rounds. Python has no
 * such warm-up to give; Dask gets one unreported round.
 *
 * <p>With {@code --dask}, the same workloads run on Dask's distributed scheduler afterwards, on the
 * same kinds of clusters ({@code dask-inproc}: {@code Client(processes=False, n_workers=1,
 * threads_per_worker=4)}; {@code dask-2proc}: 2 worker processes of 1 thread), and {@code RATIO}
 * lines compare the two: throughput as Jask/Dask, latency as Dask/Jask (above 1, Jask is ahead).
 * Dask's rounds are slow, so it runs fewer tasks and round trips ({@code --dask-tasks}, {@code
 * --dask-roundtrips}); throughput is per task either way, and a {@code NOTE} line says so.
 */
@Command(name = "futures", mixinStandardHelpOptions = true,
    description = "Throughput of submit and map, and round-trip latency, on local clusters; with --dask, on Dask's too.")
final class FuturesBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tasks", defaultValue = "10000", description = "Tasks for submit and map (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--roundtrips", defaultValue = "1000", description = "Round trips to time (default: ${DEFAULT-VALUE}).")
  int roundtrips;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured rounds; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--warmup", defaultValue = "5", description = "Unreported rounds of each workload before them (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--cluster", description = "Only this cluster: dist-inproc or dist-2proc (default: both).")
  String only;

  @Option(names = "--dask", description = "Also run the workloads on Dask's distributed scheduler and print RATIO lines.")
  boolean dask;

  @Option(names = "--python", defaultValue = DaskComparison.DEFAULT_PYTHON, description = "The Python interpreter with Dask (default: ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--dask-tasks", defaultValue = "1000", description = "Tasks for Dask's submit and map (default: ${DEFAULT-VALUE}).")
  int daskTasks;

  @Option(names = "--dask-roundtrips", defaultValue = "200", description = "Round trips to time on Dask (default: ${DEFAULT-VALUE}).")
  int daskRoundtrips;

  /** Jask's figures by {@code workload cluster}: tasks per second, or a round trip's milliseconds. */
  private final Map<String, Double> jask = new LinkedHashMap<>();

  @Override
  public Integer call() {
    if (tasks < 1 || roundtrips < 1 || repeat < 1 || daskTasks < 1 || daskRoundtrips < 1) {
      throw new ParameterException(spec.commandLine(),
          "--tasks, --roundtrips, --repeat, --dask-tasks and --dask-roundtrips must be at least 1");
    }
    if (warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
    }
    if (only != null && Arrays.stream(BenchClusters.values()).noneMatch(k -> k.schedulerName().equals(only))) {
      throw new ParameterException(spec.commandLine(), "--cluster must be dist-inproc or dist-2proc, got " + only);
    }
    PrintWriter out = spec.commandLine().getOut();
    DaskFutures daskRun = null;
    if (dask) {
      daskRun = new DaskFutures(python, spec.commandLine().getErr());
      if (!daskRun.available()) {
        throw new ParameterException(spec.commandLine(),
            "--dask needs a Python with dask.distributed: " + python + " has none (apt install python3-distributed)");
      }
    }
    out.printf(Locale.ROOT, "NOTE load_average=%.2f cpus=%d warmup_rounds=%d measured_rounds=%d%n",
        loadAverage(), Runtime.getRuntime().availableProcessors(), warmup, repeat);
    List<String> daskClusters = new ArrayList<>();
    for (BenchClusters kind : BenchClusters.values()) {
      if (only != null && !only.equals(kind.schedulerName())) {
        continue;
      }
      daskClusters.add(daskName(kind.schedulerName()));
      try (Client client = kind.start()) {
        String name = kind.schedulerName();
        double submit = medianSeconds(() -> submitAll(client));
        out.printf(Locale.ROOT, "RESULT name=futures_submit_%s scheduler=%s tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
            label(tasks), name, tasks, submit, tasks / submit);
        jask.put("futures_submit " + name, tasks / submit);
        double map = medianSeconds(() -> mapAll(client));
        out.printf(Locale.ROOT, "RESULT name=futures_map_%s scheduler=%s tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
            label(tasks), name, tasks, map, tasks / map);
        jask.put("futures_map " + name, tasks / map);
        double[] latencies = roundtrips(client);
        double medianMs = Timing.median(latencies) * 1e3;
        out.printf(Locale.ROOT, "RESULT name=futures_roundtrip scheduler=%s tasks=%d median_ms=%.3f%n",
            name, roundtrips, medianMs);
        jask.put("futures_roundtrip " + name, medianMs);
        out.flush();
      }
    }
    if (daskRun != null) {
      compareWithDask(out, daskRun, daskClusters);
    }
    return 0;
  }

  private void compareWithDask(PrintWriter out, DaskFutures daskRun, List<String> clusters) {
    out.printf(Locale.ROOT, "NOTE Dask runs %d tasks per round and %d round trips (Jask: %d and %d): its rounds are"
        + " slow, and throughput and the median round trip are per task either way%n",
        daskTasks, daskRoundtrips, tasks, roundtrips);
    out.flush();
    for (DaskFutures.Figure f : daskRun.run(clusters, daskTasks, daskRoundtrips, repeat)) {
      String jaskCluster = f.cluster().replace("dask-", "dist-");
      Double mine = jask.get(f.name() + " " + jaskCluster);
      if (f.name().equals("futures_roundtrip")) {
        out.printf(Locale.ROOT, "RESULT name=futures_roundtrip scheduler=%s tasks=%d median_ms=%.3f%n",
            f.cluster(), f.tasks(), f.value());
        out.printf(Locale.ROOT, "RATIO name=futures_roundtrip jask=%s dask=%s jask_ms=%.3f dask_ms=%.3f"
            + " latency_ratio=%.3f%n", jaskCluster, f.cluster(), mine, f.value(), f.value() / mine);
      } else {
        out.printf(Locale.ROOT, "RESULT name=%s_%s scheduler=%s tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
            f.name(), label(f.tasks()), f.cluster(), f.tasks(), f.value(), f.tasksPerSecond());
        out.printf(Locale.ROOT, "RATIO name=%s jask=%s dask=%s jask_tasks_per_s=%.0f dask_tasks_per_s=%.0f"
            + " throughput_ratio=%.3f%n", f.name(), jaskCluster, f.cluster(), mine, f.tasksPerSecond(),
            mine / f.tasksPerSecond());
      }
    }
    out.printf(Locale.ROOT, "NOTE load_average=%.2f after Dask%n", loadAverage());
    out.flush();
  }

  private static String daskName(String jaskCluster) {
    return jaskCluster.replace("dist-", "dask-");
  }

  /** The system's load average over the last minute; negative where the JVM cannot tell. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String label(int tasks) {
    return tasks % 1000 == 0 ? (tasks / 1000) + "k" : String.valueOf(tasks);
  }

  /** Offsets keys between rounds: pure keys equal to an earlier round's would be reused, not run. */
  private int round;

  private void submitAll(Client client) {
    int offset = ++round * tasks;
    List<Future<Long>> futures = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      futures.add(client.submit(Workloads::inc, (long) (offset + i)));
    }
    check(client.gather(futures), offset);
    futures.forEach(Future::release);
  }

  private void mapAll(Client client) {
    int offset = ++round * tasks;
    List<Long> items = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      items.add((long) (offset + i));
    }
    List<Future<Long>> futures = client.map(Workloads::inc, items);
    check(client.gather(futures), offset);
    futures.forEach(Future::release);
  }

  private void check(List<Long> results, int offset) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) != offset + i + 1) {
        throw new IllegalStateException("task " + i + " gave " + results.get(i) + ", expected " + (offset + i + 1));
      }
    }
  }

  private double[] roundtrips(Client client) {
    int offset = ++round * tasks + 1_000_000_000;
    for (int i = 0; i < Math.min(100, roundtrips); i++) {
      client.submit(Workloads::inc, (long) offset - i - 1).result(); // warm-up
    }
    double[] seconds = new double[roundtrips];
    for (int i = 0; i < roundtrips; i++) {
      long start = System.nanoTime();
      Future<Long> f = client.submit(Workloads::inc, (long) (offset + i));
      long value = f.result();
      seconds[i] = Timing.secondsSince(start);
      f.release();
      if (value != offset + i + 1) {
        throw new IllegalStateException("round trip " + i + " gave " + value);
      }
    }
    return seconds;
  }

  private double medianSeconds(Runnable workload) {
    for (int w = 0; w < warmup; w++) {
      workload.run(); // unreported: the JIT compiles the paths first
    }
    double[] seconds = new double[repeat];
    for (int r = 0; r < repeat; r++) {
      long start = System.nanoTime();
      workload.run();
      seconds[r] = Timing.secondsSince(start);
    }
    return Timing.median(seconds);
  }
}
