package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.MEMORY;
import static io.jask.distributed.scheduler.TaskStatus.PROCESSING;
import static io.jask.distributed.scheduler.TaskStatus.RELEASED;
import static io.jask.distributed.scheduler.TaskStatus.WAITING;

import io.jask.distributed.scheduler.SchedulerEvent.DataMissing;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerEvent.TaskErred;
import io.jask.distributed.scheduler.SchedulerEvent.TaskFinished;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerAdded;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerRemoved;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerStatusChanged;
import java.util.ArrayList;

/**
 * What the scheduler does when a worker speaks: it joined, left, paused or resumed, finished or
 * failed a task, or lacks a key. A result or failure of an older run than the task's current one
 * is stale: freed on the worker, or ignored while the current run on that worker is still to
 * come. Each handler recommends transitions; {@link SchedulerState#handle} carries them out.
 */
final class WorkerStimuli {
  private final SchedulerConfig config;
  private final Registry registry;
  private final Placement placement;
  private final Transitions transitions;
  private final Outbox outbox;
  private final Story story;

  WorkerStimuli(
      Registry registry, Placement placement, Transitions transitions, Outbox outbox, Story story) {
    this.config = registry.config;
    this.registry = registry;
    this.placement = placement;
    this.transitions = transitions;
    this.outbox = outbox;
    this.story = story;
  }

  void onWorkerAdded(WorkerAdded e) {
    if (registry.workers.containsKey(e.worker())) {
      return;
    }
    WorkerState ws = new WorkerState(e.worker(), e.nthreads(), e.memoryLimit(), e.resources());
    registry.addWorker(ws);
    recommendRunnableOn(ws);
  }

  /** Recommends the no-worker tasks {@code ws} could run to processing, by priority. */
  private void recommendRunnableOn(WorkerState ws) {
    for (TaskState ts : registry.unrunnable) {
      if (placement.canRun(ws, ts)) {
        transitions.recommend(ts, PROCESSING);
      }
    }
  }

  void onWorkerRemoved(WorkerRemoved e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    registry.removeWorker(ws);
    for (TaskState ts : new ArrayList<>(ws.processing.keySet())) {
      if (e.reason() == RemovalReason.LOST) {
        ts.suspicious++;
        transitions.note(
            ts, "worker " + ws.address + " died while processing it; suspicious " + ts.suspicious);
        if (ts.suspicious > config.allowedFailures()) {
          transitions.transitionNow(ts, ERRED, new Transitions.Failed(null, killedWorker(ts, ws)));
          continue;
        }
      } else {
        transitions.note(ts, "worker " + ws.address + " retired while processing it");
      }
      transitions.recommend(ts, RELEASED);
    }
    for (TaskState ts : new ArrayList<>(ws.hasWhat)) {
      registry.removeReplica(ts, ws);
      if (ts.whoHas().isEmpty()) {
        transitions.note(ts, "its last replica left with worker " + ws.address);
        transitions.recommend(ts, RELEASED);
      }
    }
  }

  private ErrorInfo killedWorker(TaskState ts, WorkerState last) {
    String message =
        "attempted to run task '" + ts.key + "' on " + ts.suspicious
            + " different workers, but all those workers died while running it (allowedFailures "
            + config.allowedFailures() + "). The last worker that attempted to run it was "
            + last.address + ". Look in the workers' logs for the cause; often it is the task"
            + " running out of memory.";
    return new ErrorInfo(ErrorInfo.KILLED_WORKER, message, "story of '" + ts.key + "':\n" + story.render(ts.key));
  }

  void onWorkerStatusChanged(WorkerStatusChanged e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null || ws.status == e.status() || ws.status == WorkerStatus.CLOSING) {
      return; // a closing worker stays closing, whatever its memory does meanwhile
    }
    ws.status = e.status();
    registry.updateIdle(ws);
    if (ws.status == WorkerStatus.RUNNING) {
      recommendRunnableOn(ws);
    }
  }

  void onWorkerMemory(SchedulerEvent.WorkerMemory e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws != null) {
      ws.managedBytes = Math.max(0, e.managedBytes());
      ws.unmanagedBytes = Math.max(0, e.unmanagedBytes());
      ws.spilledBytes = Math.max(0, e.spilledBytes());
    }
  }

  void onTaskFinished(TaskFinished e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    TaskState ts = registry.tasks.get(e.key());
    if (ts == null) {
      outbox.freeKey(ws.address, e.key(), e.stimulusId());
      return;
    }
    if (ts.status == PROCESSING && ts.processingOn == ws) {
      if (ts.runId == e.runId()) {
        transitions.transitionNow(
            ts, MEMORY, new Transitions.Finished(ws, e.nbytes(), e.typeName(), e.duration()));
      } else {
        transitions.note(ts, "ignored a result of run " + e.runId() + " from " + ws.address
            + ": waiting for run " + ts.runId);
      }
      return;
    }
    if (ts.status == MEMORY && ts.whoHas().contains(ws)) {
      transitions.note(ts, "ignored a repeated result from " + ws.address);
      return;
    }
    transitions.note(ts, "freed a stale result of run " + e.runId() + " from " + ws.address);
    outbox.freeKey(ws.address, ts.key, e.stimulusId());
  }

  void onTaskErred(TaskErred e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    TaskState ts = registry.tasks.get(e.key());
    if (ts == null) {
      outbox.freeKey(ws.address, e.key(), e.stimulusId());
      return;
    }
    boolean current = ts.status == PROCESSING && ts.processingOn == ws;
    if (!current || ts.runId != e.runId()) {
      if (current || (ts.status == MEMORY && ts.whoHas().contains(ws))) {
        transitions.note(ts, "ignored a failure of run " + e.runId() + " from " + ws.address);
      } else {
        transitions.note(ts, "freed a stale failure of run " + e.runId() + " on " + ws.address);
        outbox.freeKey(ws.address, ts.key, e.stimulusId());
      }
      return;
    }
    if (ts.retries > 0) {
      ts.retries--;
      transitions.note(ts, "failed on " + ws.address + " with " + e.error() + "; retrying, "
          + ts.retries + " retries left");
      transitions.transitionNow(ts, WAITING, null);
      return;
    }
    transitions.transitionNow(ts, ERRED, new Transitions.Failed(ws, e.error()));
  }

  void onDataMissing(DataMissing e) {
    WorkerState ws = registry.workers.get(e.worker());
    TaskState ts = registry.tasks.get(e.key());
    if (ws == null || ts == null || !ts.whoHas().contains(ws)) {
      return;
    }
    registry.removeReplica(ts, ws);
    transitions.note(ts, ws.address + " does not hold it");
    // A peer's failed fetch may be stale (the worker got the key again since): make sure the worker
    // drops it, so that it never holds data the scheduler does not know about.
    outbox.freeKey(ws.address, ts.key, e.stimulusId());
    if (ts.whoHas().isEmpty()) {
      transitions.recommend(ts, RELEASED);
    }
  }
}
