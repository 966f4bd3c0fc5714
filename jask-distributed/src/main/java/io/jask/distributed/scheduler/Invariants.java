package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.MEMORY;
import static io.jask.distributed.scheduler.TaskStatus.NO_WORKER;
import static io.jask.distributed.scheduler.TaskStatus.PROCESSING;
import static io.jask.distributed.scheduler.TaskStatus.QUEUED;
import static io.jask.distributed.scheduler.TaskStatus.RELEASED;
import static io.jask.distributed.scheduler.TaskStatus.WAITING;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The checks behind {@link SchedulerState#validateState()}: every invariant documented on the
 * fields of {@link Registry}, {@link TaskState}, {@link WorkerState} and {@link ClientState}, plus
 * the rules that hold once an event has been handled completely (no recommendation left). A broken
 * invariant throws {@link IllegalStateException} naming the task or worker and, for tasks, its
 * story.
 */
final class Invariants {
  /** The states of a task that still has to produce its result. */
  private static final Set<TaskStatus> PENDING = EnumSet.of(WAITING, QUEUED, NO_WORKER, PROCESSING);

  private final Registry registry;
  private final Placement placement;
  private final Story story;

  Invariants(Registry registry, Placement placement, Story story) {
    this.registry = registry;
    this.placement = placement;
    this.story = story;
  }

  void check() {
    Map<TaskState, Integer> processingCount = new HashMap<>();
    for (WorkerState ws : registry.workers.values()) {
      checkWorker(ws);
      for (TaskState ts : ws.processing.keySet()) {
        processingCount.merge(ts, 1, Integer::sum);
      }
    }
    Map<String, Integer> groupSizes = new HashMap<>();
    for (Map.Entry<io.jask.core.graph.Key, TaskState> e : registry.tasks.entrySet()) {
      TaskState ts = e.getValue();
      require(ts.key.equals(e.getKey()), ts, () -> "is registered under another key " + e.getKey());
      checkTask(ts, processingCount.getOrDefault(ts, 0));
      groupSizes.merge(ts.group.name, 1, Integer::sum);
    }
    for (TaskGroup group : registry.groups.values()) {
      if (groupSizes.getOrDefault(group.name, 0) != group.size) {
        fail("task group " + group.name + " counts " + group.size + " tasks, but holds " + groupSizes.get(group.name));
      }
    }
    if (groupSizes.size() != registry.groups.size()) {
      fail("a task's group is not registered");
    }
    for (ClientState cs : registry.clients.values()) {
      for (TaskState ts : cs.wantsWhat) {
        require(registry.tasks.get(ts.key) == ts, ts, () -> "is wanted by " + cs + " but not registered");
        require(ts.whoWants().contains(cs), ts, () -> "is in " + cs + "'s wants, but not vice versa");
      }
    }
    for (TaskState ts : registry.queued) {
      require(ts.status == QUEUED, ts, () -> "is in the queue but not queued");
    }
    for (TaskState ts : registry.unrunnable) {
      require(ts.status == NO_WORKER, ts, () -> "is in the no-worker set but not no-worker");
      for (WorkerState ws : registry.workers.values()) {
        require(!placement.canRun(ws, ts), ts, () -> "is no-worker though " + ws.address + " could run it");
      }
    }
    for (TaskState ts : registry.stealsInFlight) {
      require(ts.stealThief != null, ts, () -> "is in steals in flight without a thief");
      require(registry.tasks.get(ts.key) == ts, ts, () -> "has a steal in flight but is not registered");
    }
    if (!registry.queued.isEmpty() && !registry.idle.isEmpty()) {
      fail("tasks are queued while workers have free slots: " + registry.idle);
    }
  }

  private void checkWorker(WorkerState ws) {
    long occupancy = 0;
    Map<String, Double> used = new HashMap<>();
    for (Map.Entry<TaskState, Long> e : ws.processing.entrySet()) {
      TaskState ts = e.getKey();
      require(ts.status == PROCESSING, ts, () -> "is in " + ws.address + "'s processing set");
      require(ts.processingOn == ws, ts, () -> "is in " + ws.address + "'s processing set, but processing on " + ts.processingOn);
      occupancy += e.getValue();
      ts.resources.forEach((r, amount) -> used.merge(r, amount, Double::sum));
    }
    if (occupancy != ws.occupancyMicros) {
      fail("worker " + ws.address + " occupancy " + ws.occupancyMicros + " != sum of its processing " + occupancy);
    }
    Set<String> names = new HashSet<>(used.keySet());
    names.addAll(ws.usedResources.keySet());
    for (String r : names) {
      double a = used.getOrDefault(r, 0.0);
      double b = ws.usedResources.getOrDefault(r, 0.0);
      if (Math.abs(a - b) > 1e-6) {
        fail("worker " + ws.address + " uses " + b + " of resource " + r + ", its tasks need " + a);
      }
    }
    long nbytes = 0;
    for (TaskState ts : ws.hasWhat) {
      require(ts.status == MEMORY, ts, () -> "is held by " + ws.address);
      require(ts.whoHas().contains(ws), ts, () -> "is in " + ws.address + "'s data, but not vice versa");
      nbytes += ts.nbytes;
    }
    if (nbytes != ws.nbytes) {
      fail("worker " + ws.address + " holds " + ws.nbytes + " bytes, its data sums to " + nbytes);
    }
    boolean shouldBeIdle =
        ws.status == WorkerStatus.RUNNING && ws.processing.size() < ws.slots(registry.config.workerSaturation());
    if (shouldBeIdle != registry.idle.contains(ws)) {
      fail("worker " + ws.address + " idle membership " + registry.idle.contains(ws) + ", expected " + shouldBeIdle);
    }
  }

  private void checkTask(TaskState ts, int processingCount) {
    require(ts.status != TaskStatus.FORGOTTEN, ts, () -> "is forgotten but still registered");
    for (TaskState dep : ts.dependencies()) {
      require(registry.tasks.get(dep.key) == dep, ts, () -> "depends on unregistered " + dep);
      require(dep.dependents().contains(ts), ts, () -> "depends on " + dep + ", not vice versa");
    }
    for (TaskState dependent : ts.dependents()) {
      require(registry.tasks.get(dependent.key) == dependent, ts, () -> "has unregistered dependent " + dependent);
      require(dependent.dependencies().contains(ts), ts, () -> "has dependent " + dependent + ", not vice versa");
      boolean waits = PENDING.contains(dependent.status);
      require(ts.waiters().contains(dependent) == waits, ts,
          () -> "waiters " + ts.waiters() + " disagree with dependent " + dependent);
    }
    require(ts.dependents().containsAll(ts.waiters()), ts, () -> "has waiters that are not dependents");
    for (ClientState cs : ts.whoWants()) {
      require(registry.clients.get(cs.id) == cs, ts, () -> "is wanted by disconnected " + cs);
      require(cs.wantsWhat.contains(ts), ts, () -> "is wanted by " + cs + ", not vice versa");
    }

    // waiting: waitingOn is exactly the dependencies not in memory, and not empty
    if (ts.status == WAITING) {
      Set<TaskState> notInMemory = new HashSet<>();
      for (TaskState dep : ts.dependencies()) {
        if (dep.status != MEMORY) {
          notInMemory.add(dep);
        }
        require(dep.status != ERRED, ts, () -> "is waiting on erred " + dep);
      }
      require(notInMemory.equals(new HashSet<>(ts.waitingOn())), ts,
          () -> "waits on " + ts.waitingOn() + " but its dependencies not in memory are " + notInMemory);
      require(!notInMemory.isEmpty(), ts, () -> "is waiting with all dependencies in memory");
    } else {
      require(ts.waitingOn().isEmpty(), ts, () -> "is not waiting but waits on " + ts.waitingOn());
    }

    // pending tasks: their inputs are in memory once they are ready
    if (ts.status == QUEUED || ts.status == NO_WORKER || ts.status == PROCESSING) {
      for (TaskState dep : ts.dependencies()) {
        require(dep.status == MEMORY, ts, () -> "is ready but its dependency " + dep + " is not in memory");
      }
    }
    require((ts.status == QUEUED) == registry.queued.contains(ts), ts, () -> "queue membership is wrong");
    require((ts.status == NO_WORKER) == registry.unrunnable.contains(ts), ts, () -> "no-worker membership is wrong");

    // processing: on exactly one connected worker
    if (ts.status == PROCESSING) {
      require(ts.processingOn != null, ts, () -> "is processing nowhere");
      require(registry.isConnected(ts.processingOn), ts, () -> "is processing on a removed worker");
      require(processingCount == 1, ts, () -> "is in " + processingCount + " workers' processing sets");
    } else {
      require(ts.processingOn == null, ts, () -> "is not processing but has processingOn " + ts.processingOn);
      require(processingCount == 0, ts, () -> "is not processing but in a worker's processing set");
      require(ts.stealThief == null, ts, () -> "has a steal in flight but is not processing");
    }
    require((ts.stealThief != null) == registry.stealsInFlight.contains(ts), ts, () -> "steal bookkeeping is wrong");

    // memory: held by connected workers
    if (ts.status == MEMORY) {
      require(!ts.whoHas().isEmpty(), ts, () -> "is in memory but no worker holds it");
      require(ts.nbytes >= 0, ts, () -> "is in memory with unknown size");
      for (WorkerState ws : ts.whoHas()) {
        require(registry.isConnected(ws), ts, () -> "is held by removed worker " + ws.address);
        require(ws.hasWhat.contains(ts), ts, () -> "is held by " + ws.address + ", not vice versa");
      }
    } else {
      require(ts.whoHas().isEmpty(), ts, () -> "is not in memory but held by " + ts.whoHas());
    }

    // erred: blamed on a task with an error
    if (ts.status == ERRED) {
      require(ts.exceptionBlame != null && ts.exceptionBlame.exception != null, ts, () -> "is erred without a cause");
    } else {
      require(ts.exceptionBlame == null, ts, () -> "is not erred but blames " + ts.exceptionBlame);
    }

    // needed tasks are pending or done; unneeded ones hold nothing and do nothing
    if (PENDING.contains(ts.status) || ts.status == MEMORY) {
      require(ts.isNeeded(), ts, () -> "is " + ts.status + " though nobody needs it");
    }
    if (ts.status == RELEASED) {
      require(!ts.isNeeded(), ts, () -> "is released though it is needed");
      require(!ts.dependents().isEmpty(), ts, () -> "is released with nothing referring to it");
    }
    if (ts.status == ERRED) {
      require(!ts.whoWants().isEmpty() || !ts.dependents().isEmpty(), ts, () -> "is erred with nothing referring to it");
    }
  }

  private void require(boolean ok, TaskState ts, Supplier<String> problem) {
    if (!ok) {
      fail("task " + ts + " " + problem.get() + "; its story:\n" + story.render(ts.key));
    }
  }

  private static void fail(String problem) {
    throw new IllegalStateException("scheduler invariant broken: " + problem);
  }
}
