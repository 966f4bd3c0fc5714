package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CONSTRAINED;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FORGOTTEN;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.READY;
import static io.jask.distributed.worker.WorkerTaskState.RELEASED;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The transitions that let go of a task: to released, and from released to forgotten. */
final class ReleaseTransitions {
  /** States in which a dependency is kept when a dependent lets go of it. */
  private static final Set<WorkerTaskState> KEPT_WHEN_UNNEEDED =
      EnumSet.of(WAITING, READY, CONSTRAINED, EXECUTING, MEMORY);

  private final WorkerTables tables;

  ReleaseTransitions(WorkerTables tables) {
    this.tables = tables;
  }

  /**
   * Any state with nothing under way (no thread, no transfer) → released. Dependencies that no
   * other task waits for and that are only being fetched are released too; the task is forgotten
   * if nothing depends on it.
   */
  void released(TaskRecord task, Batch out) {
    tables.purge(task);
    for (TaskRecord dependency : task.dependencies) {
      if (dependency.waiters.isEmpty()
          && !dependency.replicaRequested
          && !KEPT_WHEN_UNNEEDED.contains(dependency.state)) {
        out.recommend(dependency, RELEASED);
      }
    }
    task.state = RELEASED;
    if (task.dependents.isEmpty()) {
      out.recommend(task, FORGOTTEN);
    }
  }

  /** memory → released: the value is dropped and the scheduler told. */
  void memoryReleased(TaskRecord task, Batch out) {
    dropStored(task, out);
    out.emit(new SchedulerMessage.ReleaseWorkerData(out.stimulusId, task.key));
    released(task, out);
  }

  /**
   * released → forgotten: the task leaves the table, and so do its released dependencies that
   * nothing else depends on. A task something still depends on stays released.
   */
  void releasedForgotten(TaskRecord task, Batch out) {
    if (!task.dependents.isEmpty()) {
      return;
    }
    tables.purge(task);
    for (TaskRecord dependency : task.dependencies) {
      dependency.dependents.remove(task);
      if (dependency.state == RELEASED && dependency.dependents.isEmpty()) {
        out.recommend(dependency, FORGOTTEN);
      }
    }
    task.dependencies.clear();
    for (String peer : List.copyOf(task.whoHas)) {
      tables.forgetHolder(task, peer);
    }
    tables.whoHasChanged.remove(task);
    task.replicaRequested = false;
    task.state = FORGOTTEN;
    tables.tasks.remove(task.key);
  }

  /** Tells the shell to drop the task's value and forgets that it was stored. */
  void dropStored(TaskRecord task, Batch out) {
    tables.stored.remove(task.key);
    out.emit(new WorkerInstruction.DropData(out.stimulusId, task.key));
  }
}
