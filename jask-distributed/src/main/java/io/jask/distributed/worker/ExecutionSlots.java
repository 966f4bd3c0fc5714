package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;

/**
 * Hands free threads to ready tasks, best priority first: at most {@code nthreads} tasks occupy a
 * thread, and none starts while the worker is paused. A constrained task goes first when it has
 * the better priority and its resources are free.
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
    while (tables.executing.size() < tables.config.nthreads()) {
      TaskRecord task = pollNext();
      if (task == null) {
        return;
      }
      tables.executing.add(task);
      tables.acquireResources(task);
      out.recommend(task, EXECUTING);
    }
  }

  private TaskRecord pollNext() {
    TaskRecord ready = tables.ready.isEmpty() ? null : tables.ready.first();
    TaskRecord constrained = tables.constrained.isEmpty() ? null : tables.constrained.first();
    boolean constrainedCanRun = constrained != null && tables.resourcesAvailableFor(constrained);
    if (constrainedCanRun
        && (ready == null || TaskRecord.BY_PRIORITY.compare(constrained, ready) < 0)) {
      return tables.constrained.pollFirst();
    }
    return ready == null ? null : tables.ready.pollFirst();
  }
}
