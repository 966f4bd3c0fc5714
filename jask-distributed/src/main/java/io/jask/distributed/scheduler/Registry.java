package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduler's tables (tasks, workers, clients, the root-task queue) and the bookkeeping that
 * keeps their two-way links in step. It makes no decisions: {@link Transitions}, {@link Placement}
 * and {@link StealingPolicy} do. Each field documents the invariant {@link Invariants} checks.
 */
final class Registry {
  final SchedulerConfig config;

  /** Every task not forgotten, by key. */
  final Map<Key, TaskState> tasks = new HashMap<>();

  /** Every connected worker, by address, in the order they joined. */
  final Map<String, WorkerState> workers = new LinkedHashMap<>();

  /** Every connected client, by id. */
  final Map<String, ClientState> clients = new LinkedHashMap<>();

  /** Task groups by name; every task's group is here, and every group here has tasks. */
  final Map<String, TaskGroup> groups = new HashMap<>();

  /** Exactly the queued tasks, highest priority first. */
  final NavigableSet<TaskState> queued = new TreeSet<>(TaskState.BY_PRIORITY);

  /** Exactly the no-worker tasks, highest priority first. */
  final NavigableSet<TaskState> unrunnable = new TreeSet<>(TaskState.BY_PRIORITY);

  /**
   * Exactly the running workers with a free slot (processing fewer tasks than their {@link
   * WorkerState#slots}): where queued root tasks may go.
   */
  final Set<WorkerState> idle = new LinkedHashSet<>();

  /** Exactly the tasks with a steal request in flight ({@link TaskState#stealThief} non-null). */
  final Set<TaskState> stealsInFlight = new LinkedHashSet<>();

  /** The sum of the connected workers' threads. */
  long totalThreads;

  /** The number of graphs submitted so far: the {@link Priority#generation} of the next one. */
  long generation;

  /** The last run id handed out. */
  long lastRunId;

  final DurationEstimates durations;

  Registry(SchedulerConfig config) {
    this.config = config;
    this.durations = new DurationEstimates(config.defaultTaskDuration());
  }

  // ---- tasks ----

  TaskState newTask(TaskSpec spec, Object runSpec, Priority priority) {
    String groupName = spec.key().index().length == 0 ? spec.key().group() : spec.key().name();
    TaskGroup group = groups.computeIfAbsent(groupName, TaskGroup::new);
    group.size++;
    TaskState ts =
        new TaskState(
            spec.key(),
            group,
            runSpec,
            priority,
            spec.retries(),
            spec.workerRestrictions(),
            spec.resources());
    tasks.put(ts.key, ts);
    return ts;
  }

  /** Drops a task that nothing refers to any more. */
  void forget(TaskState ts) {
    tasks.remove(ts.key);
    if (--ts.group.size == 0) {
      groups.remove(ts.group.name);
    }
    ts.status = TaskStatus.FORGOTTEN;
  }

  // ---- clients ----

  void addWant(ClientState client, TaskState ts) {
    client.wantsWhat.add(ts);
    ts.addWhoWants(client);
  }

  void removeWant(ClientState client, TaskState ts) {
    client.wantsWhat.remove(ts);
    ts.removeWhoWants(client);
  }

  // ---- workers ----

  void addWorker(WorkerState ws) {
    workers.put(ws.address, ws);
    totalThreads += ws.nthreads;
    updateIdle(ws);
  }

  /** Unregisters a worker; its processing tasks and replicas are still linked to it. */
  void removeWorker(WorkerState ws) {
    workers.remove(ws.address);
    totalThreads -= ws.nthreads;
    idle.remove(ws);
  }

  boolean isConnected(WorkerState ws) {
    return workers.get(ws.address) == ws;
  }

  /** Keeps {@link #idle} right after a worker's status or processing changed. */
  void updateIdle(WorkerState ws) {
    if (isConnected(ws)
        && ws.status == WorkerStatus.RUNNING
        && ws.processing.size() < ws.slots(config.workerSaturation())) {
      idle.add(ws);
    } else {
      idle.remove(ws);
    }
  }

  /** Puts a task on a worker's processing set, with a new run id. */
  void addToProcessing(TaskState ts, WorkerState ws) {
    long estimate = durations.estimateMicros(ts.prefix);
    ws.processing.put(ts, estimate);
    ws.occupancyMicros += estimate;
    for (Map.Entry<String, Double> need : ts.resources.entrySet()) {
      ws.usedResources.merge(need.getKey(), need.getValue(), Double::sum);
    }
    ts.processingOn = ws;
    ts.runId = ++lastRunId;
    updateIdle(ws);
  }

  /** Takes a task off the worker it processes on, cancelling any steal request in flight. */
  void removeFromProcessing(TaskState ts) {
    WorkerState ws = ts.processingOn;
    Long estimate = ws.processing.remove(ts);
    ws.occupancyMicros -= estimate;
    for (Map.Entry<String, Double> need : ts.resources.entrySet()) {
      double left = ws.usedResources.get(need.getKey()) - need.getValue();
      if (ws.processing.isEmpty() || left <= 1e-9) {
        ws.usedResources.remove(need.getKey());
      } else {
        ws.usedResources.put(need.getKey(), left);
      }
    }
    if (ws.processing.isEmpty()) {
      ws.usedResources.clear();
    }
    ts.processingOn = null;
    if (ts.stealThief != null) {
      ts.stealThief = null;
      stealsInFlight.remove(ts);
    }
    updateIdle(ws);
  }

  void addReplica(TaskState ts, WorkerState ws) {
    if (ws.hasWhat.add(ts)) {
      ts.addWhoHas(ws);
      ws.nbytes += ts.nbytes;
    }
  }

  void removeReplica(TaskState ts, WorkerState ws) {
    if (ws.hasWhat.remove(ts)) {
      ts.removeWhoHas(ws);
      ws.nbytes -= ts.nbytes;
    }
  }
}
