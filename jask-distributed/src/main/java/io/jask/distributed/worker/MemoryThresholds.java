package io.jask.distributed.worker;

/**
 * The fractions of a worker's memory limit at which it acts, as Dask's {@code
 * distributed.worker.memory.*} settings. A fraction of 0 turns that action off.
 *
 * <pre>
 *   0 ─────────── target ────────── pause ─────────── terminate ── limit
 *                 0.60              0.80              0.95
 *   results kept  │ least recently  │ no new task     │ the nanny restarts
 *   in memory     │ used spill      │ starts          │ the worker process
 * </pre>
 *
 * @param target above this share of the limit, counted over the results the worker holds
 *     (managed memory), the least recently used results spill to local disk
 * @param pause above this share, counted over the whole process (heap in use plus everything
 *     outside the heap), the worker starts no new task until it is below again
 * @param terminate above this share of the process's resident memory, its nanny kills and restarts
 *     it
 */
public record MemoryThresholds(double target, double pause, double terminate) {

  /**
   * @throws IllegalArgumentException naming the threshold, if one is not between 0 and 1, or if
   *     the enabled ones are not in increasing order
   */
  public MemoryThresholds {
    check("target", target);
    check("pause", pause);
    check("terminate", terminate);
    if (target > 0 && pause > 0 && target > pause) {
      throw new IllegalArgumentException(
          "the spill target (" + target + ") must not be above the pause threshold (" + pause + ")");
    }
    if (pause > 0 && terminate > 0 && pause > terminate) {
      throw new IllegalArgumentException(
          "the pause threshold (" + pause + ") must not be above the terminate threshold (" + terminate + ")");
    }
  }

  private static void check(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          "the memory " + name + " threshold must be a fraction from 0 (off) to 1, got " + value);
    }
  }

  /** Dask's defaults: spill above 60%, pause above 80%, restart above 95%. */
  public static MemoryThresholds defaults() {
    return new MemoryThresholds(0.6, 0.8, 0.95);
  }

  /** These thresholds with another spill target. */
  public MemoryThresholds withTarget(double value) {
    return new MemoryThresholds(value, pause, terminate);
  }

  /** These thresholds with another pause threshold. */
  public MemoryThresholds withPause(double value) {
    return new MemoryThresholds(target, value, terminate);
  }

  /** These thresholds with another terminate threshold. */
  public MemoryThresholds withTerminate(double value) {
    return new MemoryThresholds(target, pause, value);
  }

  /** The managed bytes above which results spill, for this limit; {@code Long.MAX_VALUE} if never. */
  public long targetBytes(long limit) {
    return bytes(target, limit);
  }

  /** The process bytes above which the worker pauses; {@code Long.MAX_VALUE} if never. */
  public long pauseBytes(long limit) {
    return bytes(pause, limit);
  }

  /** The resident bytes above which the nanny restarts the worker; {@code Long.MAX_VALUE} if never. */
  public long terminateBytes(long limit) {
    return bytes(terminate, limit);
  }

  private static long bytes(double fraction, long limit) {
    return fraction == 0 || limit <= 0 ? Long.MAX_VALUE : (long) (fraction * limit);
  }
}
