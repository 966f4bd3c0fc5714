package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every collection of one worker's state machine, and the small operations that keep them
 * consistent with each other. The invariants below hold after every call to {@link
 * WorkerState#handle}; {@link StateValidator} checks them. Within one event they may be broken
 * for the length of a transition.
 */
final class WorkerTables {
  /** A transfer under way from one peer. */
  record Transfer(Set<Key> keys, long nbytes) {}

  final String address;
  final WorkerConfig config;
  final Story story;

  /** Every task the worker knows, by key. A record is here iff its state is not FORGOTTEN. */
  final Map<Key, TaskRecord> tasks = new LinkedHashMap<>();

  /**
   * The shell's data store, as the events and instructions so far have left it: key to size.
   * A value is added when an event reports that the shell stored it and removed when a {@link
   * WorkerInstruction.DropData} is emitted. Its keys are exactly the keys of MEMORY tasks.
   */
  final Map<Key, Long> stored = new LinkedHashMap<>();

  /** Exactly the READY tasks, best priority first. */
  final NavigableSet<TaskRecord> ready = new TreeSet<>(TaskRecord.BY_PRIORITY);

  /** Exactly the CONSTRAINED tasks, best priority first. */
  final NavigableSet<TaskRecord> constrained = new TreeSet<>(TaskRecord.BY_PRIORITY);

  /** Exactly the WAITING tasks. */
  final Set<TaskRecord> waiting = new LinkedHashSet<>();

  /**
   * Exactly the tasks handed to the shell to run ({@link TaskRecord#occupiesThread()}): running on
   * one of its threads, or waiting on its pool for one; never more than {@code nthreads +
   * lookahead}. A task leaves when the shell reports that its run ended or was skipped.
   */
  final Set<TaskRecord> executing = new LinkedHashSet<>();

  /** Exactly the tasks whose transfer is under way ({@link TaskRecord#inTransfer()}). */
  final Set<TaskRecord> inFlightTasks = new LinkedHashSet<>();

  /** Exactly the MISSING tasks. */
  final Set<TaskRecord> missing = new LinkedHashSet<>();

  /**
   * Peer to the FETCH tasks it holds, best priority first. Every FETCH task is in the queue of
   * each peer of its {@code whoHas}, and no other task is in any queue. Empty queues may remain.
   */
  final Map<String, NavigableSet<TaskRecord>> dataNeeded = new TreeMap<>();

  /** Peer to the keys it is believed to hold: exactly the inverse of the tasks' {@code whoHas}. */
  final Map<String, Set<Key>> hasWhat = new TreeMap<>();

  /**
   * Peer to the transfer under way from it; at most {@code transferIncomingCountLimit} entries.
   * The keys of all transfers are exactly the keys of {@link #inFlightTasks}, each under the peer
   * in its {@code comingFrom}.
   */
  final Map<String, Transfer> inFlightPeers = new TreeMap<>();

  /** Peers that said they were busy and have not been retried yet; none is asked for data. */
  final Set<String> busyPeers = new TreeSet<>();

  /** The sum of the sizes of the transfers in {@link #inFlightPeers}. */
  long incomingBytes;

  /** False while paused: no task starts executing and no transfer starts. */
  boolean running = true;

  /**
   * Decreases with every compute-task that (re)starts a task; appended to the scheduler's priority
   * so that, among equals, the latest task runs first.
   */
  long generation;

  /** The configured resources minus what the tasks in {@link #executing} hold; never negative. */
  final Map<String, Double> availableResources;

  /**
   * Tasks whose {@code whoHas} changed during the current event. Reconciled (a FETCH task with no
   * holder goes MISSING, a MISSING one with a holder goes to FETCH) and emptied before the event's
   * handling ends.
   */
  final Set<TaskRecord> whoHasChanged = new LinkedHashSet<>();

  /** Tasks whose execution ended, successfully or not, cancelled ones included. */
  long executedCount;

  /** Transitions made so far. */
  long transitionCount;

  WorkerTables(String address, WorkerConfig config) {
    this.address = address;
    this.config = config;
    this.story = new Story(config.storyLimit());
    this.availableResources = new TreeMap<>(config.resources());
  }

  /** The task for {@code key}, created RELEASED with {@code priority} if unknown. */
  TaskRecord ensureTask(Key key, Priority priority, String stimulusId) {
    TaskRecord task = tasks.get(key);
    if (task == null) {
      task = new TaskRecord(key, priority);
      tasks.put(key, task);
      story.add(key, "new-task", "priority " + priority, stimulusId);
    }
    return task;
  }

  /** Changes a task's priority, re-sorting it in whichever queue holds it. */
  void setPriority(TaskRecord task, Priority priority) {
    boolean wasReady = ready.remove(task);
    boolean wasConstrained = constrained.remove(task);
    boolean wasQueued = task.state == WorkerTaskState.FETCH;
    if (wasQueued) {
      dequeueFetch(task);
    }
    task.priority = priority;
    if (wasReady) {
      ready.add(task);
    }
    if (wasConstrained) {
      constrained.add(task);
    }
    if (wasQueued) {
      enqueueFetch(task);
    }
  }

  /** Puts a FETCH task in the queue of every peer that holds it. */
  void enqueueFetch(TaskRecord task) {
    for (String peer : task.whoHas) {
      dataNeeded.computeIfAbsent(peer, p -> new TreeSet<>(TaskRecord.BY_PRIORITY)).add(task);
    }
  }

  /** Takes a task out of every peer's fetch queue. */
  void dequeueFetch(TaskRecord task) {
    for (String peer : task.whoHas) {
      NavigableSet<TaskRecord> queue = dataNeeded.get(peer);
      if (queue != null) {
        queue.remove(task);
      }
    }
  }

  /**
   * Replaces the peers believed to hold a task's value. This worker's own address is ignored: the
   * task's state says whether the value is here.
   */
  void setWhoHas(TaskRecord task, Set<String> peers) {
    Set<String> others = new TreeSet<>(peers);
    others.remove(address);
    if (others.equals(task.whoHas)) {
      return;
    }
    for (String peer : List.copyOf(task.whoHas)) {
      if (!others.contains(peer)) {
        forgetHolder(task, peer);
      }
    }
    for (String peer : others) {
      if (task.whoHas.add(peer)) {
        hasWhat.computeIfAbsent(peer, p -> new TreeSet<>()).add(task.key);
        if (task.state == WorkerTaskState.FETCH) {
          dataNeeded.computeIfAbsent(peer, p -> new TreeSet<>(TaskRecord.BY_PRIORITY)).add(task);
        }
      }
    }
    whoHasChanged.add(task);
  }

  /** The peer no longer holds the task's value, as far as this worker knows. */
  void forgetHolder(TaskRecord task, String peer) {
    if (!task.whoHas.remove(peer)) {
      return;
    }
    Set<Key> keys = hasWhat.get(peer);
    if (keys != null) {
      keys.remove(task.key);
      if (keys.isEmpty()) {
        hasWhat.remove(peer);
      }
    }
    NavigableSet<TaskRecord> queue = dataNeeded.get(peer);
    if (queue != null) {
      queue.remove(task);
    }
    whoHasChanged.add(task);
  }

  /** The peer is gone: it holds nothing any more, as far as this worker knows. */
  void forgetPeer(String peer) {
    dataNeeded.remove(peer);
    busyPeers.remove(peer);
    Set<Key> keys = hasWhat.remove(peer);
    if (keys == null) {
      return;
    }
    for (Key key : keys) {
      TaskRecord task = tasks.get(key);
      if (task != null && task.whoHas.remove(peer)) {
        whoHasChanged.add(task);
      }
    }
  }

  /**
   * Resets a task to neutral and takes it out of every collection but {@link #tasks}, {@link
   * #stored} and the who-has tables (a released value may well be fetched again from the same
   * peers). Idempotent.
   */
  void purge(TaskRecord task) {
    dequeueFetch(task);
    for (TaskRecord dependency : task.dependencies) {
      dependency.waiters.remove(task);
    }
    task.waitingForData.clear();
    task.previous = null;
    task.next = null;
    task.done = false;
    task.comingFrom = null;
    task.error = null;
    missing.remove(task);
    ready.remove(task);
    constrained.remove(task);
    waiting.remove(task);
    inFlightTasks.remove(task);
    if (executing.remove(task)) {
      releaseResources(task);
    }
  }

  boolean resourcesAvailableFor(TaskRecord task) {
    for (Map.Entry<String, Double> need : task.resources.entrySet()) {
      if (availableResources.getOrDefault(need.getKey(), 0.0) < need.getValue()) {
        return false;
      }
    }
    return true;
  }

  void acquireResources(TaskRecord task) {
    task.resources.forEach((name, amount) -> availableResources.merge(name, -amount, Double::sum));
  }

  void releaseResources(TaskRecord task) {
    task.resources.forEach((name, amount) -> availableResources.merge(name, amount, Double::sum));
  }

  /** Total bytes of the values in memory. */
  long storedBytes() {
    long sum = 0;
    for (long n : stored.values()) {
      sum += n;
    }
    return sum;
  }
}
