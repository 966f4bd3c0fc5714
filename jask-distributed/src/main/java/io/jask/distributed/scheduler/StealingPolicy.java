package io.jask.distributed.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Work stealing: on each {@link SchedulerEvent.StealTick}, moves tasks waiting in busy workers'
 * local queues to workers with idle threads.
 *
 * <p>A worker runs {@code nthreads} tasks at once, highest priority first; the rest of its
 * processing tasks wait in its queue, and those are what may be stolen (all of them if the worker
 * is paused). A thief is a running worker with fewer processing tasks (counting steals on their way
 * to it) than threads. Each thief, least loaded first, takes the lowest-priority stealable tasks of
 * the worker with the most of them, as long as it is allowed to run them and fetching their inputs
 * would not take longer than running them. Stealing is a request: the scheduler asks the victim
 * ({@link SchedulerMessage.StealRequest}) and moves the task only if the victim answers that it had
 * not started it.
 */
final class StealingPolicy {
  private final Registry registry;
  private final Placement placement;
  private final Transitions transitions;
  private final Outbox outbox;

  StealingPolicy(Registry registry, Placement placement, Transitions transitions, Outbox outbox) {
    this.registry = registry;
    this.placement = placement;
    this.transitions = transitions;
    this.outbox = outbox;
  }

  /** Decides the steals of one tick and sends their requests. */
  void tick() {
    Map<WorkerState, Integer> incoming = new HashMap<>();
    Map<WorkerState, Integer> outgoing = new HashMap<>();
    for (TaskState ts : registry.stealsInFlight) {
      incoming.merge(ts.stealThief, 1, Integer::sum);
      outgoing.merge(ts.processingOn, 1, Integer::sum);
    }
    List<WorkerState> thieves = new ArrayList<>();
    for (WorkerState ws : registry.workers.values()) {
      if (ws.status == WorkerStatus.RUNNING && load(ws, incoming) < ws.nthreads) {
        thieves.add(ws);
      }
    }
    if (thieves.isEmpty()) {
      return;
    }
    thieves.sort(
        Comparator.comparingDouble((WorkerState ws) -> (double) load(ws, incoming) / ws.nthreads)
            .thenComparing(ws -> ws.address));

    Map<WorkerState, Integer> excess = new HashMap<>();
    for (WorkerState ws : registry.workers.values()) {
      int running = ws.status == WorkerStatus.RUNNING ? ws.nthreads : 0;
      int n = ws.processing.size() - outgoing.getOrDefault(ws, 0) - running;
      if (n > 0) {
        excess.put(ws, n);
      }
    }
    if (excess.isEmpty()) {
      return;
    }
    Map<WorkerState, List<TaskState>> candidates = new HashMap<>();
    for (WorkerState thief : thieves) {
      int want = thief.nthreads - load(thief, incoming);
      Set<WorkerState> exhausted = new HashSet<>();
      while (want > 0) {
        WorkerState victim = richestVictim(excess, thief, exhausted);
        if (victim == null) {
          break;
        }
        TaskState task = pick(candidates.computeIfAbsent(victim, this::stealable), victim, thief);
        if (task == null) {
          exhausted.add(victim);
          continue;
        }
        excess.merge(victim, -1, Integer::sum);
        incoming.merge(thief, 1, Integer::sum);
        want--;
        task.stealThief = thief;
        registry.stealsInFlight.add(task);
        transitions.note(task, "steal requested from " + victim.address + " for " + thief.address);
        outbox.send(
            new SchedulerMessage.StealRequest(
                victim.address, task.key, task.runId, transitions.stimulusId()));
      }
    }
  }

  /** Handles a victim's answer to a steal request. */
  void onResponse(SchedulerEvent.StealResponse response) {
    WorkerState victim = registry.workers.get(response.worker());
    TaskState ts = registry.tasks.get(response.key());
    if (ts == null) {
      return;
    }
    if (victim == null
        || ts.processingOn != victim
        || ts.runId != response.runId()
        || ts.stealThief == null) {
      transitions.note(ts, "ignored a stale steal response from " + response.worker());
      return;
    }
    WorkerState thief = ts.stealThief;
    ts.stealThief = null;
    registry.stealsInFlight.remove(ts);
    if (!response.wasQueued()) {
      transitions.note(ts, "steal refused: already running on " + victim.address);
      return;
    }
    if (registry.isConnected(thief) && placement.canRun(thief, ts)) {
      transitions.moveProcessing(ts, thief);
    } else {
      transitions.note(
          ts, "given back by " + victim.address + ", but " + thief.address + " cannot take it now");
      transitions.transitionNow(ts, TaskStatus.WAITING, null);
    }
  }

  private static int load(WorkerState ws, Map<WorkerState, Integer> incoming) {
    return ws.processing.size() + incoming.getOrDefault(ws, 0);
  }

  private static WorkerState richestVictim(
      Map<WorkerState, Integer> excess, WorkerState thief, Set<WorkerState> exhausted) {
    WorkerState best = null;
    int most = 0;
    for (Map.Entry<WorkerState, Integer> e : excess.entrySet()) {
      WorkerState ws = e.getKey();
      int n = e.getValue();
      if (ws == thief || n <= 0 || exhausted.contains(ws)) {
        continue;
      }
      if (n > most || (n == most && ws.address.compareTo(best.address) < 0)) {
        best = ws;
        most = n;
      }
    }
    return best;
  }

  /** A victim's processing tasks without a steal in flight, lowest priority first. */
  private List<TaskState> stealable(WorkerState victim) {
    List<TaskState> out = new ArrayList<>();
    for (TaskState ts : victim.processing.keySet()) {
      if (ts.stealThief == null) {
        out.add(ts);
      }
    }
    out.sort(TaskState.BY_PRIORITY.reversed());
    return out;
  }

  /** Takes the first candidate the thief may run and that is worth moving; null if none. */
  private TaskState pick(List<TaskState> candidates, WorkerState victim, WorkerState thief) {
    for (int i = 0; i < candidates.size(); i++) {
      TaskState ts = candidates.get(i);
      if (placement.canRun(thief, ts)
          && placement.transferMicros(ts, thief) <= victim.processing.get(ts)) {
        candidates.remove(i);
        return ts;
      }
    }
    return null;
  }
}
