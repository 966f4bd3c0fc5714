package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * The scheduler state machine's settings. Start from {@link #defaults()} and change what you need
 * with the {@code with…} methods; every value is checked when the record is made.
 *
 * @param workerSaturation how many root tasks per thread a worker may hold before the rest wait in
 *     the scheduler's queue: a worker is saturated when it processes at least {@code
 *     max(1, ceil(nthreads * workerSaturation))} tasks. Default 1.1, as Dask's {@code
 *     worker-saturation}. {@link Double#POSITIVE_INFINITY} turns queuing off: every ready root task
 *     is sent to a worker at once.
 * @param allowedFailures how many worker deaths a task survives. Each time a worker dies while the
 *     task is processing on it, the task's suspicious count goes up by one; when the count exceeds
 *     {@code allowedFailures} the task errs with {@link ErrorInfo#KILLED_WORKER} instead of being
 *     rescheduled. Default 3, as Dask's {@code allowed-failures}: the 4th death is fatal. 0 makes the
 *     first death fatal.
 * @param storyLimit how many story entries the scheduler keeps, over all tasks (oldest dropped
 *     first); default 100,000
 * @param defaultTaskDuration the assumed run time of a task whose key prefix has never finished
 *     yet; default 0.5 s
 * @param bandwidth assumed bytes per second between two workers, used to weigh moving inputs
 *     against waiting in a busy worker's queue; default 100 MB/s
 * @param workStealing whether a {@link SchedulerEvent.StealTick} moves queued tasks from busy
 *     workers to idle ones; default on
 * @param validate whether every {@link SchedulerState#handle} ends with {@link
 *     SchedulerState#validateState()}; for tests, default off
 */
public record SchedulerConfig(
    double workerSaturation,
    int allowedFailures,
    int storyLimit,
    Duration defaultTaskDuration,
    double bandwidth,
    boolean workStealing,
    boolean validate) {

  /**
   * @throws IllegalArgumentException naming the bad value, if {@code workerSaturation} or {@code
   *     bandwidth} is not positive, {@code allowedFailures} or {@code storyLimit} is negative, or
   *     {@code defaultTaskDuration} is negative
   */
  public SchedulerConfig {
    if (!(workerSaturation > 0)) {
      throw new IllegalArgumentException("workerSaturation must be > 0: " + workerSaturation);
    }
    if (allowedFailures < 0) {
      throw new IllegalArgumentException("allowedFailures must be >= 0: " + allowedFailures);
    }
    if (storyLimit < 0) {
      throw new IllegalArgumentException("storyLimit must be >= 0: " + storyLimit);
    }
    Objects.requireNonNull(defaultTaskDuration, "defaultTaskDuration");
    if (defaultTaskDuration.isNegative()) {
      throw new IllegalArgumentException("defaultTaskDuration must be >= 0: " + defaultTaskDuration);
    }
    if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
      throw new IllegalArgumentException("bandwidth must be > 0 and finite: " + bandwidth);
    }
  }

  /** The defaults listed on the record's parameters. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(1.1, 3, 100_000, Duration.ofMillis(500), 100e6, true, false);
  }

  /** Whether root tasks wait in the scheduler's queue when every worker is saturated. */
  public boolean queuing() {
    return !Double.isInfinite(workerSaturation);
  }

  /** This configuration with another {@code workerSaturation}; checked like the constructor. */
  public SchedulerConfig withWorkerSaturation(double value) {
    return new SchedulerConfig(
        value, allowedFailures, storyLimit, defaultTaskDuration, bandwidth, workStealing, validate);
  }

  /** This configuration with another {@code allowedFailures}; checked like the constructor. */
  public SchedulerConfig withAllowedFailures(int value) {
    return new SchedulerConfig(
        workerSaturation, value, storyLimit, defaultTaskDuration, bandwidth, workStealing, validate);
  }

  /** This configuration with another {@code storyLimit}; checked like the constructor. */
  public SchedulerConfig withStoryLimit(int value) {
    return new SchedulerConfig(
        workerSaturation, allowedFailures, value, defaultTaskDuration, bandwidth, workStealing, validate);
  }

  /** This configuration with another {@code defaultTaskDuration}; checked like the constructor. */
  public SchedulerConfig withDefaultTaskDuration(Duration value) {
    return new SchedulerConfig(
        workerSaturation, allowedFailures, storyLimit, value, bandwidth, workStealing, validate);
  }

  /** This configuration with another {@code bandwidth}; checked like the constructor. */
  public SchedulerConfig withBandwidth(double value) {
    return new SchedulerConfig(
        workerSaturation, allowedFailures, storyLimit, defaultTaskDuration, value, workStealing, validate);
  }

  /** This configuration with another {@code workStealing}; checked like the constructor. */
  public SchedulerConfig withWorkStealing(boolean value) {
    return new SchedulerConfig(
        workerSaturation, allowedFailures, storyLimit, defaultTaskDuration, bandwidth, value, validate);
  }

  /** This configuration with another {@code validate}; checked like the constructor. */
  public SchedulerConfig withValidate(boolean value) {
    return new SchedulerConfig(
        workerSaturation, allowedFailures, storyLimit, defaultTaskDuration, bandwidth, workStealing, value);
  }
}
