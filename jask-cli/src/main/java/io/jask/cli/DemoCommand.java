package io.jask.cli;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.diagnostics.ProgressBar;
import io.jask.core.scheduler.ThreadedScheduler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Jask's main job: a real parallel computation on the threaded scheduler, with a progress bar
 * and a summary. It estimates π by Monte Carlo in many independent chunks, summed by a tree of
 * tasks, once on one thread and once on every core, and checks the two agree.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a parallel computation with a progress bar and print the speed-up.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--chunks", defaultValue = "400", description = "Independent chunks of work (default: ${DEFAULT-VALUE}).")
  int chunks;

  @Option(names = "--samples", defaultValue = "1000000", description = "Random points per chunk (default: ${DEFAULT-VALUE}).")
  long samples;

  @Option(names = "--threads", description = "Threads for the parallel run (default: one per core).")
  Integer threads;

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
    return 0;
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
    List<Delayed<Long>> parts = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      parts.add(Jask.delayed(MonteCarlo::countHits, (long) i, samples));
    }
    Delayed<Long> total = treeSum(parts);
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
