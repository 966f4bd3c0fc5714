package io.jask.distributed.client;

import io.jask.core.graph.Key;

/** A task depends on a key that was neither submitted with it nor known to the scheduler. */
public class MissingDependencyException extends FutureException {
  private static final long serialVersionUID = 1L;

  public MissingDependencyException(Key key, String message) {
    super(key, message);
  }
}
