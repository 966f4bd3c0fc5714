package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CONSTRAINED;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.READY;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.List;

/** The transitions of a task computed here: released → waiting → ready/constrained → executing. */
final class ComputeTransitions {
  private final WorkerTables tables;

  ComputeTransitions(WorkerTables tables) {
    this.tables = tables;
  }

  /**
   * released → waiting: every dependency not in memory is to be fetched; with none, the task is
   * ready at once.
   */
  void releasedWaiting(TaskRecord task, Batch out) {
    task.waitingForData.clear();
    for (TaskRecord dependency : task.dependencies) {
      if (dependency.state != MEMORY) {
        task.waitingForData.add(dependency);
        dependency.waiters.add(task);
        out.recommend(dependency, FETCH);
      }
    }
    if (task.waitingForData.isEmpty()) {
      out.recommend(task, READY);
    }
    task.state = WAITING;
    tables.waiting.add(task);
  }

  /** waiting → ready, or to constrained when the task needs abstract resources. */
  void waitingReady(TaskRecord task, Batch out) {
    if (!task.resources.isEmpty()) {
      out.recommend(task, CONSTRAINED);
      return;
    }
    tables.waiting.remove(task);
    task.state = READY;
    tables.ready.add(task);
  }

  /** waiting → constrained. */
  void waitingConstrained(TaskRecord task, Batch out) {
    tables.waiting.remove(task);
    task.state = CONSTRAINED;
    tables.constrained.add(task);
  }

  /**
   * ready or constrained → executing: the shell runs the task. The task was already taken from its
   * queue and given a thread and its resources by {@link ExecutionSlots}.
   */
  void toExecuting(TaskRecord task, Batch out) {
    if (!tables.executing.contains(task)) {
      throw new IllegalStateException("task '" + task.key + "' goes to executing without a thread");
    }
    task.state = EXECUTING;
    List<Key> inputs = new ArrayList<>(task.dependencies.size());
    for (TaskRecord dependency : task.dependencies) {
      inputs.add(dependency.key);
    }
    out.emit(new WorkerInstruction.Execute(out.stimulusId, task.key, task.runSpec, inputs));
  }
}
