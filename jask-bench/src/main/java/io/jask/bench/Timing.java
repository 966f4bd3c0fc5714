package io.jask.bench;

import java.util.Arrays;

/** Clock reading and the median of repeated measurements. */
final class Timing {
  private Timing() {}

  /** Seconds since {@code startNanos}, a {@link System#nanoTime()} reading. */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The median: the middle value, or the mean of the two middle values.
   *
   * @throws IllegalArgumentException if there are no values
   */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
