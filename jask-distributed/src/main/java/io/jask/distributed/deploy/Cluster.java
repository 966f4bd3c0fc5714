package io.jask.distributed.deploy;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
   * the change. Scaling down retires workers gracefully through the scheduler (idle workers
   * holding the least data first; a busy one's tasks move to other workers, and the results only
   * it holds are copied elsewhere before it goes), then stops them; the scheduler reschedules any
   * work they still held.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws io.jask.core.JaskException naming the worker if a new one fails to start or register
   */
  void scale(int n);

  /**
   * How many workers the cluster is trying to have: those running plus those starting (a batch job
   * still queued counts). {@link Adaptive} compares its target with this.
   */
  int requestedWorkers();

  /**
   * Follows the load from now on, between {@code minimum} and {@code maximum} workers, with
   * Dask's defaults (see {@link Adaptive}); replaces an earlier {@code adapt}.
   *
   * @throws IllegalArgumentException if {@code minimum} is negative or above {@code maximum}
   */
  default Adaptive adapt(int minimum, int maximum) {
    return adapt(Adaptive.Options.between(minimum, maximum));
  }

  /** Follows the load as {@code options} say; replaces an earlier {@code adapt}. */
  Adaptive adapt(Adaptive.Options options);

  /**
   * Calls {@code listener} whenever a worker joins or leaves (within a fraction of a second), on a
   * thread of the cluster's, until the returned handle is closed or the cluster closes.
   */
  AutoCloseable onWorkersChanged(Consumer<WorkerChange> listener);

  /**
   * What each worker has written to its standard output and error so far, by worker name, for the
   * workers whose output this cluster keeps (workers running inside this JVM log through this
   * JVM's logging instead, and are absent).
   */
  Map<String, String> logs();

  /**
   * Stops adapting, the workers and the scheduler, and deletes what the cluster wrote: it leaves
   * no process, batch job or file behind. Idempotent.
   */
  @Override
  void close();
}
