package io.jask.distributed.client;

import io.jask.core.graph.Functions;
import io.jask.core.graph.TaskFunction;

/**
 * The task {@link Client#persist} returns for a result it left on the cluster. The client that
 * holds the future never runs it: it submits graphs that depend on the key instead. Any other
 * scheduler runs it, and it fetches the result. It holds the future, so the result stays on the
 * cluster while the task is reachable.
 */
record HeldResult(Future<?> future) implements TaskFunction, Functions.NamedFunction {
  @Override
  public Object call(Object[] args) {
    return future.result();
  }

  @Override
  public String name() {
    return "persisted";
  }

  @Override
  public String identity() {
    return "persisted:" + future.key();
  }
}
