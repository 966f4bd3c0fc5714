package io.jask.distributed.scheduler;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a task of each key prefix takes, learned from the durations workers report in {@link
 * SchedulerEvent.TaskFinished}: an exponentially weighted average (each new measurement counts
 * half), as Dask's {@code TaskPrefix.duration_average}. Durations are in microseconds so that sums
 * of estimates (a worker's occupancy) are exact.
 */
final class DurationEstimates {
  private final long defaultMicros;
  private final Map<String, Long> averageMicros = new HashMap<>();

  DurationEstimates(Duration defaultDuration) {
    this.defaultMicros = toMicros(defaultDuration);
  }

  /** The estimated run time of a task with this key prefix, in microseconds. */
  long estimateMicros(String prefix) {
    return averageMicros.getOrDefault(prefix, defaultMicros);
  }

  /** Learns from one measured run; negative durations are ignored. */
  void record(String prefix, Duration measured) {
    if (measured.isNegative()) {
      return;
    }
    long micros = toMicros(measured);
    averageMicros.merge(prefix, micros, (old, now) -> (old + now) / 2);
  }

  /** Longer durations count as this many microseconds (11.6 days), so occupancies never overflow. */
  static final long MAX_MICROS = 1_000_000_000_000L;

  /** {@link #MAX_MICROS} as a duration, made once: this runs for every finished task. */
  private static final Duration MAX_DURATION = Duration.ofNanos(MAX_MICROS * 1_000);

  private static long toMicros(Duration d) {
    if (d.compareTo(MAX_DURATION) >= 0) {
      return MAX_MICROS;
    }
    return d.toNanos() / 1_000;
  }
}
