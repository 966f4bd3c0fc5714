package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.graph.Key;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Everything the scheduler knows about one task. Mutable, owned by the scheduler's single thread;
 * only {@link Transitions} and {@link Registry} change it. Each field documents the invariant
 * {@link Invariants} checks after every event.
 */
final class TaskState {
  /** Ready tasks run in this order: priority, then key (so the order is total and stable). */
  static final Comparator<TaskState> BY_PRIORITY =
      Comparator.comparing((TaskState t) -> t.priority).thenComparing(t -> t.key);

  /** The task's key; {@code registry.tasks.get(key) == this} while not forgotten. */
  final Key key;

  /** The prefix of the key ({@code "inc"}), whose durations estimate this task's. */
  final String prefix;

  /** The group of tasks with the same key name, for the root-task heuristic. */
  final TaskGroup group;

  /** What a worker runs; null for data without lineage (scattered), which cannot be recomputed. */
  final Object runSpec;

  /** The order in which it runs among ready tasks. */
  final Priority priority;

  /** Worker addresses allowed to run it; empty means any. */
  final Set<String> workerRestrictions;

  /** Resources one run needs; empty means none. */
  final Map<String, Double> resources;

  /** The current state; never {@link TaskStatus#FORGOTTEN} while in the registry. */
  TaskStatus status = TaskStatus.RELEASED;

  /** Failures of its own that may still be retried; decremented on each retry. */
  int retries;

  /** How many workers died while it was processing on them. */
  int suspicious;

  /**
   * The id of the latest {@link SchedulerMessage.ComputeTask} sent for it; results and steal
   * answers carrying another run id are stale.
   */
  long runId;

  /** The result's size in bytes; -1 until first computed. Meaningful in memory. */
  long nbytes = -1;

  /** The simple name of the result's type; null until first computed. */
  String typeName;

  /** The worker it is processing on; non-null exactly when status is processing. */
  WorkerState processingOn;

  /**
   * The worker a steal request for it would move it to; non-null only while processing, and
   * exactly when it is in {@link Registry#stealsInFlight}.
   */
  WorkerState stealThief;

  /** Its own failure, or for a task erred because of a dependency, null. */
  ErrorInfo exception;

  /**
   * The task whose failure made this one err (itself, or a dependency); non-null exactly when
   * status is erred, and then {@code exceptionBlame.exception != null}.
   */
  TaskState exceptionBlame;

  /**
   * Tasks whose results it takes as input. Fixed once linked at submission; symmetric with {@link
   * #dependents}; never contains a forgotten task.
   */
  private Set<TaskState> dependencies;

  /** Tasks that take its result as input; symmetric with {@link #dependencies}. */
  private Set<TaskState> dependents;

  /**
   * For a waiting task, exactly its dependencies that are not in memory (and this set is then
   * non-empty); empty in every other state.
   */
  private Set<TaskState> waitingOn;

  /**
   * Its dependents that still need its result: exactly those in waiting, queued, no-worker or
   * processing.
   */
  private Set<TaskState> waiters;

  /** The clients that want its result; symmetric with {@link ClientState#wantsWhat}. */
  private Set<ClientState> whoWants;

  /**
   * The workers holding its result: non-empty exactly when status is memory; symmetric with {@link
   * WorkerState#hasWhat}.
   */
  private Set<WorkerState> whoHas;

  /** Addresses of workers holding an erred state for it, told to free it when it is forgotten. */
  private Set<String> erredOn;

  TaskState(
      Key key,
      TaskGroup group,
      Object runSpec,
      Priority priority,
      int retries,
      Set<String> workerRestrictions,
      Map<String, Double> resources) {
    this.key = key;
    this.prefix = key.group();
    this.group = group;
    this.runSpec = runSpec;
    this.priority = priority;
    this.retries = retries;
    this.workerRestrictions = workerRestrictions;
    this.resources = resources;
  }

  /** Whether some client wants it or some pending dependent needs it. */
  boolean isNeeded() {
    return !LazySets.isEmpty(whoWants) || !LazySets.isEmpty(waiters);
  }

  /** Whether it may run on any worker (no restrictions, no resources). */
  boolean isUnrestricted() {
    return workerRestrictions.isEmpty() && resources.isEmpty();
  }

  Set<TaskState> dependencies() {
    return LazySets.view(dependencies);
  }

  Set<TaskState> dependents() {
    return LazySets.view(dependents);
  }

  /** Links {@code dep} as a dependency of this task, both ways. */
  void addDependency(TaskState dep) {
    dependencies = LazySets.plus(dependencies, dep);
    dep.dependents = LazySets.plus(dep.dependents, this);
  }

  /** Unlinks the forgotten {@code dependent}; whether it was linked. */
  boolean removeDependent(TaskState dependent) {
    return LazySets.remove(dependents, dependent);
  }

  Set<TaskState> waitingOn() {
    return LazySets.view(waitingOn);
  }

  void addWaitingOn(TaskState dep) {
    waitingOn = LazySets.plus(waitingOn, dep);
  }

  /** Removes {@code dep}; whether it was there. */
  boolean removeWaitingOn(TaskState dep) {
    return LazySets.remove(waitingOn, dep);
  }

  void clearWaitingOn() {
    waitingOn = null;
  }

  Set<TaskState> waiters() {
    return LazySets.view(waiters);
  }

  void addWaiter(TaskState dependent) {
    waiters = LazySets.plus(waiters, dependent);
  }

  void removeWaiter(TaskState dependent) {
    LazySets.remove(waiters, dependent);
  }

  Set<ClientState> whoWants() {
    return LazySets.view(whoWants);
  }

  void addWhoWants(ClientState client) {
    whoWants = LazySets.plus(whoWants, client);
  }

  void removeWhoWants(ClientState client) {
    LazySets.remove(whoWants, client);
  }

  Set<WorkerState> whoHas() {
    return LazySets.view(whoHas);
  }

  void addWhoHas(WorkerState worker) {
    whoHas = LazySets.plus(whoHas, worker);
  }

  void removeWhoHas(WorkerState worker) {
    LazySets.remove(whoHas, worker);
  }

  Set<String> erredOn() {
    return LazySets.view(erredOn);
  }

  void addErredOn(String worker) {
    erredOn = LazySets.plus(erredOn, worker);
  }

  void clearErredOn() {
    erredOn = null;
  }

  @Override
  public String toString() {
    return "<" + key + ": " + status + ">";
  }
}
