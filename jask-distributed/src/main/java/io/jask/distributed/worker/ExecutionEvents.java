package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.ERROR;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.RELEASED;
import static io.jask.distributed.worker.WorkerTaskState.RESUMED;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

import io.jask.core.graph.Key;

/** Handlers of the ends of computations the shell was told to run. */
final class ExecutionEvents {
  private final WorkerTables tables;

  ExecutionEvents(WorkerTables tables) {
    this.tables = tables;
  }

  void success(WorkerEvent.ExecuteSuccess event, Batch out) {
    TaskRecord task = finished(event.key(), event.stimulusId());
    if (task == null) {
      dropIfUnwanted(event.key(), out);
      return;
    }
    task.nbytes = event.nbytes();
    task.typeName = event.typeName();
    task.startTime = event.start();
    task.stopTime = event.stop();
    tables.stored.put(task.key, event.nbytes());
    out.recommend(task, MEMORY);
  }

  void failure(WorkerEvent.ExecuteFailure event, Batch out) {
    TaskRecord task = finished(event.key(), event.stimulusId());
    if (task == null) {
      return;
    }
    task.startTime = event.start();
    task.stopTime = event.stop();
    task.error = event.error();
    out.recommend(task, ERROR);
  }

  /**
   * The shell skipped a run that was cancelled before it started. A task still cancelled is
   * released; a resumed one starts its new role; one wanted here again meanwhile goes back to
   * waiting, to be handed over anew once its inputs are here (they may have been let go of).
   */
  void skipped(WorkerEvent.ExecuteSkipped event, Batch out) {
    TaskRecord task = tables.tasks.get(event.key());
    if (task == null || !tables.executing.contains(task)) {
      tables.story.add(event.key(), "stale-execute-skipped", task == null ? "unknown task" : "in " + task.state.label(),
          event.stimulusId());
      return;
    }
    tables.story.add(task.key, "execute-skipped", "in " + task.state.label(), event.stimulusId());
    if (task.state == EXECUTING) {
      tables.purge(task);
      task.state = RELEASED;
      out.recommend(task, WAITING);
      return;
    }
    task.done = true;
    tables.executing.remove(task);
    tables.releaseResources(task);
    out.recommend(task, task.state == RESUMED ? task.next : RELEASED);
  }

  /**
   * The task whose computation ended, its thread and resources given back; null (and a story line)
   * when no computation of that key was under way, which a correct shell never reports.
   */
  private TaskRecord finished(Key key, String stimulusId) {
    TaskRecord task = tables.tasks.get(key);
    if (task == null || !tables.executing.contains(task)) {
      tables.story.add(key, "stale-execute-result", task == null ? "unknown task" : "in " + task.state.label(), stimulusId);
      return null;
    }
    task.done = true;
    tables.executedCount++;
    tables.executing.remove(task);
    tables.releaseResources(task);
    return task;
  }

  /**
   * A value arrived that no computation was waiting for. The shell stored it; it is dropped unless
   * the key is in memory already (then the store holds an equal value, which stays).
   */
  private void dropIfUnwanted(Key key, Batch out) {
    TaskRecord task = tables.tasks.get(key);
    if (task == null || task.state != MEMORY) {
      out.emit(new WorkerInstruction.DropData(out.stimulusId, key));
    }
  }
}
