package io.jask.core.scheduler;

import io.jask.core.ComputationInterruptedException;
import io.jask.core.JaskException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One computation on a {@link ThreadedScheduler}'s pool.
 *
 * <p>State, per task {@code i} of the plan:
 *
 * <ul>
 *   <li>{@code waiting[i]}: inputs not yet made; the thread that brings it to 0 runs or forks
 *       task {@code i}. The atomic decrement also publishes the inputs' results to that thread.
 *   <li>{@code holders[i]}: dependents not yet run, plus one if {@code i} is an output; at 0 the
 *       result is dropped.
 *   <li>{@code results[i]}: written once by the thread that ran {@code i}.
 * </ul>
 */
final class ThreadedRun {
  private final ExecutionPlan plan;
  private final SchedulerCallback callback;
  private final ForkJoinPool pool;
  private final Object[] results;
  private final AtomicIntegerArray waiting;
  private final AtomicIntegerArray holders;
  private final AtomicInteger remaining;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final CountDownLatch done = new CountDownLatch(1);
  /** Set on failure or cancellation: tasks not yet started are skipped. */
  private volatile boolean stopped;

  ThreadedRun(ExecutionPlan plan, SchedulerCallback callback, ForkJoinPool pool) {
    this.plan = plan;
    this.callback = callback;
    this.pool = pool;
    int n = plan.size();
    this.results = new Object[n];
    int[] w = new int[n];
    int[] h = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = plan.dependencyCount(i);
      h[i] = plan.dependentCount(i) + (plan.isOutput(i) ? 1 : 0);
    }
    this.waiting = new AtomicIntegerArray(w);
    this.holders = new AtomicIntegerArray(h);
    this.remaining = new AtomicInteger(n);
  }

  List<Object> execute() {
    callback.started(plan);
    if (plan.size() == 0) {
      finish(null);
    } else {
      try {
        pool.execute(new Seed());
      } catch (RejectedExecutionException e) {
        finish(new JaskException("cannot run " + plan.size() + " tasks: the threaded scheduler was closed", e));
      }
    }
    await();
    RuntimeException error = failure.get();
    callback.finished(error);
    if (error != null) {
      throw error;
    }
    int[] outs = plan.outputs();
    List<Object> out = new ArrayList<>(outs.length);
    for (int o : outs) {
      out.add(results[o]);
    }
    return out;
  }

  private void await() {
    try {
      if (Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == pool) {
        helpUntilDone();
      } else {
        // In another pool's thread, managedBlock lets that pool add a thread while this one
        // waits; elsewhere it simply blocks.
        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
          @Override
          public boolean block() throws InterruptedException {
            done.await();
            return true;
          }

          @Override
          public boolean isReleasable() {
            return done.getCount() == 0;
          }
        });
      }
    } catch (InterruptedException e) {
      finish(new ComputationInterruptedException(
          "interrupted while waiting for " + plan.size() + " tasks; computation cancelled", e));
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A task computing a graph on its own scheduler: this thread runs the pool's queued tasks
   * (its own computation's first, as they sit on top of its deque) instead of blocking, so nested
   * computations finish even when every thread of the pool is waiting in one. Blocking with
   * managedBlock instead relies on the pool adding a spare thread, which it does not always do.
   */
  private void helpUntilDone() throws InterruptedException {
    while (done.getCount() > 0) {
      ForkJoinTask<?> task = LocalQueue.poll();
      if (task != null) {
        task.quietlyInvoke();
      } else {
        done.await(1, TimeUnit.MILLISECONDS); // the rest runs on other threads
      }
    }
  }

  /** Records the first failure (or success, with {@code null}) and wakes the caller. */
  private void finish(RuntimeException error) {
    if (error != null) {
      stopped = true;
      failure.compareAndSet(null, error);
    }
    done.countDown();
  }

  /**
   * Runs task {@code i}; returns a dependent it made ready, for this thread to run next, or -1.
   */
  private int runTask(int i) {
    if (stopped) {
      return -1;
    }
    Task task = plan.task(i);
    int nDeps = plan.dependencyCount(i);
    Object[] inputs = new Object[nDeps];
    for (int j = 0; j < nDeps; j++) {
      inputs[j] = results[plan.dependency(i, j)];
    }
    try {
      callback.taskStarted(task.key());
      Object result = task.run(inputs);
      results[i] = result;
      callback.taskFinished(task.key(), result);
    } catch (Throwable error) {
      try {
        callback.taskFailed(task.key(), error);
      } catch (RuntimeException callbackError) {
        error.addSuppressed(callbackError);
      }
      finish(new TaskFailedException(task.key(), error));
      return -1;
    }
    for (int j = 0; j < nDeps; j++) {
      int d = plan.dependency(i, j);
      if (holders.decrementAndGet(d) == 0) {
        results[d] = null;
      }
    }
    int next = -1;
    for (int j = plan.dependentCount(i) - 1; j >= 0; j--) {
      int w = plan.dependent(i, j);
      if (waiting.decrementAndGet(w) == 0) {
        if (next < 0) {
          next = w;
        } else if (plan.priority(w) < plan.priority(next)) {
          new Step(next).fork();
          next = w;
        } else {
          new Step(w).fork();
        }
      }
    }
    if (remaining.decrementAndGet() == 0) {
      finish(null);
    }
    return next;
  }

  /** Runs one ready task, then, in this thread, whatever it made ready first. */
  private final class Step extends RecursiveAction {
    private final int index;

    Step(int index) {
      this.index = index;
    }

    @Override
    protected void compute() {
      int next = index;
      while (next >= 0) {
        next = runTask(next);
      }
    }
  }

  /** Forks every task without inputs, last priority first, so the first pops first. */
  private final class Seed extends RecursiveAction {
    @Override
    protected void compute() {
      try {
        int[] order = plan.runOrder();
        for (int k = order.length - 1; k >= 0; k--) {
          if (plan.dependencyCount(order[k]) == 0) {
            new Step(order[k]).fork();
          }
        }
      } catch (RuntimeException e) {
        finish(new JaskException("could not start the computation: " + e, e));
      }
    }
  }

  /** Reaches {@link ForkJoinTask#pollTask()}, which only subclasses may call. */
  private static final class LocalQueue extends RecursiveAction {
    private LocalQueue() {}

    static ForkJoinTask<?> poll() {
      return pollTask();
    }

    @Override
    protected void compute() {}
  }
}
