package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;

/**
 * Hands ready tasks to the shell, best priority first, and none while the worker is paused: as
 * many as there are threads, plus up to {@code lookahead} more that wait on the shell's pool, so
 * that a thread that ends a task starts the next one at once. A constrained task goes first when
 * it has the better priority and its resources are free, and only to a free thread: it never
 * holds resources while it waits.
 */
final class ExecutionSlots {
  private final WorkerTables tables;

  ExecutionSlots(WorkerTables tables) {
    this.tables = tables;
  }

  /** Takes tasks from the queues into {@code executing} and recommends them to executing. */
  void fill(Batch out) {
    if (!tables.running) {
      return;
    }
    int limit = tables.config.nthreads() + tables.config.lookahead();
    while (tables.executing.size() < limit) {
      // Fewer tasks handed over than threads: one of the threads is free for the next task.
      boolean threadFree = tables.executing.size() < tables.config.nthreads();
      TaskRecord task = pollNext(threadFree);
      if (task == null) {
        return;
      }
      tables.executing.add(task);
      tables.acquireResources(task);
      out.recommend(task, EXECUTING);
    }
  }

  private TaskRecord pollNext(boolean threadFree) {
    TaskRecord ready = tables.ready.isEmpty() ? null : tables.ready.first();
    TaskRecord constrained = threadFree && !tables.constrained.isEmpty() ? tables.constrained.first() : null;
    boolean constrainedCanRun = constrained != null && tables.resourcesAvailableFor(constrained);
    if (constrainedCanRun
        && (ready == null || TaskRecord.BY_PRIORITY.compare(constrained, ready) < 0)) {
      return tables.constrained.pollFirst();
    }
    return ready == null ? null : tables.ready.pollFirst();
  }
}
