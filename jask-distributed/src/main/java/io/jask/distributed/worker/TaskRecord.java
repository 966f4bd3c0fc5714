package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.graph.Key;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the worker knows about one task. Mutable, owned by one {@link WorkerState}, changed only by
 * its transitions and event handlers. Compared by identity: a forgotten task and a later one with
 * the same key are different records.
 */
final class TaskRecord {
  /** Orders the priority queues: by priority, then by key, so the order is total. */
  static final Comparator<TaskRecord> BY_PRIORITY =
      Comparator.comparing((TaskRecord t) -> t.priority).thenComparing(t -> t.key);

  /** The task's key; the record is {@code tasks.get(key)} until it is forgotten. */
  final Key key;

  /** The current state; {@link WorkerTaskState#FORGOTTEN} once removed from the table. */
  WorkerTaskState state = WorkerTaskState.RELEASED;

  /**
   * What the task was doing when it was cancelled: {@link WorkerTaskState#EXECUTING} or {@link
   * WorkerTaskState#FLIGHT}. Non-null iff {@link #state} is CANCELLED or RESUMED.
   */
  WorkerTaskState previous;

  /**
   * What a resumed task does next if its work ends without a result: {@link WorkerTaskState#FETCH}
   * when {@link #previous} is EXECUTING, {@link WorkerTaskState#WAITING} when it is FLIGHT.
   * Non-null iff {@link #state} is RESUMED.
   */
  WorkerTaskState next;

  /**
   * Place in line; never null. Changed only through {@code WorkerTables.setPriority}, because it
   * is the sort key of the ready, constrained and data-needed queues.
   */
  Priority priority;

  /** What to run; null for a task that is only ever fetched. */
  Object runSpec;

  /** The tasks whose values this one needs; symmetric with {@link #dependents}. */
  final Set<TaskRecord> dependencies = new LinkedHashSet<>();

  /** The tasks that need this one's value; symmetric with {@link #dependencies}. */
  final Set<TaskRecord> dependents = new LinkedHashSet<>();

  /**
   * The dependencies not yet in memory. For a WAITING task: non-empty, and exactly its
   * dependencies not in MEMORY. Empty in every other state. Symmetric with {@link #waiters}.
   */
  final Set<TaskRecord> waitingForData = new LinkedHashSet<>();

  /** The dependents that have this task in their {@link #waitingForData}. */
  final Set<TaskRecord> waiters = new LinkedHashSet<>();

  /**
   * The peers believed to hold the value, never this worker itself, sorted by address. Every peer
   * here has this key in {@code hasWhat}. Non-empty in FETCH; empty in MISSING.
   */
  final Set<String> whoHas = new TreeSet<>();

  /** The peer a transfer of this value is under way from; non-null iff the task is in flight. */
  String comingFrom;

  /** Abstract resources the task holds while it runs; empty for none. */
  Map<String, Double> resources = Map.of();

  /** Size of the value in bytes: the scheduler's estimate until the value is here, then exact. */
  long nbytes;

  /** Class name of the value; null until the value was here once. */
  String typeName;

  /** When the last computation of the task started and stopped, by the shell's clock; 0 if never. */
  double startTime;

  double stopTime;

  /** Why the task failed; non-null iff the state is ERROR. */
  ErrorInfo error;

  /**
   * Whether the computation or transfer serving the task has ended (its event arrived) while the
   * task was CANCELLED or RESUMED, or is about to leave EXECUTING or FLIGHT. False in every other
   * state.
   */
  boolean done;

  /**
   * Whether the scheduler asked for a replica of this value ({@link
   * WorkerEvent.AcquireReplicas}) and has not freed it since. A fetch with no waiter must have it.
   */
  boolean replicaRequested;

  TaskRecord(Key key, Priority priority) {
    this.key = key;
    this.priority = priority;
  }

  /**
   * Whether the task was handed to the shell to run and its run has not ended: executing, or
   * cancelled or resumed while executing. It runs on a thread or waits on the pool for one.
   */
  boolean occupiesThread() {
    return state == WorkerTaskState.EXECUTING || previous == WorkerTaskState.EXECUTING;
  }

  /** Whether a transfer of the task is under way: in flight, or cancelled or resumed while in flight. */
  boolean inTransfer() {
    return state == WorkerTaskState.FLIGHT || previous == WorkerTaskState.FLIGHT;
  }

  @Override
  public String toString() {
    return switch (state) {
      case CANCELLED -> key + " cancelled(" + previous.label() + ")";
      case RESUMED -> key + " resumed(" + previous.label() + "->" + next.label() + ")";
      default -> key + " " + state.label();
    };
  }
}
