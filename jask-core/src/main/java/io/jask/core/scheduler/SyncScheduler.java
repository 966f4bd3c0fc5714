package io.jask.core.scheduler;

import io.jask.core.ComputationInterruptedException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every task in the calling thread, one after the other, in priority order: the scheduler
 * for debugging. A breakpoint inside a task stops with the caller's whole stack below it, and
 * the {@link TaskFailedException}'s cause is the exception exactly as the task threw it.
 */
public final class SyncScheduler implements Scheduler {
  static final SyncScheduler INSTANCE = new SyncScheduler();

  private SyncScheduler() {}

  @Override
  public List<Object> get(Graph graph, List<Key> outputs, SchedulerCallback extra) {
    ExecutionPlan plan = ExecutionPlan.of(graph, outputs);
    SchedulerCallback callback = Callbacks.active(extra);
    callback.started(plan);
    int n = plan.size();
    Object[] results = new Object[n];
    int[] holders = new int[n];
    for (int i = 0; i < n; i++) {
      holders[i] = plan.dependentCount(i) + (plan.isOutput(i) ? 1 : 0);
    }
    for (int i : plan.runOrder()) {
      Task task = plan.task(i);
      if (Thread.interrupted()) {
        InterruptedException cause = new InterruptedException();
        ComputationInterruptedException e = new ComputationInterruptedException(
            "interrupted before task '" + task.key() + "' started; computation cancelled", cause);
        callback.finished(e);
        Thread.currentThread().interrupt();
        throw e;
      }
      Object[] inputs = new Object[plan.dependencyCount(i)];
      for (int j = 0; j < inputs.length; j++) {
        inputs[j] = results[plan.dependency(i, j)];
      }
      try {
        callback.taskStarted(task.key());
        Object result = task.run(inputs);
        results[i] = result;
        callback.taskFinished(task.key(), result);
      } catch (Throwable error) {
        TaskFailedException failure = new TaskFailedException(task.key(), error);
        try {
          callback.taskFailed(task.key(), error);
        } catch (RuntimeException callbackError) {
          error.addSuppressed(callbackError); // as the threaded scheduler does: the task's error wins
        }
        callback.finished(failure);
        throw failure;
      }
      for (int j = 0; j < inputs.length; j++) {
        int d = plan.dependency(i, j);
        if (--holders[d] == 0) {
          results[d] = null; // free intermediate results as soon as nothing needs them
        }
      }
    }
    callback.finished(null);
    List<Object> out = new ArrayList<>(outputs.size());
    for (int o : plan.outputs()) {
      out.add(results[o]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "SyncScheduler";
  }
}
