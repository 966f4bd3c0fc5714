package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.FORGOTTEN;
import static io.jask.distributed.scheduler.TaskStatus.MEMORY;
import static io.jask.distributed.scheduler.TaskStatus.NO_WORKER;
import static io.jask.distributed.scheduler.TaskStatus.PROCESSING;
import static io.jask.distributed.scheduler.TaskStatus.QUEUED;
import static io.jask.distributed.scheduler.TaskStatus.RELEASED;
import static io.jask.distributed.scheduler.TaskStatus.WAITING;

import io.jask.core.graph.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task state machine: a table of transition functions keyed by {@code (from, to)}, and the
 * loop that carries out recommendations until none are left.
 *
 * <p>A transition function changes one task's state and the bookkeeping around it, queues the
 * messages that follow from it in the {@link Outbox}, and <em>recommends</em> transitions of
 * related tasks (a finished task recommends its ready dependents to {@code processing}). A pair
 * that is not in the table is carried out through {@link TaskStatus#RELEASED} ({@code waiting ->
 * erred} is {@code waiting -> released -> erred}); a pair with no route throws {@link
 * InvalidTransitionException} with the task's story. Every change of state is written to the story.
 *
 * <p>Some functions decide where a task really goes: {@code waiting -> processing} ends in {@code
 * queued} for a root task and in {@code no-worker} when no worker fits; the story records where it
 * went. Recommendations are hints computed from the state when they were made; a function that
 * finds its precondition gone (a ready task lost an input meanwhile) leaves the task as it is.
 */
final class Transitions {

  /** The result a worker reported, for {@code processing -> memory}. */
  record Finished(WorkerState worker, long nbytes, String typeName, Duration duration) {}

  /** Data a client placed on workers, for {@code released -> memory}. */
  record Scattered(List<WorkerState> workers, long nbytes, String typeName) {}

  /**
   * A failure, for {@code processing -> erred}: the worker's error, or the scheduler's own
   * (killed worker), in which case {@code worker} is null.
   */
  record Failed(WorkerState worker, ErrorInfo error) {}

  @FunctionalInterface
  private interface Fn {
    void apply(Transitions t, TaskState ts, Object args);
  }

  private static final Map<TaskStatus, Map<TaskStatus, Fn>> TABLE = new EnumMap<>(TaskStatus.class);


  static {
    put(RELEASED, WAITING, (t, ts, a) -> t.releasedToWaiting(ts));
    put(RELEASED, MEMORY, (t, ts, a) -> t.releasedToMemory(ts, (Scattered) a));
    put(RELEASED, ERRED, (t, ts, a) -> t.releasedToErred(ts));
    put(RELEASED, FORGOTTEN, (t, ts, a) -> t.forget(ts, RELEASED));
    put(WAITING, PROCESSING, (t, ts, a) -> t.waitingToProcessing(ts));
    put(WAITING, QUEUED, (t, ts, a) -> t.waitingToQueued(ts));
    put(WAITING, NO_WORKER, (t, ts, a) -> t.waitingToNoWorker(ts));
    put(WAITING, RELEASED, (t, ts, a) -> t.waitingToReleased(ts));
    put(QUEUED, PROCESSING, (t, ts, a) -> t.queuedToProcessing(ts, (WorkerState) a));
    put(QUEUED, RELEASED, (t, ts, a) -> t.queuedToReleased(ts));
    put(NO_WORKER, PROCESSING, (t, ts, a) -> t.noWorkerToProcessing(ts));
    put(NO_WORKER, RELEASED, (t, ts, a) -> t.noWorkerToReleased(ts));
    put(PROCESSING, MEMORY, (t, ts, a) -> t.processingToMemory(ts, (Finished) a));
    put(PROCESSING, ERRED, (t, ts, a) -> t.processingToErred(ts, (Failed) a));
    put(PROCESSING, RELEASED, (t, ts, a) -> t.processingToReleased(ts));
    put(MEMORY, RELEASED, (t, ts, a) -> t.memoryToReleased(ts));
    put(MEMORY, FORGOTTEN, (t, ts, a) -> t.memoryToForgotten(ts));
    put(ERRED, FORGOTTEN, (t, ts, a) -> t.erredToForgotten(ts));
  }

  private static void put(TaskStatus from, TaskStatus to, Fn fn) {
    TABLE.computeIfAbsent(from, f -> new EnumMap<>(TaskStatus.class)).put(to, fn);
  }

  /** The pairs the table has a function for: for each state, the states it may go to directly. */
  static Map<TaskStatus, Set<TaskStatus>> table() {
    Map<TaskStatus, Set<TaskStatus>> out = new EnumMap<>(TaskStatus.class);
    TABLE.forEach((from, tos) -> out.put(from, Collections.unmodifiableSet(tos.keySet())));
    return Collections.unmodifiableMap(out);
  }

  private final Registry registry;
  private final Placement placement;
  private final Outbox outbox;
  private final Story story;

  /** Pending recommendations, oldest first; at most one per task (the latest wins). */
  private final LinkedHashMap<TaskState, TaskStatus> recommendations = new LinkedHashMap<>();

  /** The stimulus being handled. */
  private String stimulusId = "";

  /** Told of every change of state; null when nobody listens. */
  private SchedulerState.TransitionListener listener;

  Transitions(Registry registry, Placement placement, Outbox outbox, Story story) {
    this.registry = registry;
    this.placement = placement;
    this.outbox = outbox;
    this.story = story;
  }

  /** Starts handling a new stimulus. */
  void begin(String newStimulusId) {
    this.stimulusId = newStimulusId;
    recommendations.clear();
  }

  String stimulusId() {
    return stimulusId;
  }

  void listener(SchedulerState.TransitionListener value) {
    this.listener = value;
  }

  /** Recommends that {@code ts} go to {@code to}; replaces an earlier recommendation for it. */
  void recommend(TaskState ts, TaskStatus to) {
    recommendations.put(ts, to);
  }

  /** Carries out recommendations, oldest first, until none are left. */
  void run() {
    while (!recommendations.isEmpty()) {
      Iterator<Map.Entry<TaskState, TaskStatus>> it = recommendations.entrySet().iterator();
      Map.Entry<TaskState, TaskStatus> next = it.next();
      it.remove();
      transition(next.getKey(), next.getValue(), null);
    }
  }

  /**
   * Moves {@code ts} to {@code finish} now, with the event's arguments; a pending recommendation
   * for it is dropped, since the event is newer.
   */
  void transitionNow(TaskState ts, TaskStatus finish, Object args) {
    recommendations.remove(ts);
    transition(ts, finish, args);
  }

  /** Writes a note about a task to its story without changing its state. */
  /** Records a note; {@code details} as in {@link Story#record}. */
  void note(TaskState ts, Object details) {
    story.record(stimulusId, ts.key, ts.status, ts.status, details);
  }

  private void transition(TaskState ts, TaskStatus finish, Object args) {
    TaskStatus start = ts.status;
    if (start == FORGOTTEN || start == finish) {
      return;
    }
    Fn direct = lookup(start, finish);
    if (direct != null && (args != null || !needsArgs(start, finish))) {
      apply(direct, ts, start, args);
      return;
    }
    if (start != RELEASED && finish != RELEASED) {
      Fn toReleased = lookup(start, RELEASED);
      if (toReleased == null) {
        throw invalid(ts, start, finish);
      }
      recommendations.remove(ts);
      apply(toReleased, ts, start, null);
      if (ts.status != RELEASED) {
        return;
      }
      TaskStatus then = recommendations.remove(ts);
      if (then == null) {
        then = finish;
      }
      if (then == RELEASED) {
        return;
      }
      Fn fromReleased = lookup(RELEASED, then);
      if (fromReleased == null || needsArgs(RELEASED, then)) {
        throw invalid(ts, RELEASED, then);
      }
      apply(fromReleased, ts, RELEASED, null);
      return;
    }
    throw invalid(ts, start, finish);
  }

  private static Fn lookup(TaskStatus from, TaskStatus to) {
    Map<TaskStatus, Fn> tos = TABLE.get(from);
    return tos == null ? null : tos.get(to);
  }

  /**
   * Whether a transition needs arguments from the event (the result, the error, the scattered
   * data); recommended without them, it routes through released instead.
   */
  private static boolean needsArgs(TaskStatus from, TaskStatus to) {
    return to == MEMORY || (from == PROCESSING && to == ERRED);
  }

  private void apply(Fn fn, TaskState ts, TaskStatus start, Object args) {
    WorkerState ranOn = ts.processingOn;
    fn.apply(this, ts, args);
    if (ts.status != start) {
      story.record(stimulusId, ts.key, start, ts.status, details(ts));
      if (listener != null) {
        WorkerState worker = ts.processingOn != null ? ts.processingOn : ranOn;
        listener.transitioned(ts.key, start, ts.status, worker == null ? null : worker.address);
      }
    }
  }

  private InvalidTransitionException invalid(TaskState ts, TaskStatus from, TaskStatus to) {
    return new InvalidTransitionException(ts.key, from, to, story.of(ts.key));
  }

  /** What the story says of a task that just entered its state, rendered when read. */
  private static Object details(TaskState ts) {
    switch (ts.status) {
      case PROCESSING:
        return new OnWorker(ts.processingOn.address, ts.runId);
      case MEMORY:
        Set<WorkerState> holders = ts.whoHas();
        return new InMemory(holders.size() == 1 ? List.of(holders.iterator().next().address) : addresses(holders), ts.nbytes);
      case ERRED:
        return "blame " + ts.exceptionBlame.key + ": " + ts.exceptionBlame.exception;
      default:
        return "";
    }
  }

  private record OnWorker(String address, long runId) {
    @Override
    public String toString() {
      return "on " + address + " run " + runId;
    }
  }

  private record InMemory(List<String> holders, long nbytes) {
    @Override
    public String toString() {
      return "on " + holders + " nbytes " + nbytes;
    }
  }

  /** The addresses of these workers, sorted. */
  static List<String> addresses(Set<WorkerState> workers) {
    List<String> out = new ArrayList<>(workers.size());
    for (WorkerState ws : workers) {
      out.add(ws.address);
    }
    Collections.sort(out);
    return out;
  }

  // ---- from released ----

  private void releasedToWaiting(TaskState ts) {
    if (ts.exceptionBlame != null) {
      releasedToErred(ts);
      return;
    }
    if (!ts.isNeeded()) {
      detachFromDependencies(ts);
      recommendForgetIfUnreferenced(ts);
      return;
    }
    if (ts.runSpec == null) {
      lostWithoutLineage(ts);
      return;
    }
    for (TaskState dep : ts.dependencies()) {
      if (dep.exceptionBlame != null) {
        ts.exceptionBlame = dep.exceptionBlame;
        markErred(ts, true);
        return;
      }
    }
    ts.status = WAITING;
    for (TaskState dep : ts.dependencies()) {
      dep.addWaiter(ts);
      if (dep.status != MEMORY) {
        ts.addWaitingOn(dep);
        if (dep.status == RELEASED) {
          recommend(dep, WAITING);
        }
      }
    }
    if (ts.waitingOn().isEmpty()) {
      recommend(ts, PROCESSING);
    }
  }

  /** A client scattered the task's data onto workers. */
  private void releasedToMemory(TaskState ts, Scattered data) {
    ts.nbytes = data.nbytes();
    ts.typeName = data.typeName();
    addToMemory(ts, data.workers());
  }

  /** A needed task with no run spec: its data is gone and cannot be recomputed. */
  private void lostWithoutLineage(TaskState ts) {
    String reason =
        "no worker holds the data of '"
            + ts.key
            + "' any more (released, or lost with its workers), and it has no lineage to"
            + " recompute it from: it was scattered, not computed";
    ts.exception = new ErrorInfo(ErrorInfo.LOST_DATA, reason, "");
    ts.exceptionBlame = ts;
    for (ClientState client : ts.whoWants()) {
      outbox.send(new SchedulerMessage.KeyLost(client.id, ts.key, reason));
    }
    markErred(ts, false);
  }

  private void releasedToErred(TaskState ts) {
    if (ts.exceptionBlame == null) {
      throw invalid(ts, RELEASED, ERRED);
    }
    markErred(ts, true);
  }

  /**
   * Puts a task whose {@link TaskState#exceptionBlame} is set into erred: its dependents that are
   * not done err too, its dependencies lose a waiter, and its clients are told (unless {@code
   * report} is false).
   */
  private void markErred(TaskState ts, boolean report) {
    ts.status = ERRED;
    ts.clearWaitingOn();
    TaskState blame = ts.exceptionBlame;
    for (TaskState dependent : ts.dependents()) {
      if (dependent.status != MEMORY && dependent.status != ERRED) {
        dependent.exceptionBlame = blame;
        recommend(dependent, ERRED);
      }
    }
    detachFromDependencies(ts);
    if (report) {
      for (ClientState client : ts.whoWants()) {
        outbox.send(new SchedulerMessage.KeyErred(client.id, ts.key, blame.key, blame.exception));
      }
    }
    recommendForgetIfUnreferenced(ts);
  }

  // ---- from waiting, queued, no-worker ----

  private void waitingToProcessing(TaskState ts) {
    if (!ts.waitingOn().isEmpty()) {
      return;
    }
    if (registry.config.queuing() && placement.isRootish(ts)) {
      waitingToQueued(ts);
      return;
    }
    WorkerState ws = placement.decideWorker(ts);
    if (ws == null) {
      waitingToNoWorker(ts);
      return;
    }
    assign(ts, ws);
  }

  private void waitingToQueued(TaskState ts) {
    ts.status = QUEUED;
    registry.queued.add(ts);
  }

  private void waitingToNoWorker(TaskState ts) {
    ts.status = NO_WORKER;
    registry.unrunnable.add(ts);
  }

  private void waitingToReleased(TaskState ts) {
    ts.clearWaitingOn();
    ts.status = RELEASED;
    propagateReleased(ts);
  }

  /** Sends a queued task to {@code ws}, or to the best idle worker if {@code ws} is null. */
  private void queuedToProcessing(TaskState ts, WorkerState ws) {
    WorkerState target = ws != null ? ws : placement.pickIdle();
    if (target == null) {
      return;
    }
    registry.queued.remove(ts);
    assign(ts, target);
  }

  private void queuedToReleased(TaskState ts) {
    registry.queued.remove(ts);
    ts.status = RELEASED;
    propagateReleased(ts);
  }

  private void noWorkerToProcessing(TaskState ts) {
    WorkerState ws = placement.decideWorker(ts);
    if (ws == null) {
      return;
    }
    registry.unrunnable.remove(ts);
    assign(ts, ws);
  }

  private void noWorkerToReleased(TaskState ts) {
    registry.unrunnable.remove(ts);
    ts.status = RELEASED;
    propagateReleased(ts);
  }

  /** Puts {@code ts} in processing on {@code ws} and tells the worker to run it. */
  private void assign(TaskState ts, WorkerState ws) {
    ts.status = PROCESSING;
    registry.addToProcessing(ts, ws);
    Map<Key, List<String>> whoHas = new LinkedHashMap<>();
    Map<Key, Long> nbytes = new LinkedHashMap<>();
    for (TaskState dep : ts.dependencies()) {
      whoHas.put(dep.key, List.copyOf(addresses(dep.whoHas())));
      nbytes.put(dep.key, dep.nbytes);
    }
    outbox.send(
        new SchedulerMessage.ComputeTask(
            ws.address,
            ts.key,
            ts.runId,
            ts.runSpec,
            ts.priority,
            Collections.unmodifiableMap(whoHas),
            Collections.unmodifiableMap(nbytes),
            ts.resources,
            stimulusId));
  }

  /** Moves a processing task to {@code thief} after its victim gave it back unstarted. */
  void moveProcessing(TaskState ts, WorkerState thief) {
    WorkerState victim = ts.processingOn;
    registry.removeFromProcessing(ts);
    assign(ts, thief);
    story.record(
        stimulusId,
        ts.key,
        PROCESSING,
        PROCESSING,
        "stolen from " + victim.address + " to " + thief.address + " run " + ts.runId);
  }

  // ---- from processing ----

  private void processingToMemory(TaskState ts, Finished result) {
    registry.durations.record(ts.prefix, result.duration());
    registry.removeFromProcessing(ts);
    ts.nbytes = result.nbytes();
    ts.typeName = result.typeName();
    addToMemory(ts, List.of(result.worker()));
  }

  /**
   * Puts a task whose size and type are set into memory on these workers: its dependencies lose a
   * waiter, its ready dependents are recommended, and its clients are told, or it is released if
   * nobody needs it.
   */
  private void addToMemory(TaskState ts, List<WorkerState> holders) {
    ts.status = MEMORY;
    for (WorkerState ws : holders) {
      registry.addReplica(ts, ws);
    }
    detachFromDependencies(ts);
    for (TaskState dependent : ts.dependents()) {
      if (dependent.status == WAITING
          && dependent.removeWaitingOn(ts)
          && dependent.waitingOn().isEmpty()) {
        recommend(dependent, PROCESSING);
      }
    }
    if (!ts.isNeeded()) {
      recommend(ts, ts.dependents().isEmpty() ? FORGOTTEN : RELEASED);
      return;
    }
    for (ClientState client : ts.whoWants()) {
      outbox.send(new SchedulerMessage.KeyInMemory(client.id, ts.key, ts.typeName));
    }
  }

  private void processingToErred(TaskState ts, Failed failure) {
    registry.removeFromProcessing(ts);
    if (failure.worker() != null && registry.isConnected(failure.worker())) {
      ts.addErredOn(failure.worker().address);
    }
    ts.exception = failure.error();
    ts.exceptionBlame = ts;
    markErred(ts, true);
  }

  private void processingToReleased(TaskState ts) {
    WorkerState ws = ts.processingOn;
    registry.removeFromProcessing(ts);
    if (registry.isConnected(ws)) {
      outbox.freeKey(ws.address, ts.key, stimulusId);
    }
    ts.status = RELEASED;
    propagateReleased(ts);
  }

  // ---- from memory and erred ----

  private void memoryToReleased(TaskState ts) {
    if (!ts.whoHas().isEmpty() && ts.isNeeded()) {
      return;
    }
    freeReplicas(ts);
    ts.status = RELEASED;
    for (TaskState dependent : ts.dependents()) {
      switch (dependent.status) {
        case PROCESSING:
        case QUEUED:
        case NO_WORKER:
          recommend(dependent, RELEASED);
          break;
        case WAITING:
          dependent.addWaitingOn(ts);
          break;
        default:
          break;
      }
    }
    propagateReleased(ts);
  }

  private void memoryToForgotten(TaskState ts) {
    freeReplicas(ts);
    forget(ts, MEMORY);
  }

  private void erredToForgotten(TaskState ts) {
    for (String address : ts.erredOn()) {
      if (registry.workers.containsKey(address)) {
        outbox.freeKey(address, ts.key, stimulusId);
      }
    }
    ts.clearErredOn();
    forget(ts, ERRED);
  }

  private void freeReplicas(TaskState ts) {
    for (WorkerState ws : new ArrayList<>(ts.whoHas())) {
      if (registry.isConnected(ws)) {
        outbox.freeKey(ws.address, ts.key, stimulusId);
      }
      registry.removeReplica(ts, ws);
    }
  }

  /** Drops a task nothing refers to; its dependencies may become forgettable in turn. */
  private void forget(TaskState ts, TaskStatus from) {
    if (!ts.dependents().isEmpty() || !ts.whoWants().isEmpty()) {
      throw invalid(ts, from, FORGOTTEN);
    }
    for (TaskState dep : ts.dependencies()) {
      dep.removeDependent(ts);
      dep.removeWaiter(ts);
      if (!recommendForgetIfUnreferenced(dep)) {
        recommendReleaseIfUnneeded(dep);
      }
    }
    ts.exceptionBlame = null;
    registry.forget(ts);
  }

  // ---- shared rules ----

  /**
   * After {@code ts} entered released: err if a dependency's failure is pending for it (a later
   * recommendation may have replaced the one to erred), wait again if it is still needed, else
   * stop needing its dependencies (and be forgotten if nothing refers to it).
   */
  private void propagateReleased(TaskState ts) {
    if (ts.exceptionBlame != null) {
      recommend(ts, ERRED);
      return;
    }
    if (ts.isNeeded()) {
      recommend(ts, WAITING);
      return;
    }
    detachFromDependencies(ts);
    recommendForgetIfUnreferenced(ts);
  }

  /** {@code ts} no longer needs its dependencies' results; unneeded ones are released. */
  private void detachFromDependencies(TaskState ts) {
    for (TaskState dep : ts.dependencies()) {
      dep.removeWaiter(ts);
      recommendReleaseIfUnneeded(dep);
    }
  }

  /** Recommends releasing a task that nobody needs any more, if it holds or is doing anything. */
  void recommendReleaseIfUnneeded(TaskState ts) {
    if (ts.isNeeded()) {
      return;
    }
    switch (ts.status) {
      case WAITING:
      case QUEUED:
      case NO_WORKER:
      case PROCESSING:
      case MEMORY:
        recommend(ts, RELEASED);
        break;
      default:
        break;
    }
  }

  /** Recommends forgetting a task no client wants and no task depends on; whether it did. */
  boolean recommendForgetIfUnreferenced(TaskState ts) {
    if (ts.whoWants().isEmpty() && ts.dependents().isEmpty() && ts.status != FORGOTTEN) {
      recommend(ts, FORGOTTEN);
      return true;
    }
    return false;
  }

  /**
   * After a client stopped wanting {@code ts}: forget it if nothing refers to it, or release it if
   * nothing needs it (Dask's {@code client_releases_keys}). Erred tasks with dependents stay erred.
   */
  void recommendAfterUnwanted(TaskState ts) {
    if (!ts.whoWants().isEmpty()) {
      return;
    }
    if (!recommendForgetIfUnreferenced(ts) && ts.status != ERRED) {
      recommendReleaseIfUnneeded(ts);
    }
  }
}
