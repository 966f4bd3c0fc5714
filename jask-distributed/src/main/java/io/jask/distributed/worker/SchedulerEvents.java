package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CANCELLED;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.FORGOTTEN;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.RELEASED;
import static io.jask.distributed.worker.WorkerTaskState.RESUMED;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

import io.jask.core.graph.Key;
import java.util.Map;

/** Handlers of the events the scheduler sends, and of the shell's pause and reminders. */
final class SchedulerEvents {
  /** Replicas are fetched after the inputs of ordinary work, as in Dask. */
  static final Priority REPLICA_PRIORITY = Priority.of(1);

  private final WorkerTables tables;

  SchedulerEvents(WorkerTables tables) {
    this.tables = tables;
  }

  void computeTask(WorkerEvent.ComputeTask event, Batch out) {
    Priority priority = event.priority().then(tables.generation);
    TaskRecord task = tables.ensureTask(event.key(), priority, event.stimulusId());
    tables.story.add(task.key, "compute-task", "in " + task.state.label(), event.stimulusId());
    switch (task.state) {
      case WAITING, READY, CONSTRAINED, EXECUTING:
        return; // already being computed here
      case MEMORY:
        out.emit(
            new SchedulerMessage.TaskFinished(
                out.stimulusId, task.key, task.nbytes, typeName(task), task.startTime, task.stopTime));
        return;
      default:
        break;
    }
    tables.generation--;
    boolean stillRunning =
        (task.state == CANCELLED || task.state == RESUMED) && task.previous == EXECUTING;
    task.runSpec = event.runSpec();
    task.error = null;
    tables.setPriority(task, priority);
    if (!stillRunning) {
      // A running task keeps the resources it holds; they are given back when it ends.
      task.resources = event.resources();
    }
    for (Map.Entry<Key, DependencyInfo> entry : event.dependencies().entrySet()) {
      TaskRecord dependency = tables.ensureTask(entry.getKey(), priority, event.stimulusId());
      if (dependency.state != MEMORY) {
        dependency.nbytes = entry.getValue().nbytes();
      }
      task.dependencies.add(dependency);
      dependency.dependents.add(task);
      tables.setWhoHas(dependency, entry.getValue().whoHas());
    }
    out.recommend(task, WAITING);
  }

  void freeKeys(WorkerEvent.FreeKeys event, Batch out) {
    for (Key key : event.keys()) {
      TaskRecord task = tables.tasks.get(key);
      if (task != null) {
        tables.story.add(key, "free-keys", "in " + task.state.label(), event.stimulusId());
        task.replicaRequested = false;
        out.recommend(task, RELEASED);
      }
    }
  }

  void stealRequest(WorkerEvent.StealRequest event, Batch out) {
    TaskRecord task = tables.tasks.get(event.key());
    WorkerTaskState state = task == null ? FORGOTTEN : task.state;
    SchedulerMessage.StealResponse response =
        new SchedulerMessage.StealResponse(event.stimulusId(), event.key(), state);
    if (task != null) {
      tables.story.add(task.key, "steal-request", "in " + state.label(), event.stimulusId());
    }
    if (response.released()) {
      out.recommend(task, RELEASED);
    }
    out.emit(response);
  }

  void acquireReplicas(WorkerEvent.AcquireReplicas event, Batch out) {
    for (Map.Entry<Key, DependencyInfo> entry : event.replicas().entrySet()) {
      TaskRecord task = tables.ensureTask(entry.getKey(), REPLICA_PRIORITY, event.stimulusId());
      tables.setWhoHas(task, entry.getValue().whoHas());
      tables.story.add(task.key, "acquire-replica", "in " + task.state.label(), event.stimulusId());
      if (task.state != MEMORY) {
        task.nbytes = entry.getValue().nbytes();
        task.replicaRequested = true;
        out.recommend(task, FETCH);
      }
    }
  }

  void refreshWhoHas(WorkerEvent.RefreshWhoHas event, Batch out) {
    event.whoHas().forEach((key, peers) -> {
      TaskRecord task = tables.tasks.get(key);
      if (task != null) {
        tables.setWhoHas(task, peers);
      }
    });
  }

  void findMissing(WorkerEvent.FindMissing event, Batch out) {
    for (TaskRecord task : tables.missing) {
      out.emit(new SchedulerMessage.MissingData(event.stimulusId(), task.key));
    }
  }

  void removePeer(WorkerEvent.RemovePeer event, Batch out) {
    tables.forgetPeer(event.peer());
  }

  void pause(WorkerEvent.Pause event, Batch out) {
    tables.running = false;
  }

  void unpause(WorkerEvent.Unpause event, Batch out) {
    tables.running = true;
  }

  static String typeName(TaskRecord task) {
    return task.typeName == null ? "" : task.typeName;
  }
}
