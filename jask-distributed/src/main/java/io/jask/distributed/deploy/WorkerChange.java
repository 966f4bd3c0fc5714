package io.jask.distributed.deploy;

import io.jask.distributed.protocol.Messages;
import java.util.Objects;

/**
 * A worker joined a cluster's scheduler or left it.
 *
 * @param joined true when it registered, false when it left (retired, stopped, lost)
 * @param worker its address, name, threads and memory
 */
public record WorkerChange(boolean joined, Messages.WorkerInfo worker) {
  public WorkerChange {
    Objects.requireNonNull(worker, "worker");
  }

  @Override
  public String toString() {
    return (joined ? "joined: " : "left: ") + worker.name() + " at " + worker.address();
  }
}
