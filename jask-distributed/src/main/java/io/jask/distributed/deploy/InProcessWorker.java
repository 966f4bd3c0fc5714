package io.jask.distributed.deploy;

import io.jask.distributed.worker.WorkerServer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A worker running as threads inside this JVM ({@code processes(false)}): cheap to start, and its
 * tasks run in parallel because the JVM has no global interpreter lock. It logs through this JVM's
 * logging, so it keeps no output of its own.
 */
final class InProcessWorker implements WorkerProcess {
  private final String name;
  private final WorkerServer.Options options;
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();
  private WorkerServer server;

  /** A worker that will start with {@code options}, which must name it {@code name}. */
  InProcessWorker(String name, WorkerServer.Options options) {
    this.name = Objects.requireNonNull(name, "name");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return name;
  }

  /** Starts the worker; it has registered with the scheduler when this returns. */
  @Override
  public synchronized void start() {
    if (server != null || finished.isDone()) {
      throw new IllegalStateException("worker " + name + " was started before");
    }
    try {
      server = WorkerServer.start(options);
    } catch (RuntimeException e) {
      finished.complete(1);
      throw e;
    }
    WorkerServer running = server;
    // Its exit status, as a worker JVM's: 3 when the scheduler asked it to restart (its nanny does).
    running.closed().whenComplete((ok, error) -> finished.complete(running.exitStatus()));
  }

  @Override
  public CompletableFuture<Integer> finished() {
    return finished;
  }

  /** Closes the worker at once: it holds no process that could need a grace period. */
  @Override
  public synchronized void stop(Duration grace) {
    if (server != null) {
      server.close();
    }
  }

  @Override
  public Optional<String> output() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "InProcessWorker[" + name + "]";
  }
}
