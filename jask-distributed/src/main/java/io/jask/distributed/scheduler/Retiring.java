package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.ReplicaAdded;
import io.jask.distributed.scheduler.SchedulerEvent.RetireWorkers;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerStatusChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Graceful retirement, as Dask's {@code retire_workers}: a retiring worker gets no new tasks, and
 * the results that only retiring workers hold are copied to running workers before it goes, so
 * nothing has to be recomputed. A copy is asked of the running worker holding the fewest bytes;
 * if it leaves before the copy arrives, the next {@link RetireWorkers} asks another.
 */
final class Retiring {
  private final Registry registry;
  private final WorkerStimuli workerStimuli;
  private final Outbox outbox;
  /** Result → the worker asked to copy it, until the copy is reported. */
  private final Map<TaskState, WorkerState> copying = new HashMap<>();

  Retiring(Registry registry, WorkerStimuli workerStimuli, Outbox outbox) {
    this.registry = registry;
    this.workerStimuli = workerStimuli;
    this.outbox = outbox;
  }

  void onRetire(RetireWorkers e) {
    List<WorkerState> leaving = new ArrayList<>();
    for (String address : e.workers()) {
      WorkerState ws = registry.workers.get(address);
      if (ws != null) {
        workerStimuli.onWorkerStatusChanged(new WorkerStatusChanged(address, WorkerStatus.CLOSING, e.stimulusId()));
        leaving.add(ws);
      }
    }
    copying.keySet().removeIf(ts -> ts.status != TaskStatus.MEMORY);
    Map<WorkerState, Map<Key, List<String>>> asks = new LinkedHashMap<>();
    Map<WorkerState, Long> incoming = new HashMap<>();
    for (WorkerState ws : leaving) {
      for (TaskState ts : ws.hasWhat) {
        if (safe(ts)) {
          continue;
        }
        WorkerState asked = copying.get(ts);
        if (asked != null && registry.isConnected(asked) && asked.status == WorkerStatus.RUNNING) {
          continue;
        }
        WorkerState recipient = recipient(incoming);
        if (recipient == null) {
          return; // nowhere to go yet: asked again when the shell repeats the event
        }
        copying.put(ts, recipient);
        incoming.merge(recipient, ts.nbytes, Long::sum);
        asks.computeIfAbsent(recipient, r -> new LinkedHashMap<>())
            .put(ts.key, List.copyOf(Transitions.addresses(ts.whoHas())));
      }
    }
    asks.forEach((recipient, whoHas) -> {
      Map<Key, Long> nbytes = new HashMap<>();
      for (Key key : whoHas.keySet()) {
        nbytes.put(key, registry.tasks.get(key).nbytes);
      }
      outbox.send(new SchedulerMessage.AcquireReplicas(recipient.address, whoHas, nbytes, e.stimulusId()));
    });
  }

  void onReplicaAdded(ReplicaAdded e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    TaskState ts = registry.tasks.get(e.key());
    if (ts != null && ts.status == TaskStatus.MEMORY) {
      registry.addReplica(ts, ws);
      if (copying.get(ts) == ws) {
        copying.remove(ts);
      }
    } else {
      // The scheduler does not track this result any more: the copy must not linger.
      outbox.send(new SchedulerMessage.FreeKeys(ws.address, List.of(e.key()), e.stimulusId()));
    }
  }

  /** Whether a retiring worker may go: nothing processing, every result held elsewhere too. */
  boolean ready(String worker) {
    WorkerState ws = registry.workers.get(worker);
    if (ws == null) {
      return true;
    }
    if (!ws.processing.isEmpty()) {
      return false;
    }
    for (TaskState ts : ws.hasWhat) {
      if (!safe(ts)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a running (not retiring) worker holds the result. */
  private boolean safe(TaskState ts) {
    for (WorkerState holder : ts.whoHas()) {
      if (holder.status != WorkerStatus.CLOSING) {
        return true;
      }
    }
    return false;
  }

  /** The running worker holding the fewest bytes, counting those already asked of it now. */
  private WorkerState recipient(Map<WorkerState, Long> incoming) {
    WorkerState best = null;
    long bestBytes = Long.MAX_VALUE;
    for (WorkerState ws : registry.workers.values()) {
      if (ws.status != WorkerStatus.RUNNING) {
        continue;
      }
      long bytes = ws.nbytes + incoming.getOrDefault(ws, 0L);
      if (bytes < bestBytes) {
        best = ws;
        bestBytes = bytes;
      }
    }
    return best;
  }
}
