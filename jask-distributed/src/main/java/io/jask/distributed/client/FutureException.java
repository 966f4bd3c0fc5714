package io.jask.distributed.client;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import java.util.Objects;

/**
 * A future did not deliver a result for a reason other than its task throwing: the cluster lost
 * it, killed the workers running it, could not find an input, or it was cancelled. A task that
 * threw arrives as an {@link io.jask.core.TaskFailedException} with a {@link RemoteException} as
 * cause instead.
 */
public class FutureException extends JaskException {
  private static final long serialVersionUID = 1L;
  private final transient Key key;

  public FutureException(Key key, String message) {
    super(message);
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The key of the future (or of the task that failed first, for errors inherited from an input). */
  public Key key() {
    return key;
  }
}
