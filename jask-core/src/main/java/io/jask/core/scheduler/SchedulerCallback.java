package io.jask.core.scheduler;

import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Key;

/**
 * Hooks a scheduler calls while it runs a graph: progress bars, diagnostics and the dashboard
 * observe computations through these, and never reach into the scheduler.
 *
 * <p>{@link #taskStarted}, {@link #taskFinished} and {@link #taskFailed} are called from the
 * threads that run tasks, possibly at the same time: implementations must be thread-safe and
 * quick. An exception thrown by a callback fails the computation like a task's would.
 */
public interface SchedulerCallback {
  /** The computation is about to start; {@code plan} holds the tasks that will run. */
  default void started(ExecutionPlan plan) {}

  /** A task is about to run. */
  default void taskStarted(Key key) {}

  /** A task has returned {@code result}. */
  default void taskFinished(Key key, Object result) {}

  /** A task threw {@code error}. */
  default void taskFailed(Key key, Throwable error) {}

  /** The computation ended: {@code failure} is {@code null} on success. */
  default void finished(Throwable failure) {}
}
