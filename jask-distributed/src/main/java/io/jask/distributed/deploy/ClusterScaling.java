package io.jask.distributed.deploy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every kind of cluster does alike about scaling, kept in one place: at most one {@link
 * Adaptive} at a time, listeners told of workers joining and leaving, and closing both. A cluster
 * holds one and forwards {@link Cluster#adapt} and {@link Cluster#onWorkersChanged} to it.
 */
public final class ClusterScaling implements AutoCloseable {
  private final Cluster cluster;
  private final SchedulerControl scheduler;
  private final WorkerWatch watch;
  private Adaptive adaptive;
  private boolean closed;

  /** Scaling for {@code cluster}, whose scheduler is {@code scheduler}. */
  public ClusterScaling(Cluster cluster, SchedulerControl scheduler) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.watch = new WorkerWatch(scheduler, Duration.ofMillis(200));
  }

  /** The scheduler this cluster scales by. */
  public SchedulerControl scheduler() {
    return scheduler;
  }

  /**
   * Starts adapting the cluster with {@code options}, replacing (stopping) the previous {@link
   * Adaptive} if any.
   *
   * @throws IllegalStateException if the cluster is closed
   */
  public synchronized Adaptive adapt(Adaptive.Options options) {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
    stopAdapting();
    adaptive = Adaptive.start(cluster, scheduler, options);
    return adaptive;
  }

  /** Stops the current {@link Adaptive}, if any. */
  public synchronized void stopAdapting() {
    if (adaptive != null) {
      adaptive.stop();
      adaptive = null;
    }
  }

  /** See {@link Cluster#onWorkersChanged}. */
  public AutoCloseable onWorkersChanged(Consumer<WorkerChange> listener) {
    return watch.subscribe(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops adapting and watching; closes the scheduler connection. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAdapting();
    watch.close();
    scheduler.close();
  }
}
