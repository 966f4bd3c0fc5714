package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CANCELLED;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.FLIGHT;
import static io.jask.distributed.worker.WorkerTaskState.MISSING;

/** The transitions of a value copied from a peer: fetch → flight → memory, and missing. */
final class FetchTransitions {
  private final WorkerTables tables;
  private final ComputeTransitions compute;

  FetchTransitions(WorkerTables tables, ComputeTransitions compute) {
    this.tables = tables;
    this.compute = compute;
  }

  /** → fetch: queued at every peer that holds the value; missing if none does. */
  void toFetch(TaskRecord task, Batch out) {
    if (task.whoHas.isEmpty()) {
      out.recommend(task, MISSING);
      return;
    }
    task.state = FETCH;
    task.done = false;
    tables.enqueueFetch(task);
  }

  /** fetch → flight: the transfer was chosen by {@link TransferPlanner}, which set {@code comingFrom}. */
  void fetchFlight(TaskRecord task, Batch out) {
    if (task.comingFrom == null) {
      throw new IllegalStateException("task '" + task.key + "' goes to flight with no peer to come from");
    }
    tables.dequeueFetch(task);
    task.state = FLIGHT;
    task.done = false;
    tables.inFlightTasks.add(task);
  }

  /** → missing: no peer is known to hold the value; the scheduler is asked for one. */
  void toMissing(TaskRecord task, Batch out) {
    tables.dequeueFetch(task);
    task.state = MISSING;
    task.done = false;
    tables.missing.add(task);
    out.emit(new SchedulerMessage.MissingData(out.stimulusId, task.key));
  }

  /** missing → fetch, once a holder is known; stays missing otherwise. */
  void missingFetch(TaskRecord task, Batch out) {
    if (task.whoHas.isEmpty()) {
      return;
    }
    tables.missing.remove(task);
    toFetch(task, out);
  }

  /** missing → waiting: the scheduler now wants the value computed here. */
  void missingWaiting(TaskRecord task, Batch out) {
    tables.purge(task);
    compute.releasedWaiting(task, out);
  }

  /**
   * flight → fetch: when the transfer has ended without the value, try again (elsewhere if the
   * peer lost it); while it is still under way, nothing to do.
   */
  void flightFetch(TaskRecord task, Batch out) {
    if (!task.done) {
      return;
    }
    task.done = false;
    toFetch(task, out);
  }

  /**
   * flight → released: the transfer cannot be called back, so the task is cancelled and its value
   * dropped when it arrives.
   */
  void flightReleased(TaskRecord task, Batch out) {
    task.previous = FLIGHT;
    task.next = null;
    task.state = CANCELLED;
  }
}
