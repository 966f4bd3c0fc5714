package io.jask.distributed.deploy;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import java.util.List;
import java.util.Map;

/**
 * A running Jask cluster, however it was started: a scheduler and workers in this JVM or on this
 * machine ({@link LocalCluster}), or elsewhere through SSH, a batch system or Kubernetes. A client
 * needs only {@link #schedulerAddress()} and {@link #commOptions()} to connect.
 *
 * <p>Closing a cluster stops everything it started: it leaves no process, thread, listening port
 * or file behind.
 */
public interface Cluster extends AutoCloseable {
  /** The address clients and workers connect to, such as {@code tcp://127.0.0.1:41873}. */
  String schedulerAddress();

  /**
   * How to connect to this cluster: its token, and its TLS certificates when it uses {@code
   * tls://}.
   */
  CommOptions commOptions();

  /** The secret every connection to this cluster presents. Never logged or printed by Jask. */
  default AuthToken token() {
    return commOptions().token();
  }

  /** The addresses of the workers registered with the scheduler now. */
  List<String> workers();

  /**
   * Starts or stops workers until {@code n} are running, and waits until the scheduler has seen
   * the change. Workers removed are closed; the scheduler reschedules the work they held.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws io.jask.core.JaskException naming the worker if a new one fails to start or register
   */
  void scale(int n);

  /**
   * What each worker has written to its standard output and error so far, by worker name, for the
   * workers whose output this cluster keeps (workers running inside this JVM log through this
   * JVM's logging instead, and are absent).
   */
  Map<String, String> logs();

  /** Stops the workers and the scheduler, and deletes what the cluster wrote. Idempotent. */
  @Override
  void close();
}
