package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.MEMORY;
import static io.jask.distributed.scheduler.TaskStatus.PROCESSING;
import static io.jask.distributed.scheduler.TaskStatus.RELEASED;
import static io.jask.distributed.scheduler.TaskStatus.WAITING;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.ClientConnected;
import io.jask.distributed.scheduler.SchedulerEvent.ClientDisconnected;
import io.jask.distributed.scheduler.SchedulerEvent.DataMissing;
import io.jask.distributed.scheduler.SchedulerEvent.DataScattered;
import io.jask.distributed.scheduler.SchedulerEvent.GraphSubmitted;
import io.jask.distributed.scheduler.SchedulerEvent.KeysCancelled;
import io.jask.distributed.scheduler.SchedulerEvent.KeysReleased;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerEvent.ScatteredData;
import io.jask.distributed.scheduler.SchedulerEvent.StealResponse;
import io.jask.distributed.scheduler.SchedulerEvent.StealTick;
import io.jask.distributed.scheduler.SchedulerEvent.TaskErred;
import io.jask.distributed.scheduler.SchedulerEvent.TaskFinished;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerAdded;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerRemoved;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerStatusChanged;
import io.jask.distributed.scheduler.SchedulerMessage.KeyCancelled;
import io.jask.distributed.scheduler.SchedulerMessage.KeyErred;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import io.jask.distributed.scheduler.SchedulerMessage.KeyLost;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The distributed scheduler's state machine: everything it knows about tasks, workers and clients,
 * and the rules that turn each {@link SchedulerEvent} into the {@link SchedulerMessage}s to send.
 *
 * <p>It is pure: no sockets, threads, clocks or randomness. The I/O shell owns one instance, feeds
 * it every event from one thread, in the order they happened, and sends what {@link #handle}
 * returns. Durations arrive inside events; time never passes otherwise. Given the same events, it
 * returns the same messages.
 *
 * <pre>{@code
 * SchedulerState state = new SchedulerState(SchedulerConfig.defaults());
 * for (SchedulerMessage m : state.handle(new WorkerAdded("tcp://10.0.0.7:4001", 4, 2L << 30, Map.of(), "w-1"))) {
 *   shell.send(m);
 * }
 * }</pre>
 *
 * <p>Not thread-safe; not reentrant. A {@link InvalidTransitionException} or {@link
 * IllegalStateException} from {@link #handle} is a bug in the scheduler: the state may be
 * inconsistent afterwards, and the story of the task named in the message tells what happened.
 */
public final class SchedulerState {
  private final SchedulerConfig config;
  private final Registry registry;
  private final Story story;
  private final Outbox outbox = new Outbox();
  private final Placement placement;
  private final Transitions transitions;
  private final StealingPolicy stealing;
  private final Invariants invariants;

  /** A state machine with these settings and nothing in it. */
  public SchedulerState(SchedulerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = new Registry(config);
    this.story = new Story(config.storyLimit());
    this.placement = new Placement(registry);
    this.transitions = new Transitions(registry, placement, outbox, story);
    this.stealing = new StealingPolicy(registry, placement, transitions, outbox);
    this.invariants = new Invariants(registry, placement, story);
  }

  /** A state machine with {@link SchedulerConfig#defaults()}. */
  public SchedulerState() {
    this(SchedulerConfig.defaults());
  }

  /**
   * Applies one event and returns the messages the shell must send, in order.
   *
   * @throws InvalidTransitionException if the scheduler's rules have no route for a transition (a
   *     bug; the exception carries the task's story)
   * @throws IllegalStateException if {@link SchedulerConfig#validate()} is on and an invariant
   *     broke
   */
  public List<SchedulerMessage> handle(SchedulerEvent event) {
    Objects.requireNonNull(event, "event");
    transitions.begin(event.stimulusId());
    try {
      dispatch(event);
      transitions.run();
      fillSlots();
    } catch (RuntimeException bug) {
      outbox.drain();
      throw bug;
    }
    List<SchedulerMessage> out = outbox.drain();
    if (config.validate()) {
      validateState();
    }
    return out;
  }

  private void dispatch(SchedulerEvent event) {
    if (event instanceof GraphSubmitted e) {
      onGraphSubmitted(e);
    } else if (event instanceof TaskFinished e) {
      onTaskFinished(e);
    } else if (event instanceof TaskErred e) {
      onTaskErred(e);
    } else if (event instanceof KeysReleased e) {
      onKeysReleased(e);
    } else if (event instanceof KeysCancelled e) {
      onKeysCancelled(e);
    } else if (event instanceof DataScattered e) {
      onDataScattered(e);
    } else if (event instanceof ClientConnected e) {
      registry.clients.computeIfAbsent(e.client(), ClientState::new);
    } else if (event instanceof ClientDisconnected e) {
      onClientDisconnected(e);
    } else if (event instanceof WorkerAdded e) {
      onWorkerAdded(e);
    } else if (event instanceof WorkerRemoved e) {
      onWorkerRemoved(e);
    } else if (event instanceof WorkerStatusChanged e) {
      onWorkerStatusChanged(e);
    } else if (event instanceof DataMissing e) {
      onDataMissing(e);
    } else if (event instanceof StealTick) {
      if (config.workStealing()) {
        stealing.tick();
      }
    } else if (event instanceof StealResponse e) {
      stealing.onResponse(e);
    } else {
      throw new IllegalArgumentException("unknown scheduler event " + event);
    }
  }

  /** Sends queued root tasks, highest priority first, to workers with free slots. */
  private void fillSlots() {
    while (!registry.queued.isEmpty()) {
      WorkerState ws = placement.pickIdle();
      if (ws == null) {
        return;
      }
      TaskState ts = registry.queued.first();
      transitions.transitionNow(ts, PROCESSING, ws);
      if (ts.status == TaskStatus.QUEUED) {
        throw new IllegalStateException("queued task " + ts + " did not go to idle worker " + ws);
      }
      transitions.run();
    }
  }

  // ---- clients ----

  private void onGraphSubmitted(GraphSubmitted e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    long generation = ++registry.generation;
    List<TaskState> created = new ArrayList<>();
    List<TaskSpec> createdSpecs = new ArrayList<>();
    for (TaskSpec spec : e.tasks()) {
      if (registry.tasks.containsKey(spec.key())) {
        continue;
      }
      Priority priority = new Priority(spec.userPriority(), generation, spec.order());
      created.add(registry.newTask(spec, spec.runSpec(), priority));
      createdSpecs.add(spec);
    }
    for (int i = 0; i < created.size(); i++) {
      TaskState ts = created.get(i);
      for (Key depKey : createdSpecs.get(i).dependencies()) {
        TaskState dep = registry.tasks.get(depKey);
        if (dep != null) {
          ts.addDependency(dep);
          ts.group.noteDependency(dep);
        } else if (ts.exceptionBlame == null) {
          ts.exception =
              new ErrorInfo(
                  ErrorInfo.MISSING_DEPENDENCY,
                  "task '" + ts.key + "' depends on '" + depKey
                      + "', which is neither in its graph nor known to the scheduler",
                  "");
          ts.exceptionBlame = ts;
        }
      }
      transitions.note(ts, "submitted by " + client.id + " with priority " + ts.priority);
    }

    List<TaskState> toRun = new ArrayList<>();
    for (Key key : new LinkedHashSet<>(e.wanted())) {
      TaskState ts = registry.tasks.get(key);
      if (ts == null) {
        outbox.send(
            new KeyLost(
                client.id, key, "the scheduler does not know '" + key + "': it was not submitted"));
        continue;
      }
      registry.addWant(client, ts);
      reportIfDone(client, ts);
      if (ts.status == RELEASED) {
        toRun.add(ts);
      }
    }
    for (TaskState ts : created) {
      if (ts.exceptionBlame != null) {
        transitions.recommend(ts, ERRED);
      }
    }
    toRun.sort(TaskState.BY_PRIORITY);
    for (TaskState ts : toRun) {
      transitions.recommend(ts, WAITING);
    }
    transitions.run();
    for (TaskState ts : created) {
      if (ts.status == RELEASED) {
        transitions.recommendForgetIfUnreferenced(ts);
      }
    }
  }

  /** Tells a client that now wants a finished task how it ended. */
  private void reportIfDone(ClientState client, TaskState ts) {
    if (ts.status == MEMORY) {
      outbox.send(new KeyInMemory(client.id, ts.key, ts.typeName));
    } else if (ts.status == ERRED) {
      TaskState blame = ts.exceptionBlame;
      outbox.send(new KeyErred(client.id, ts.key, blame.key, blame.exception));
    }
  }

  private void onKeysReleased(KeysReleased e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    for (Key key : e.keys()) {
      TaskState ts = registry.tasks.get(key);
      if (ts != null && client.wantsWhat.contains(ts)) {
        registry.removeWant(client, ts);
        transitions.note(ts, "released by " + client.id);
        transitions.recommendAfterUnwanted(ts);
      }
    }
  }

  private void onClientDisconnected(ClientDisconnected e) {
    ClientState client = registry.clients.remove(e.client());
    if (client == null) {
      return;
    }
    for (TaskState ts : new ArrayList<>(client.wantsWhat)) {
      registry.removeWant(client, ts);
      transitions.note(ts, "released: " + client.id + " disconnected");
      transitions.recommendAfterUnwanted(ts);
    }
  }

  private void onKeysCancelled(KeysCancelled e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    Deque<TaskState> work = new ArrayDeque<>();
    for (Key key : e.keys()) {
      TaskState ts = registry.tasks.get(key);
      if (ts != null) {
        work.add(ts);
      }
    }
    Set<TaskState> seen = new HashSet<>();
    List<TaskState> touched = new ArrayList<>();
    while (!work.isEmpty()) {
      TaskState ts = work.poll();
      if (!seen.add(ts)) {
        continue;
      }
      Set<ClientState> others = new LinkedHashSet<>(ts.whoWants());
      others.remove(client);
      if (e.force() || others.isEmpty()) {
        work.addAll(ts.dependents());
      }
      List<ClientState> cancelFor =
          e.force()
              ? new ArrayList<>(ts.whoWants())
              : ts.whoWants().contains(client) ? List.of(client) : List.of();
      for (ClientState c : cancelFor) {
        outbox.send(new KeyCancelled(c.id, ts.key));
        registry.removeWant(c, ts);
      }
      transitions.note(ts, "cancelled by " + client.id + (e.force() ? " (forced)" : ""));
      touched.add(ts);
    }
    for (TaskState ts : touched) {
      transitions.recommendAfterUnwanted(ts);
    }
  }

  private void onDataScattered(DataScattered e) {
    ClientState client = registry.clients.get(e.client());
    if (client == null) {
      return;
    }
    for (ScatteredData data : e.data()) {
      List<WorkerState> holders = new ArrayList<>();
      for (String address : data.workers()) {
        WorkerState ws = registry.workers.get(address);
        if (ws != null) {
          holders.add(ws);
        }
      }
      TaskState ts = registry.tasks.get(data.key());
      if (ts == null && holders.isEmpty()) {
        outbox.send(
            new KeyLost(
                client.id,
                data.key(),
                "none of the workers '" + data.key() + "' was scattered to is connected: "
                    + data.workers()));
        continue;
      }
      if (ts == null) {
        TaskSpec spec = new TaskSpec(data.key(), List.of(), "", 0, 0, 0, Set.of(), Map.of());
        ts = registry.newTask(spec, null, new Priority(0, registry.generation, 0));
      }
      transitions.note(ts, "scattered by " + client.id + " to " + data.workers());
      registry.addWant(client, ts);
      if (ts.status == RELEASED && !holders.isEmpty()) {
        transitions.transitionNow(
            ts, MEMORY, new Transitions.Scattered(holders, data.nbytes(), data.typeName()));
        transitions.run();
      } else if (ts.status == MEMORY) {
        for (WorkerState ws : holders) {
          registry.addReplica(ts, ws);
        }
        reportIfDone(client, ts);
      } else {
        transitions.note(ts, "the scattered data is not used: the key is " + ts.status);
        reportIfDone(client, ts);
        if (ts.status == RELEASED) {
          transitions.recommend(ts, WAITING);
        }
      }
    }
  }

  // ---- workers ----

  private void onWorkerAdded(WorkerAdded e) {
    if (registry.workers.containsKey(e.worker())) {
      return;
    }
    WorkerState ws = new WorkerState(e.worker(), e.nthreads(), e.memoryLimit(), e.resources());
    registry.addWorker(ws);
    recommendRunnableOn(ws);
  }

  /** Recommends the no-worker tasks {@code ws} could run to processing, by priority. */
  private void recommendRunnableOn(WorkerState ws) {
    for (TaskState ts : registry.unrunnable) {
      if (placement.canRun(ws, ts)) {
        transitions.recommend(ts, PROCESSING);
      }
    }
  }

  private void onWorkerRemoved(WorkerRemoved e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    registry.removeWorker(ws);
    for (TaskState ts : new ArrayList<>(ws.processing.keySet())) {
      if (e.reason() == RemovalReason.LOST) {
        ts.suspicious++;
        transitions.note(
            ts, "worker " + ws.address + " died while processing it; suspicious " + ts.suspicious);
        if (ts.suspicious > config.allowedFailures()) {
          transitions.transitionNow(ts, ERRED, new Transitions.Failed(null, killedWorker(ts, ws)));
          continue;
        }
      } else {
        transitions.note(ts, "worker " + ws.address + " retired while processing it");
      }
      transitions.recommend(ts, RELEASED);
    }
    for (TaskState ts : new ArrayList<>(ws.hasWhat)) {
      registry.removeReplica(ts, ws);
      if (ts.whoHas().isEmpty()) {
        transitions.note(ts, "its last replica left with worker " + ws.address);
        transitions.recommend(ts, RELEASED);
      }
    }
  }

  private ErrorInfo killedWorker(TaskState ts, WorkerState last) {
    String message =
        "attempted to run task '" + ts.key + "' on " + ts.suspicious
            + " different workers, but all those workers died while running it (allowedFailures "
            + config.allowedFailures() + "). The last worker that attempted to run it was "
            + last.address + ". Look in the workers' logs for the cause; often it is the task"
            + " running out of memory.";
    return new ErrorInfo(ErrorInfo.KILLED_WORKER, message, "story of '" + ts.key + "':\n" + story.render(ts.key));
  }

  private void onWorkerStatusChanged(WorkerStatusChanged e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null || ws.status == e.status()) {
      return;
    }
    ws.status = e.status();
    registry.updateIdle(ws);
    if (ws.status == WorkerStatus.RUNNING) {
      recommendRunnableOn(ws);
    }
  }

  private void onTaskFinished(TaskFinished e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    TaskState ts = registry.tasks.get(e.key());
    if (ts == null) {
      outbox.freeKey(ws.address, e.key(), e.stimulusId());
      return;
    }
    if (ts.status == PROCESSING && ts.processingOn == ws) {
      if (ts.runId == e.runId()) {
        transitions.transitionNow(
            ts, MEMORY, new Transitions.Finished(ws, e.nbytes(), e.typeName(), e.duration()));
      } else {
        transitions.note(ts, "ignored a result of run " + e.runId() + " from " + ws.address
            + ": waiting for run " + ts.runId);
      }
      return;
    }
    if (ts.status == MEMORY && ts.whoHas().contains(ws)) {
      transitions.note(ts, "ignored a repeated result from " + ws.address);
      return;
    }
    transitions.note(ts, "freed a stale result of run " + e.runId() + " from " + ws.address);
    outbox.freeKey(ws.address, ts.key, e.stimulusId());
  }

  private void onTaskErred(TaskErred e) {
    WorkerState ws = registry.workers.get(e.worker());
    if (ws == null) {
      return;
    }
    TaskState ts = registry.tasks.get(e.key());
    if (ts == null) {
      outbox.freeKey(ws.address, e.key(), e.stimulusId());
      return;
    }
    boolean current = ts.status == PROCESSING && ts.processingOn == ws;
    if (!current || ts.runId != e.runId()) {
      if (current || (ts.status == MEMORY && ts.whoHas().contains(ws))) {
        transitions.note(ts, "ignored a failure of run " + e.runId() + " from " + ws.address);
      } else {
        transitions.note(ts, "freed a stale failure of run " + e.runId() + " on " + ws.address);
        outbox.freeKey(ws.address, ts.key, e.stimulusId());
      }
      return;
    }
    if (ts.retries > 0) {
      ts.retries--;
      transitions.note(ts, "failed on " + ws.address + " with " + e.error() + "; retrying, "
          + ts.retries + " retries left");
      transitions.transitionNow(ts, WAITING, null);
      return;
    }
    transitions.transitionNow(ts, ERRED, new Transitions.Failed(ws, e.error()));
  }

  private void onDataMissing(DataMissing e) {
    WorkerState ws = registry.workers.get(e.worker());
    TaskState ts = registry.tasks.get(e.key());
    if (ws == null || ts == null || !ts.whoHas().contains(ws)) {
      return;
    }
    registry.removeReplica(ts, ws);
    transitions.note(ts, ws.address + " does not hold it");
    // A peer's failed fetch may be stale (the worker got the key again since): make sure the worker
    // drops it, so that it never holds data the scheduler does not know about.
    outbox.freeKey(ws.address, ts.key, e.stimulusId());
    if (ts.whoHas().isEmpty()) {
      transitions.recommend(ts, RELEASED);
    }
  }

  // ---- queries ----

  /** The settings. */
  public SchedulerConfig config() {
    return config;
  }

  /** The task's state; {@link TaskStatus#FORGOTTEN} if the scheduler does not track it. */
  public TaskStatus status(Key key) {
    TaskState ts = registry.tasks.get(key);
    return ts == null ? TaskStatus.FORGOTTEN : ts.status;
  }

  /**
   * The addresses of the workers holding the key's result, sorted; empty unless it is in memory.
   * The shell answers a worker's or client's who-has query with this.
   */
  public List<String> whoHas(Key key) {
    TaskState ts = registry.tasks.get(key);
    return ts == null ? List.of() : List.copyOf(Transitions.addresses(ts.whoHas()));
  }

  /** For an erred task: the task that failed first and its error. */
  public Optional<Map.Entry<Key, ErrorInfo>> error(Key key) {
    TaskState ts = registry.tasks.get(key);
    if (ts == null || ts.status != ERRED) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(ts.exceptionBlame.key, ts.exceptionBlame.exception));
  }

  /** The keys processing on a worker (sent, not reported back), in the order they were sent. */
  public List<Key> processingOn(String worker) {
    WorkerState ws = registry.workers.get(worker);
    if (ws == null) {
      return List.of();
    }
    List<Key> out = new ArrayList<>(ws.processing.size());
    for (TaskState ts : ws.processing.keySet()) {
      out.add(ts.key);
    }
    return out;
  }

  /** How many tasks the scheduler tracks (not forgotten). */
  public int taskCount() {
    return registry.tasks.size();
  }

  /** The connected workers' addresses, in the order they joined. */
  public List<String> workers() {
    return List.copyOf(registry.workers.keySet());
  }

  /** The connected clients' ids. */
  public Set<String> clients() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(registry.clients.keySet()));
  }

  /**
   * What happened to this task, oldest first: its transitions and notes, each with the stimulus
   * that caused it, as far back as the bounded log reaches. Forgotten tasks keep their story until
   * it is pushed out of the log.
   */
  public List<StoryEntry> story(Key key) {
    return story.of(key);
  }

  /**
   * Checks every invariant of the state (see the package documentation); cheap enough for tests,
   * too slow for production at scale.
   *
   * @throws IllegalStateException naming the broken invariant, the task or worker, and the task's
   *     story
   */
  public void validateState() {
    invariants.check();
  }

  /** The state's tables, for tests in this package. */
  Registry registry() {
    return registry;
  }

  /** The transition engine, for tests in this package. */
  Transitions transitions() {
    return transitions;
  }

  /** The direct transitions of the table, for documentation and tests. */
  static Map<TaskStatus, Set<TaskStatus>> transitionTable() {
    return Transitions.table();
  }
}
