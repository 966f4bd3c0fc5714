package io.jask.distributed.client;

import io.jask.core.graph.Key;

/**
 * The future was cancelled: by {@link Future#cancel()} or {@link Client#cancel}, because an input
 * it needed was cancelled, or because its client closed or lost the scheduler.
 */
public class FutureCancelledException extends FutureException {
  private static final long serialVersionUID = 1L;

  public FutureCancelledException(Key key, String message) {
    super(key, message);
  }
}
