package io.jask.distributed.client;

import io.jask.core.graph.Key;

/**
 * The cluster was restarted ({@link Client#restart()}) before the future's task ended: its workers
 * were replaced and every task forgotten. Submit the work again.
 */
public class ClusterRestartedException extends FutureException {
  private static final long serialVersionUID = 1L;

  public ClusterRestartedException(Key key, String message) {
    super(key, message);
  }
}
