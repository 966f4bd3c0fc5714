package io.jask.core.scheduler;

import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a pool of threads, by dependency counting: a task becomes ready when its last
 * input is made, and the thread that made that input runs it next, keeping data in cache and the
 * walk depth-first. Other ready tasks go to that thread's work-stealing deque, where idle threads
 * take them. There is no lock per task and no central queue: one atomic counter per task.
 *
 * <p>Close a scheduler you created to stop its threads; the {@linkplain Schedulers#threads()
 * shared default} lives as long as the JVM, on daemon threads.
 */
public final class ThreadedScheduler implements Scheduler, AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ForkJoinPool pool;
  private final int threads;

  /**
   * A scheduler with its own pool of {@code threads} threads.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public ThreadedScheduler(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("a threaded scheduler needs at least 1 thread, got " + threads);
    }
    this.threads = threads;
    int poolId = POOLS.incrementAndGet();
    // Not getPoolIndex(): a worker is registered only once it runs, so that index is 0 here.
    AtomicInteger threadIds = new AtomicInteger();
    this.pool = new ForkJoinPool(threads, p -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      t.setName("jask-threads-" + poolId + "-" + threadIds.getAndIncrement());
      t.setDaemon(true);
      return t;
    }, null, false);
  }

  /** A scheduler with one thread per available processor. */
  public ThreadedScheduler() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** The number of threads in the pool. */
  public int threads() {
    return threads;
  }

  @Override
  public List<Object> get(Graph graph, List<Key> outputs, SchedulerCallback extra) {
    ExecutionPlan plan = ExecutionPlan.of(graph, outputs);
    return new ThreadedRun(plan, Callbacks.active(extra), pool).execute();
  }

  /** Stops the pool's threads after the running computations end. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ThreadedScheduler[threads=" + threads + "]";
  }
}
