package io.jask.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up runs until the JIT compiler has settled, so that measured runs time the code, not its
 * compilation. A run of a distributed workload passes through far more code (transport,
 * serialisation, scheduler and worker state machines) than the same run on threads, and each run
 * only a few hundred times: after one warm-up the compiler threads still compile for most of each
 * run, on the same cores as the tasks. The JIT counts as settled once the last {@link #WINDOW}
 * warm-up runs spent less than {@link #SETTLED_SHARE} of their wall-clock time compiling.
 */
final class JitWarmUp {
  /** Compilation time, as a share of a run's wall-clock time, below which the JIT is settled. */
  static final double SETTLED_SHARE = 0.05;

  /** Warm-up runs judged together, at most. */
  static final int WINDOW = 3;

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private JitWarmUp() {}

  /**
   * Runs {@code work} at least {@code min} and at most {@code max} times, stopping as soon as the
   * JIT has settled over the last {@link #WINDOW} runs (or all of them, where {@code max} is
   * smaller). Where the JVM does not report its compilation time, runs {@code min} times.
   *
   * @return the number of warm-up runs
   * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}
   */
  static int run(Runnable work, int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("warm-up runs must satisfy 0 <= min <= max, got min=" + min + " max=" + max);
    }
    // Compilation comes in bursts: judge the last few runs together, not one quiet run.
    double[] compiling = new double[WINDOW];
    double[] running = new double[WINDOW];
    // One quiet run says little: judge a full window unless the bounds allow fewer.
    int enough = jitMonitored() ? Math.max(min, Math.min(WINDOW, max)) : min;
    int runs = 0;
    while (runs < max) {
      long jit = compilationMillis();
      long start = System.nanoTime();
      work.run();
      running[runs % WINDOW] = (System.nanoTime() - start) / 1e6;
      compiling[runs % WINDOW] = jit < 0 ? 0 : compilationMillis() - jit;
      runs++;
      if (runs >= enough && (jit < 0 || sum(compiling) < SETTLED_SHARE * sum(running))) {
        break;
      }
    }
    return runs;
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  /** Milliseconds all compiler threads have spent compiling so far; -1 where the JVM does not say. */
  static long compilationMillis() {
    return jitMonitored() ? JIT.getTotalCompilationTime() : -1;
  }

  private static boolean jitMonitored() {
    return JIT != null && JIT.isCompilationTimeMonitoringSupported();
  }
}
