package io.jask.distributed.deploy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One worker's life, wherever it runs: threads inside this JVM, a child JVM on this machine, and
 * later a process over SSH, a batch job or a pod. A cluster starts, watches and stops its workers
 * only through this interface, so every way of running them is a sibling of the others (Dask's
 * {@code ProcessInterface}).
 *
 * <p>A worker process only runs the worker; it registers with the scheduler on its own, under
 * {@link #name()}, and the cluster learns that it has joined from the scheduler.
 */
public interface WorkerProcess {
  /** The name the worker registers under; unique within its cluster. */
  String name();

  /**
   * Starts the worker. Returns once it runs, which may be before it has registered with the
   * scheduler.
   *
   * @throws io.jask.core.JaskException if it cannot be started, with the reason
   * @throws IllegalStateException if it was started before
   */
  void start();

  /**
   * Completes, with the exit status, once the worker has stopped for any reason: stopped, crashed,
   * killed, or closed itself because the scheduler went away. A worker inside this JVM completes
   * with 0, or with {@link io.jask.distributed.worker.WorkerServer#EXIT_RESTART} when the
   * scheduler asked it to restart.
   */
  CompletableFuture<Integer> finished();

  /**
   * Stops the worker and waits until it has: asks it to stop, waits up to {@code grace}, then
   * forces it. Idempotent; does nothing to a worker that has already finished or never started.
   */
  void stop(Duration grace);

  /** Where the worker runs, for messages (a host name), or empty for this machine. */
  default String location() {
    return "";
  }

  /** What the worker has written to its standard output and error so far, where it is kept. */
  Optional<String> output();
}
