package io.jask.distributed.scheduler;

/**
 * Where a task stands on the scheduler. See the package documentation for the diagram of the
 * transitions between these states.
 */
public enum TaskStatus {
  /** Known to the scheduler, not needed right now, and not held by any worker. */
  RELEASED("released"),
  /** Needed; waiting for some of its dependencies to reach {@link #MEMORY}. */
  WAITING("waiting"),
  /** Ready to run, but no connected, running worker satisfies its restrictions or resources. */
  NO_WORKER("no-worker"),
  /** A ready root task held back on the scheduler until a worker has a free slot. */
  QUEUED("queued"),
  /** Sent to one worker, which is running it or has it in its local queue. */
  PROCESSING("processing"),
  /** Its result is held by at least one worker. */
  MEMORY("memory"),
  /** It, or one of its dependencies, failed. */
  ERRED("erred"),
  /** Dropped from the scheduler: nothing refers to it any more. */
  FORGOTTEN("forgotten");

  private final String label;

  TaskStatus(String label) {
    this.label = label;
  }

  /** The name Dask uses for this state ({@code "no-worker"}, {@code "processing"}, …). */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
