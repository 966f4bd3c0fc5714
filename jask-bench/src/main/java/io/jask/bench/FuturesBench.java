package io.jask.bench;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench futures}: the futures API's throughput and latency on local clusters
 * ({@code dist-inproc}: 1 worker of 4 threads in this JVM; {@code dist-2proc}: 2 worker JVMs):
 *
 * <ul>
 *   <li>{@code futures_submit_10k}: 10,000 tiny tasks submitted one by one, then gathered;
 *   <li>{@code futures_map_10k}: {@code map} over 10,000 items, then gathered;
 *   <li>{@code futures_roundtrip}: {@code submit(inc, i).result()}, one after the other.
 * </ul>
 *
 * <p>Every result is checked; each figure is the median of {@code --repeat} rounds after one
 * unreported warm-up round.
 */
@Command(name = "futures", mixinStandardHelpOptions = true,
    description = "Throughput of submit and map, and round-trip latency, on local clusters.")
final class FuturesBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tasks", defaultValue = "10000", description = "Tasks for submit and map (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--roundtrips", defaultValue = "1000", description = "Round trips to time (default: ${DEFAULT-VALUE}).")
  int roundtrips;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured rounds; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--cluster", description = "Only this cluster: dist-inproc or dist-2proc (default: both).")
  String only;

  @Override
  public Integer call() {
    if (tasks < 1 || roundtrips < 1 || repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--tasks, --roundtrips and --repeat must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    for (BenchClusters kind : BenchClusters.values()) {
      if (only != null && !only.equals(kind.schedulerName())) {
        continue;
      }
      try (Client client = kind.start()) {
        String name = kind.schedulerName();
        double submit = medianSeconds(() -> submitAll(client));
        out.printf(Locale.ROOT, "RESULT name=futures_submit_%s scheduler=%s tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
            label(), name, tasks, submit, tasks / submit);
        double map = medianSeconds(() -> mapAll(client));
        out.printf(Locale.ROOT, "RESULT name=futures_map_%s scheduler=%s tasks=%d seconds=%.6f tasks_per_s=%.0f%n",
            label(), name, tasks, map, tasks / map);
        double[] latencies = roundtrips(client);
        out.printf(Locale.ROOT, "RESULT name=futures_roundtrip scheduler=%s tasks=%d median_ms=%.3f%n",
            name, roundtrips, Timing.median(latencies) * 1e3);
        out.flush();
      }
    }
    return 0;
  }

  private String label() {
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
    workload.run(); // warm-up, unreported
    double[] seconds = new double[repeat];
    for (int r = 0; r < repeat; r++) {
      long start = System.nanoTime();
      workload.run();
      seconds[r] = Timing.secondsSince(start);
    }
    return Timing.median(seconds);
  }
}
