package io.jask.bench;

import java.util.Locale;

/**
 * One workload on one scheduler: median seconds to compute and to build the graph, and the lines
 * {@code jask bench} prints for it.
 */
record BenchResult(String name, String scheduler, int tasks, double seconds, double buildSeconds) {
  /** The median of each of the measured repetitions. */
  static BenchResult ofMedians(String name, String scheduler, int tasks, double[] seconds, double[] buildSeconds) {
    return new BenchResult(name, scheduler, tasks, Timing.median(seconds), Timing.median(buildSeconds));
  }

  double usPerTask() {
    return seconds * 1e6 / tasks;
  }

  double buildUsPerTask() {
    return buildSeconds * 1e6 / tasks;
  }

  double totalUsPerTask() {
    return usPerTask() + buildUsPerTask();
  }

  /** {@code RESULT name=… scheduler=… tasks=… seconds=… us_per_task=… build_s=… …}. */
  String resultLine() {
    return String.format(Locale.ROOT,
        "RESULT name=%s scheduler=%s tasks=%d seconds=%.6f us_per_task=%.3f build_s=%.6f"
            + " build_us_per_task=%.3f total_us_per_task=%.3f",
        name, scheduler, tasks, seconds, usPerTask(), buildSeconds, buildUsPerTask(), totalUsPerTask());
  }

  /** {@code RATIO …}: how many times faster Jask is than Dask (above 1: Jask is faster). */
  static String ratioLine(BenchResult jask, BenchResult dask) {
    return String.format(Locale.ROOT,
        "RATIO name=%s jask=%s dask=%s total_speedup=%.2f compute_speedup=%.2f build_speedup=%.2f",
        jask.name, jask.scheduler, dask.scheduler, dask.totalUsPerTask() / jask.totalUsPerTask(),
        dask.usPerTask() / jask.usPerTask(), dask.buildUsPerTask() / jask.buildUsPerTask());
  }
}
