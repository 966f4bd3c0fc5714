package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.TaskStatus.RELEASED;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.ReplicaAdded;
import io.jask.distributed.scheduler.SchedulerEvent.RetireWorkers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Graceful retirement of workers (Dask's {@code retire_workers}): a retiring worker takes no new
 * tasks, its processing tasks move elsewhere, and each result only it holds is copied to another
 * worker before it is told to close. Results that no other worker can take (none is left) are not
 * copied; they are recomputed from their lineage if needed later.
 *
 * <pre>
 *  RetireWorkers ─▶ status CLOSING, processing tasks released (and placed elsewhere)
 *       └─▶ AcquireReplicas(to the emptiest running worker) ─▶ ReplicaAdded ... until none unique
 *       └─▶ CloseWorker(restart=false) ─▶ the worker says goodbye ─▶ WorkerRemoved(RETIRED)
 * </pre>
 *
 * <p>{@link #progress} runs after every event while a retirement is under way, so a copy that a
 * target can no longer make (it died or started retiring itself) is asked of another worker.
 */
final class Retirement {
  private final Registry registry;
  private final Transitions transitions;
  private final Outbox outbox;

  /**
   * Retiring workers not yet told to close, each with the copies asked for: key → the worker asked
   * to copy it.
   */
  private final Map<WorkerState, Map<TaskState, WorkerState>> retiring = new LinkedHashMap<>();

  Retirement(Registry registry, Transitions transitions, Outbox outbox) {
    this.registry = registry;
    this.transitions = transitions;
    this.outbox = outbox;
  }

  void onRetireWorkers(RetireWorkers e) {
    for (String address : e.workers()) {
      WorkerState ws = registry.workers.get(address);
      if (ws == null || retiring.containsKey(ws)) {
        continue;
      }
      ws.status = WorkerStatus.CLOSING;
      registry.updateIdle(ws);
      retiring.put(ws, new HashMap<>());
      for (TaskState ts : new ArrayList<>(ws.processing.keySet())) {
        transitions.note(ts, "worker " + address + " retires: moving the task elsewhere");
        transitions.recommend(ts, RELEASED);
      }
    }
  }

  void onReplicaAdded(ReplicaAdded e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    TaskState ts = registry.tasks.get(e.key());
    if (ts == null || ts.status != TaskStatus.MEMORY) {
      // Nobody needs this copy: the worker must not keep data the scheduler does not know about.
      outbox.freeKey(ws.address, e.key(), e.stimulusId());
      return;
    }
    if (!ts.whoHas().contains(ws)) {
      registry.addReplica(ts, ws);
      transitions.note(ts, "replica added on " + ws.address);
    }
  }

  /** Whether a retirement is under way. */
  boolean active() {
    return !retiring.isEmpty();
  }

  /** Forgets every retirement under way (the cluster restarts). */
  void clear() {
    retiring.clear();
  }

  /**
   * Asks for the copies still missing, and tells each retiring worker whose results are all safe
   * elsewhere to close.
   */
  void progress(String stimulusId) {
    for (Map.Entry<WorkerState, Map<TaskState, WorkerState>> entry : new ArrayList<>(retiring.entrySet())) {
      WorkerState ws = entry.getKey();
      Map<TaskState, WorkerState> asked = entry.getValue();
      if (!registry.isConnected(ws)) {
        retiring.remove(ws);
        continue;
      }
      if (!ws.processing.isEmpty()) {
        continue; // released tasks leave on the same event; any left wait for their result
      }
      Map<WorkerState, List<TaskState>> toAsk = new LinkedHashMap<>();
      boolean unique = false;
      boolean noTarget = false;
      for (TaskState ts : ws.hasWhat) {
        if (heldElsewhere(ts, ws)) {
          continue;
        }
        unique = true;
        WorkerState target = asked.get(ts);
        if (target != null && eligible(target)) {
          continue; // being copied
        }
        target = emptiestTarget();
        if (target == null) {
          noTarget = true;
          break;
        }
        asked.put(ts, target);
        toAsk.computeIfAbsent(target, t -> new ArrayList<>()).add(ts);
      }
      if (!unique || noTarget) {
        retiring.remove(ws);
        outbox.send(new SchedulerMessage.CloseWorker(ws.address, false,
            noTarget ? "retired; no other worker could take its results" : "retired", stimulusId));
        continue;
      }
      toAsk.forEach((target, tasks) -> {
        Map<Key, List<String>> whoHas = new LinkedHashMap<>();
        Map<Key, Long> nbytes = new LinkedHashMap<>();
        for (TaskState ts : tasks) {
          whoHas.put(ts.key, Transitions.addresses(ts.whoHas()));
          nbytes.put(ts.key, ts.nbytes);
          transitions.note(ts, "copying to " + target.address + " before " + ws.address + " retires");
        }
        outbox.send(new SchedulerMessage.AcquireReplicas(target.address, whoHas, nbytes, stimulusId));
      });
    }
  }

  /** Whether a worker that stays (connected, not retiring) holds the task's result too. */
  private boolean heldElsewhere(TaskState ts, WorkerState retiringWorker) {
    for (WorkerState holder : ts.whoHas()) {
      if (holder != retiringWorker && eligible(holder)) {
        return true;
      }
    }
    return false;
  }

  private boolean eligible(WorkerState ws) {
    return registry.isConnected(ws) && ws.status != WorkerStatus.CLOSING;
  }

  /** The staying worker holding the fewest bytes, the first joined on a tie; null if none. */
  private WorkerState emptiestTarget() {
    WorkerState best = null;
    for (WorkerState ws : registry.workers.values()) {
      if (eligible(ws) && (best == null || ws.nbytes < best.nbytes)) {
        best = ws;
      }
    }
    return best;
  }
}
