package io.jask.cli;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.diagnostics.ProgressBar;
import io.jask.core.scheduler.ThreadedScheduler;
import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.client.FuturesProgress;
import java.io.PrintStream;
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
 * memory_limit='2GB')}): futures, and the same delayed computation run on it.
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
      if (waitAfter) {
        out.println("\nThe cluster and its dashboard stay up until Ctrl-C.");
        out.flush();
        UntilStopped.run(new java.util.concurrent.CompletableFuture<>(), () -> {});
      }
    }
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
