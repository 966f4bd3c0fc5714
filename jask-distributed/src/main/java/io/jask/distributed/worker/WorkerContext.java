package io.jask.distributed.worker;

import io.jask.distributed.comm.CommOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the task running on the current thread runs: its worker, and that worker's scheduler and
 * comm options. A {@link WorkerServer} binds it to each of its task threads, so that a task can
 * reach the cluster it runs on (a task that submits tasks, as Dask's {@code get_client()}).
 */
public final class WorkerContext {
  private static final ThreadLocal<WorkerContext> CURRENT = new ThreadLocal<>();

  private final String workerAddress;
  private final String workerName;
  private final String schedulerAddress;
  private final CommOptions commOptions;
  private final CompletableFuture<Void> closed;

  WorkerContext(
      String workerAddress, String workerName, String schedulerAddress, CommOptions commOptions,
      CompletableFuture<Void> closed) {
    this.workerAddress = Objects.requireNonNull(workerAddress, "workerAddress");
    this.workerName = Objects.requireNonNull(workerName, "workerName");
    this.schedulerAddress = Objects.requireNonNull(schedulerAddress, "schedulerAddress");
    this.commOptions = Objects.requireNonNull(commOptions, "commOptions");
    this.closed = Objects.requireNonNull(closed, "closed");
  }

  /** The context of the worker whose task thread this is; empty on any other thread. */
  public static Optional<WorkerContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Binds {@code context} to the calling thread for the rest of its life. */
  static void bind(WorkerContext context) {
    CURRENT.set(context);
  }

  /** The worker's address: where its results are fetched from. */
  public String workerAddress() {
    return workerAddress;
  }

  /** The worker's name. */
  public String workerName() {
    return workerName;
  }

  /** The address of the scheduler the worker is registered with. */
  public String schedulerAddress() {
    return schedulerAddress;
  }

  /** The comm options (token, TLS) the worker connects with; a client on the worker uses the same. */
  public CommOptions commOptions() {
    return commOptions;
  }

  /** Completes when the worker has closed: what was opened for its tasks should close then too. */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  @Override
  public String toString() {
    return "WorkerContext[" + workerName + " at " + workerAddress + ", scheduler " + schedulerAddress + "]";
  }
}
