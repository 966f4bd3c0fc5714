package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CANCELLED;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.FLIGHT;
import static io.jask.distributed.worker.WorkerTaskState.RELEASED;
import static io.jask.distributed.worker.WorkerTaskState.RESUMED;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

/**
 * The transitions of work that was let go of while under way, as Dask's: a cancelled task waits
 * for its computation or transfer to end, then drops the result; a resumed one, wanted again in
 * the other role meanwhile, keeps the result if there is one and otherwise starts the other role.
 * Work is never started twice for one key.
 */
final class CancelTransitions {
  private final ReleaseTransitions releases;
  private final Outcomes outcomes;

  CancelTransitions(ReleaseTransitions releases, Outcomes outcomes) {
    this.releases = releases;
    this.outcomes = outcomes;
  }

  /**
   * executing → released: a running thread cannot be stopped, so the task is cancelled. The shell
   * is told, so that a run still waiting for a thread is skipped rather than started.
   */
  void executingReleased(TaskRecord task, Batch out) {
    task.previous = EXECUTING;
    task.next = null;
    task.state = CANCELLED;
    out.emit(new WorkerInstruction.CancelExecute(out.stimulusId, task.key));
  }

  /** cancelled → released, once the work has ended; until then nothing changes. */
  void cancelledReleased(TaskRecord task, Batch out) {
    if (!task.done) {
      return;
    }
    releases.released(task, out);
  }

  /** cancelled → memory: the work ended with a value nobody wants; it is dropped. */
  void cancelledMemory(TaskRecord task, Batch out) {
    releases.dropStored(task, out);
    cancelledReleased(task, out);
  }

  /**
   * cancelled → fetch: a dependent wants the value again. A cancelled transfer still under way
   * simply goes on; one that ended without the value is released (and fetched anew by whoever
   * wants it). A cancelled computation resumes as a fetch.
   */
  void cancelledFetch(TaskRecord task, Batch out) {
    if (task.previous == FLIGHT) {
      if (task.done) {
        out.recommend(task, RELEASED);
      } else {
        task.previous = null;
        task.state = FLIGHT;
      }
    } else {
      task.state = RESUMED;
      task.next = FETCH;
    }
  }

  /**
   * cancelled → waiting: the scheduler wants the task computed here again. A cancelled computation
   * simply goes on (it is not started twice; if the shell skipped it, it is handed over anew); a
   * cancelled transfer resumes as a computation.
   */
  void cancelledWaiting(TaskRecord task, Batch out) {
    if (task.previous == EXECUTING) {
      task.previous = null;
      task.state = EXECUTING;
    } else {
      task.state = RESUMED;
      task.next = WAITING;
    }
  }

  /** resumed → released: back to merely cancelled. */
  void resumedReleased(TaskRecord task, Batch out) {
    task.state = CANCELLED;
    task.next = null;
  }

  /**
   * resumed → memory: the work ended with a value, which is kept. The scheduler expects the
   * result of the new role, so a computed value is announced as a replica and a fetched one as a
   * finished task.
   */
  void resumedMemory(TaskRecord task, Batch out) {
    Outcomes.Report report =
        task.previous == EXECUTING ? Outcomes.Report.ADD_KEYS : Outcomes.Report.TASK_FINISHED;
    outcomes.toMemory(task, report, out);
  }

  /**
   * resumed → error or fetch after the work ended without a value: the failure is not reported (the
   * scheduler no longer expects it) and the new role starts. While the work is under way, a fetch
   * recommendation changes nothing, or puts a resumed transfer back in flight.
   */
  void resumedWithoutValue(TaskRecord task, Batch out) {
    if (!task.done) {
      if (task.previous == FLIGHT) {
        task.previous = null;
        task.next = null;
        task.state = FLIGHT;
      }
      return;
    }
    WorkerTaskState nextRole = task.next;
    task.state = RELEASED;
    task.done = false;
    task.previous = null;
    task.next = null;
    task.error = null;
    out.recommend(task, nextRole);
  }
}
