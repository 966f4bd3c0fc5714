package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs of tasks handed to a worker's thread pool, each started at most once. A run may wait
 * on the pool for a thread (the state machine hands over more tasks than there are threads, see
 * {@link WorkerConfig#lookahead()}); until it starts it can be {@linkplain #cancel cancelled},
 * and then it is skipped instead of run, and it is held back while the worker is paused.
 *
 * <p>Thread-safe: runs are submitted, cancelled and paused from the worker's loop thread, and
 * started on the pool's threads.
 */
final class TaskRuns {
  private static final int WAITING = 0;
  private static final int RUNNING = 1;
  private static final int CANCELLED = 2;

  /** One run handed to the pool. */
  private static final class Run {
    final Key key;
    final Runnable body;
    final Runnable skipped;
    final AtomicInteger phase = new AtomicInteger(WAITING);

    Run(Key key, Runnable body, Runnable skipped) {
      this.key = key;
      this.body = body;
      this.skipped = skipped;
    }
  }

  private final Executor pool;
  /** The runs handed to the pool that have neither started nor been skipped, by key. */
  private final Map<Key, Run> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final Object pauseLock = new Object();
  private boolean paused;
  /** Runs that came up for a thread while paused; handed to the pool again on resuming. */
  private final List<Run> held = new ArrayList<>();

  TaskRuns(Executor pool) {
    this.pool = pool;
  }

  /**
   * Hands a run to the pool: {@code body} runs on one of its threads unless the run is cancelled
   * before it starts, in which case {@code skipped} runs there instead.
   *
   * @throws IllegalStateException if a run of {@code key} is already waiting (a task is never
   *     handed over twice)
   */
  void submit(Key key, Runnable body, Runnable skipped) {
    Run run = new Run(key, body, skipped);
    if (waiting.putIfAbsent(key, run) != null) {
      throw new IllegalStateException("a run of '" + key + "' is already waiting for a thread");
    }
    pool.execute(() -> start(run));
  }

  /**
   * Cancels the run of {@code key} if it has not started: it will be skipped.
   *
   * @return whether a waiting run was cancelled (false when it started already, or none is known)
   */
  boolean cancel(Key key) {
    Run run = waiting.get(key);
    if (run == null || !run.phase.compareAndSet(WAITING, CANCELLED)) {
      return false;
    }
    boolean wasHeld;
    synchronized (pauseLock) {
      wasHeld = held.remove(run);
    }
    if (wasHeld) { // no thread will come for it before the pause ends: skip it now
      waiting.remove(run.key, run);
      run.skipped.run();
    }
    return true;
  }

  /** While paused, no waiting run starts; cancelled ones are still skipped. */
  void pause(boolean on) {
    List<Run> resumed;
    synchronized (pauseLock) {
      if (paused == on) {
        return;
      }
      paused = on;
      if (on) {
        return;
      }
      resumed = new ArrayList<>(held);
      held.clear();
    }
    for (Run run : resumed) {
      pool.execute(() -> start(run));
    }
  }

  /** How many runs are under way on a thread now. */
  int running() {
    return running.get();
  }

  /** How many runs wait for a thread (or are held back by a pause), not cancelled ones included. */
  int waiting() {
    int count = 0;
    for (Run run : waiting.values()) {
      if (run.phase.get() == WAITING) {
        count++;
      }
    }
    return count;
  }

  private void start(Run run) {
    synchronized (pauseLock) {
      if (paused && run.phase.get() == WAITING) {
        held.add(run);
        return;
      }
    }
    if (run.phase.compareAndSet(WAITING, RUNNING)) {
      waiting.remove(run.key, run);
      running.incrementAndGet();
      try {
        run.body.run();
      } finally {
        running.decrementAndGet();
      }
    } else {
      waiting.remove(run.key, run);
      run.skipped.run();
    }
  }
}
