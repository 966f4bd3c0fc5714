package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.ERROR;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.READY;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

/** The two ends of a computation or a transfer: the value is kept, or the failure reported. */
final class Outcomes {
  /** Which message tells the scheduler that a value is here. */
  enum Report {
    /** The scheduler placed the task here: {@link SchedulerMessage.TaskFinished}. */
    TASK_FINISHED,
    /** The value is a copy of one held elsewhere: {@link SchedulerMessage.AddKeys}. */
    ADD_KEYS,
    /** The value was put here from outside; whoever put it tells the scheduler: nothing. */
    NONE
  }

  private final WorkerTables tables;

  Outcomes(WorkerTables tables) {
    this.tables = tables;
  }

  /**
   * The value, already in the shell's store, is kept: the task goes to memory and its waiting
   * dependents that have all their inputs now become ready. The only way into MEMORY.
   */
  void toMemory(TaskRecord task, Report report, Batch out) {
    if (!tables.stored.containsKey(task.key)) {
      throw new IllegalStateException("task '" + task.key + "' goes to memory but its value was never stored");
    }
    task.state = MEMORY;
    task.done = false;
    task.previous = null;
    task.next = null;
    task.replicaRequested = false;
    for (TaskRecord dependent : task.dependents) {
      if (dependent.waitingForData.remove(task)) {
        task.waiters.remove(dependent);
        if (dependent.waitingForData.isEmpty() && dependent.state == WAITING) {
          out.recommend(dependent, READY);
        }
      }
    }
    tables.story.add(task.key, "put-in-memory", task.nbytes + " bytes", out.stimulusId);
    if (report == Report.TASK_FINISHED) {
      String type = task.typeName == null ? "" : task.typeName;
      out.emit(
          new SchedulerMessage.TaskFinished(
              out.stimulusId, task.key, task.nbytes, type, task.startTime, task.stopTime));
    } else if (report == Report.ADD_KEYS) {
      out.emit(new SchedulerMessage.AddKeys(out.stimulusId, task.key));
    }
  }

  /** The failure, already in {@code task.error}, is reported to the scheduler. */
  void toError(TaskRecord task, Batch out) {
    if (task.error == null) {
      throw new IllegalStateException("task '" + task.key + "' goes to error with no error recorded");
    }
    task.state = ERROR;
    task.done = false;
    out.emit(new SchedulerMessage.TaskErred(out.stimulusId, task.key, task.error));
  }
}
