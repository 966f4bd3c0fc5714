package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.MEMORY;

import io.jask.core.graph.Key;
import java.util.Map;

/** The handler of values put into the data store from outside: a client's scatter. */
final class PutDataEvents {
  /** Scattered values are inputs like any other; the priority only orders queues they never join. */
  private static final Priority PRIORITY = Priority.of(0);

  private final WorkerTables tables;

  PutDataEvents(WorkerTables tables) {
    this.tables = tables;
  }

  /**
   * Whether a value put here for a task in {@code state} (null: unknown) is kept. Only a task with
   * nothing planned for it qualifies: a task being computed, fetched or waited for will get its
   * value its own way, and the scheduler keeps its plan for it.
   */
  static boolean accepts(WorkerTaskState state) {
    return state == null || state == WorkerTaskState.RELEASED || state == MEMORY;
  }

  void updateData(WorkerEvent.UpdateData event, Batch out) {
    for (Map.Entry<Key, ValueInfo> entry : event.data().entrySet()) {
      TaskRecord known = tables.tasks.get(entry.getKey());
      if (!accepts(known == null ? null : known.state)) {
        tables.story.add(entry.getKey(), "put-data-ignored", "in " + known.state.label(), event.stimulusId());
        out.emit(new WorkerInstruction.DropData(out.stimulusId, entry.getKey()));
        continue;
      }
      TaskRecord task = tables.ensureTask(entry.getKey(), PRIORITY, event.stimulusId());
      tables.story.add(task.key, "put-data", entry.getValue().nbytes() + " bytes", event.stimulusId());
      task.nbytes = entry.getValue().nbytes();
      task.typeName = entry.getValue().typeName();
      // The shell has replaced the value; a key already in memory just has the new size.
      tables.stored.put(task.key, task.nbytes);
      if (task.state != MEMORY) {
        out.recommend(task, MEMORY);
      }
    }
  }
}
