package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerTaskState.CANCELLED;
import static io.jask.distributed.worker.WorkerTaskState.CONSTRAINED;
import static io.jask.distributed.worker.WorkerTaskState.ERROR;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FETCH;
import static io.jask.distributed.worker.WorkerTaskState.FLIGHT;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.MISSING;
import static io.jask.distributed.worker.WorkerTaskState.READY;
import static io.jask.distributed.worker.WorkerTaskState.RESUMED;
import static io.jask.distributed.worker.WorkerTaskState.WAITING;

import io.jask.core.graph.Key;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Checks the invariants documented on {@link WorkerTables} and {@link TaskRecord}. */
final class StateValidator {
  private final WorkerTables tables;

  StateValidator(WorkerTables tables) {
    this.tables = tables;
  }

  /** @throws InvalidWorkerStateException naming the first broken invariant */
  void validate() {
    checkGlobal();
    for (TaskRecord task : tables.tasks.values()) {
      checkTask(task);
    }
  }

  private void checkGlobal() {
    int nthreads = tables.config.nthreads();
    int lookahead = tables.config.lookahead();
    check(tables.executing.size() <= nthreads + lookahead, null,
        () -> tables.executing.size() + " tasks handed to the shell, but there are " + nthreads
            + " threads and a lookahead of " + lookahead);
    check(tables.inFlightPeers.size() <= tables.config.transferIncomingCountLimit(), null,
        () -> tables.inFlightPeers.size() + " transfers under way, above the limit");
    Set<Key> inMemory = new HashSet<>();
    tables.tasks.forEach((key, task) -> {
      if (task.state == MEMORY) {
        inMemory.add(key);
      }
    });
    check(tables.stored.keySet().equals(inMemory), null,
        () -> "data store keys " + tables.stored.keySet() + " differ from memory keys " + inMemory);
    long bytes = 0;
    for (Map.Entry<String, WorkerTables.Transfer> entry : tables.inFlightPeers.entrySet()) {
      bytes += entry.getValue().nbytes();
      for (Key key : entry.getValue().keys()) {
        TaskRecord task = tables.tasks.get(key);
        check(task != null && task.inTransfer() && entry.getKey().equals(task.comingFrom), task,
            () -> "transfer from " + entry.getKey() + " lists " + key + ", which is not coming from it");
      }
    }
    long total = bytes;
    check(total == tables.incomingBytes, null,
        () -> "incoming bytes " + tables.incomingBytes + " differ from the transfers' total " + total);
    for (Map.Entry<String, NavigableSet<TaskRecord>> entry : tables.dataNeeded.entrySet()) {
      for (TaskRecord task : entry.getValue()) {
        check(task.state == FETCH && task.whoHas.contains(entry.getKey())
                && tables.tasks.get(task.key) == task, task,
            () -> "queued at " + entry.getKey() + " but not a fetch held there");
      }
    }
    for (Map.Entry<String, Set<Key>> entry : tables.hasWhat.entrySet()) {
      for (Key key : entry.getValue()) {
        TaskRecord task = tables.tasks.get(key);
        check(task != null && task.whoHas.contains(entry.getKey()), task,
            () -> entry.getKey() + " is listed as holding " + key + " but the task does not say so");
      }
    }
    Map<String, Double> available = new TreeMap<>(tables.config.resources());
    for (TaskRecord task : tables.executing) {
      task.resources.forEach((name, amount) -> available.merge(name, -amount, Double::sum));
    }
    for (Map.Entry<String, Double> entry : available.entrySet()) {
      double actual = tables.availableResources.getOrDefault(entry.getKey(), 0.0);
      check(Math.abs(actual - entry.getValue()) < 1e-9 && actual > -1e-9, null,
          () -> "resource " + entry.getKey() + " available " + actual + ", expected " + entry.getValue());
    }
    checkMembership(tables.ready, READY);
    checkMembership(tables.constrained, CONSTRAINED);
    checkMembership(tables.waiting, WAITING);
    checkMembership(tables.missing, MISSING);
    for (TaskRecord task : tables.tasks.values()) {
      check(tables.executing.contains(task) == task.occupiesThread(), task,
          () -> "in the executing set iff it occupies a thread");
      check(tables.inFlightTasks.contains(task) == task.inTransfer(), task,
          () -> "in the in-flight set iff a transfer of it is under way");
    }
    for (TaskRecord task : tables.executing) {
      check(tables.tasks.get(task.key) == task, task, () -> "executing but not in the table");
    }
    for (TaskRecord task : tables.inFlightTasks) {
      check(tables.tasks.get(task.key) == task, task, () -> "in flight but not in the table");
    }
  }

  private void checkMembership(Set<TaskRecord> set, WorkerTaskState state) {
    for (TaskRecord task : set) {
      check(task.state == state && tables.tasks.get(task.key) == task, task,
          () -> "in the " + state.label() + " set but " + task.state.label());
    }
    for (TaskRecord task : tables.tasks.values()) {
      check(task.state != state || set.contains(task), task, () -> state.label() + " but not in its set");
    }
  }

  private void checkTask(TaskRecord task) {
    check(tables.tasks.get(task.key) == task, task, () -> "not the table's record for its key");
    check(task.priority != null, task, () -> "no priority");
    check(!task.whoHas.contains(tables.address), task, () -> "lists this worker as a peer holding it");
    for (String peer : task.whoHas) {
      check(tables.hasWhat.getOrDefault(peer, Set.of()).contains(task.key), task,
          () -> peer + " holds it but has-what does not say so");
    }
    for (TaskRecord dependency : task.dependencies) {
      check(tables.tasks.get(dependency.key) == dependency, task, () -> "dependency " + dependency + " not in the table");
      check(dependency.dependents.contains(task), task, () -> "dependency " + dependency + " does not list it");
    }
    for (TaskRecord dependent : task.dependents) {
      check(tables.tasks.get(dependent.key) == dependent, task, () -> "dependent " + dependent + " not in the table");
      check(dependent.dependencies.contains(task), task, () -> "dependent " + dependent + " does not list it");
    }
    for (TaskRecord dependency : task.waitingForData) {
      check(task.dependencies.contains(dependency) && dependency.waiters.contains(task), task,
          () -> "waits for " + dependency + " asymmetrically");
    }
    for (TaskRecord waiter : task.waiters) {
      check(waiter.waitingForData.contains(task), task, () -> "waiter " + waiter + " does not wait for it");
    }
    boolean cancelledOrResumed = task.state == CANCELLED || task.state == RESUMED;
    check(cancelledOrResumed == (task.previous != null), task, () -> "previous set iff cancelled or resumed");
    check((task.state == RESUMED) == (task.next != null), task, () -> "next set iff resumed");
    check((task.state == ERROR) == (task.error != null), task, () -> "error recorded iff in error");
    check(task.inTransfer() == (task.comingFrom != null), task, () -> "coming from a peer iff in transfer");
    check(!task.done || cancelledOrResumed, task, () -> "done outside cancelled or resumed");
    check(task.state == WAITING || task.waitingForData.isEmpty(), task, () -> "waits for data outside waiting");
    if (task.state != MEMORY) {
      for (TaskRecord dependent : task.dependents) {
        check(dependent.state != READY && dependent.state != CONSTRAINED, task,
            () -> "not in memory, yet its dependent " + dependent + " is ready");
      }
    }
    switch (task.state) {
      case WAITING -> {
        check(!task.waitingForData.isEmpty(), task, () -> "waiting for nothing");
        for (TaskRecord dependency : task.dependencies) {
          check((dependency.state != MEMORY) == task.waitingForData.contains(dependency), task,
              () -> "waits for exactly its dependencies not in memory; " + dependency);
        }
      }
      case READY, CONSTRAINED -> {
        for (TaskRecord dependency : task.dependencies) {
          check(dependency.state == MEMORY, task, () -> "ready with dependency " + dependency);
        }
        check(task.state == READY ? task.resources.isEmpty() : !task.resources.isEmpty(), task,
            () -> "constrained iff it needs resources");
      }
      case EXECUTING -> check(task.runSpec != null, task, () -> "executing with nothing to run");
      case FETCH -> {
        check(!task.whoHas.isEmpty(), task, () -> "fetch with no peer holding it");
        for (String peer : task.whoHas) {
          NavigableSet<TaskRecord> queue = tables.dataNeeded.get(peer);
          check(queue != null && queue.contains(task), task, () -> "fetch not queued at " + peer);
        }
        checkWanted(task);
      }
      case FLIGHT -> checkWanted(task);
      case MISSING -> {
        check(task.whoHas.isEmpty(), task, () -> "missing although " + task.whoHas + " hold it");
        checkWanted(task);
      }
      case CANCELLED -> check(task.previous == EXECUTING || task.previous == FLIGHT, task,
          () -> "cancelled from " + task.previous);
      case RESUMED -> check(
          (task.previous == EXECUTING && task.next == FETCH)
              || (task.previous == FLIGHT && task.next == WAITING), task,
          () -> "resumed from " + task.previous + " to " + task.next);
      default -> { }
    }
  }

  /** A fetch, flight or missing task is a dependency some waiting task needs, or a requested replica. */
  private void checkWanted(TaskRecord task) {
    check(!task.waiters.isEmpty() || task.replicaRequested, task,
        () -> "fetched although no waiting task needs it and no replica was asked for");
  }

  private void check(boolean ok, TaskRecord task, Supplier<String> message) {
    if (!ok) {
      List<StoryEntry> story = task == null ? List.of() : tables.story.of(task.key);
      String prefix = task == null ? "worker " + tables.address + ": " : "task " + task + ": ";
      throw new InvalidWorkerStateException(prefix + message.get(), story);
    }
  }
}
