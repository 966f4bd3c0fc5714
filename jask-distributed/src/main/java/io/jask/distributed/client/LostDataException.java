package io.jask.distributed.client;

import io.jask.core.graph.Key;

/**
 * The key's data is gone for good: it was scattered (so it has no lineage to recompute it from)
 * and every worker holding it left, or the scheduler never knew the key.
 */
public class LostDataException extends FutureException {
  private static final long serialVersionUID = 1L;

  public LostDataException(Key key, String message) {
    super(key, message);
  }
}
