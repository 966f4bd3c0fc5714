package io.jask.distributed.client;

import io.jask.core.graph.Key;

/**
 * The task was running on too many workers that died while running it: the scheduler gave up on
 * it rather than kill more workers (Dask's {@code KilledWorker}). The task may crash its worker,
 * or exhaust its memory.
 */
public class KilledWorkerException extends FutureException {
  private static final long serialVersionUID = 1L;

  public KilledWorkerException(Key key, String message) {
    super(key, message);
  }
}
