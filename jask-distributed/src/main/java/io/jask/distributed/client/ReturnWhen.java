package io.jask.distributed.client;

/** When {@link Client#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns. */
public enum ReturnWhen {
  /** As soon as any future is done. */
  FIRST_COMPLETED,
  /** Once every future is done. */
  ALL_COMPLETED
}
