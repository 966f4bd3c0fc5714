package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.ERROR;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;

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
