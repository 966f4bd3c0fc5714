package io.jask.bench;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.cli.MonteCarlo;
import io.jask.core.scheduler.ThreadedScheduler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench threads}: how the threaded scheduler scales with threads, on this machine.
 * Two workloads, each run at 1, 2, 4, … threads up to the number of processors, in one process:
 *
 * <ul>
 *   <li>{@code threads_coarse}: CPU-bound chunks (Monte Carlo, milliseconds each) summed by a
 *       tree: the speed-up the scheduler lets real work reach;
 *   <li>{@code threads_fine}: the 199,999-task tree of trivial {@code inc}/{@code add} tasks: how
 *       the per-task overhead behaves as threads contend.
 * </ul>
 *
 * <p>Each line reports the median of {@code --repeat} runs and the speed-up against one thread
 * measured in the same process: {@code RESULT name=threads_coarse threads=8 tasks=1023
 * seconds=… speedup=… efficiency=…}.
 */
@Command(name = "threads", mixinStandardHelpOptions = true,
    description = "Speed-up of the threaded scheduler at 1, 2, 4, ... threads.")
final class ThreadsBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--max-threads", description = "Largest thread count (default: the processors).")
  Integer maxThreads;

  @Option(names = "--chunks", defaultValue = "512", description = "Chunks of the coarse workload (default: ${DEFAULT-VALUE}).")
  int chunks;

  @Option(names = "--samples", defaultValue = "2000000", description = "Random points per chunk (default: ${DEFAULT-VALUE}).")
  long samples;

  @Option(names = "--leaves", defaultValue = "100000", description = "Leaves of the fine workload's tree (default: ${DEFAULT-VALUE}).")
  int leaves;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured runs per point; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int max = maxThreads != null ? maxThreads : Runtime.getRuntime().availableProcessors();
    List<Integer> counts = new ArrayList<>();
    for (int n = 1; n < max; n *= 2) {
      counts.add(n);
    }
    counts.add(max);
    long expectedHits = 0;
    for (int i = 0; i < chunks; i++) {
      expectedHits += MonteCarlo.countHits(i, samples);
    }
    run(out, "threads_coarse", counts, () -> coarse(chunks, samples), expectedHits);
    run(out, "threads_fine", counts, () -> Workloads.incTree(leaves), Workloads.incTreeExpected(leaves));
    return 0;
  }

  private void run(PrintWriter out, String name, List<Integer> counts,
      java.util.function.Supplier<Delayed<Long>> workload, long expected) {
    double baseline = 0;
    for (int threads : counts) {
      try (ThreadedScheduler scheduler = new ThreadedScheduler(threads)) {
        Delayed<Long> total = workload.get();
        Graph graph = total.graph();
        List<Key> outputs = List.of(total.key());
        scheduler.get(graph, outputs); // warm-up, unreported
        double[] seconds = new double[repeat];
        for (int r = 0; r < repeat; r++) {
          long start = System.nanoTime();
          Object result = scheduler.get(graph, outputs).get(0);
          seconds[r] = Timing.secondsSince(start);
          if (!Long.valueOf(expected).equals(result)) {
            throw new IllegalStateException(name + " at " + threads + " threads gave " + result + ", expected " + expected);
          }
        }
        double median = Timing.median(seconds);
        if (threads == 1) {
          baseline = median;
        }
        double speedup = baseline / median;
        out.printf(Locale.ROOT, "RESULT name=%s threads=%d tasks=%d seconds=%.6f speedup=%.2f efficiency=%.2f%n",
            name, threads, graph.size(), median, speedup, speedup / threads);
        out.flush();
      }
    }
  }

  private static Delayed<Long> coarse(int chunks, long samples) {
    List<Delayed<Long>> level = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      level.add(Jask.delayed(MonteCarlo::countHits, (long) i, samples));
    }
    return Workloads.treeSum(level);
  }
}
