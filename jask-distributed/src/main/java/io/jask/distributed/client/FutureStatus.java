package io.jask.distributed.client;

/** Where a {@link Future} stands, as Dask's {@code future.status}. */
public enum FutureStatus {
  /** Not done yet: waiting, queued, running, or its inputs are. */
  PENDING,
  /** The result is in memory on the cluster. */
  FINISHED,
  /** The task (or one of its inputs) failed. */
  ERROR,
  /** Cancelled: by the user, or because its client closed or lost the scheduler. */
  CANCELLED,
  /** The data is gone for good (scattered data whose workers all left), or was never known. */
  LOST;

  /** Whether the future is done, in any way. */
  public boolean isDone() {
    return this != PENDING;
  }
}
