package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.PROCESSING;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.ClientConnected;
import io.jask.distributed.scheduler.SchedulerEvent.ClientDisconnected;
import io.jask.distributed.scheduler.SchedulerEvent.DataMissing;
import io.jask.distributed.scheduler.SchedulerEvent.DataScattered;
import io.jask.distributed.scheduler.SchedulerEvent.GraphSubmitted;
import io.jask.distributed.scheduler.SchedulerEvent.KeysCancelled;
import io.jask.distributed.scheduler.SchedulerEvent.KeysReleased;
import io.jask.distributed.scheduler.SchedulerEvent.StealResponse;
import io.jask.distributed.scheduler.SchedulerEvent.StealTick;
import io.jask.distributed.scheduler.SchedulerEvent.TaskErred;
import io.jask.distributed.scheduler.SchedulerEvent.TaskFinished;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerAdded;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerRemoved;
import io.jask.distributed.scheduler.SchedulerEvent.WorkerStatusChanged;
import java.util.ArrayList;
import java.util.Collections;
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
 * SchedulerEvent joined =
 *     new SchedulerEvent.WorkerAdded("tcp://10.0.0.7:4001", 4, 2L << 30, Map.of(), "worker-added-1");
 * for (SchedulerMessage m : state.handle(joined)) {
 *   shell.send(m); // ComputeTask, FreeKeys, StealRequest to workers; Key… to clients
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
  private final ClientStimuli clientStimuli;
  private final WorkerStimuli workerStimuli;
  private final Invariants invariants;
  private final Retirement retirement;
  private final ClusterRestart restart;
  private final Scaling scaling;

  /** A state machine with these settings and nothing in it. */
  public SchedulerState(SchedulerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.registry = new Registry(config);
    this.story = new Story(config.storyLimit());
    this.placement = new Placement(registry);
    this.transitions = new Transitions(registry, placement, outbox, story);
    this.stealing = new StealingPolicy(registry, placement, transitions, outbox);
    this.clientStimuli = new ClientStimuli(registry, transitions, outbox);
    this.workerStimuli = new WorkerStimuli(registry, placement, transitions, outbox, story);
    this.invariants = new Invariants(registry, placement, story);
    this.retirement = new Retirement(registry, transitions, outbox);
    this.restart = new ClusterRestart(registry, outbox, retirement);
    this.scaling = new Scaling(registry);
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
      if (retirement.active()) {
        retirement.progress(event.stimulusId());
        transitions.run();
      }
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
      clientStimuli.onGraphSubmitted(e);
    } else if (event instanceof TaskFinished e) {
      workerStimuli.onTaskFinished(e);
    } else if (event instanceof TaskErred e) {
      workerStimuli.onTaskErred(e);
    } else if (event instanceof KeysReleased e) {
      clientStimuli.onKeysReleased(e);
    } else if (event instanceof KeysCancelled e) {
      clientStimuli.onKeysCancelled(e);
    } else if (event instanceof DataScattered e) {
      clientStimuli.onDataScattered(e);
    } else if (event instanceof ClientConnected e) {
      clientStimuli.onClientConnected(e);
    } else if (event instanceof ClientDisconnected e) {
      clientStimuli.onClientDisconnected(e);
    } else if (event instanceof WorkerAdded e) {
      workerStimuli.onWorkerAdded(e);
    } else if (event instanceof WorkerRemoved e) {
      workerStimuli.onWorkerRemoved(e);
    } else if (event instanceof WorkerStatusChanged e) {
      workerStimuli.onWorkerStatusChanged(e);
    } else if (event instanceof DataMissing e) {
      workerStimuli.onDataMissing(e);
    } else if (event instanceof StealTick) {
      if (config.workStealing()) {
        stealing.tick();
      }
    } else if (event instanceof StealResponse e) {
      stealing.onResponse(e);
    } else if (event instanceof SchedulerEvent.WorkerMemory e) {
      workerStimuli.onWorkerMemory(e);
    } else if (event instanceof SchedulerEvent.ReplicaAdded e) {
      retirement.onReplicaAdded(e);
    } else if (event instanceof SchedulerEvent.RetireWorkers e) {
      retirement.onRetireWorkers(e);
    } else if (event instanceof SchedulerEvent.Restart e) {
      restart.onRestart(e);
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

  /**
   * Told of every change of a task's state, while {@link #handle} runs, so that the shell can pass
   * it to its plugins. It must not call back into this state machine.
   */
  @FunctionalInterface
  public interface TransitionListener {
    /**
     * {@code key} went from {@code from} to {@code to}; {@code worker} is the worker it was sent to
     * or that ran it, null if neither.
     */
    void transitioned(Key key, TaskStatus from, TaskStatus to, String worker);
  }

  /** Sets the one listener to every change of a task's state; null for none (the default). */
  public void transitionListener(TransitionListener listener) {
    transitions.listener(listener);
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

  /**
   * A connected worker's status and memory as last reported, or empty for an unknown worker.
   *
   * @return its status, and managed, unmanaged and spilled bytes
   */
  public Optional<WorkerMemoryReport> workerMemory(String worker) {
    WorkerState ws = registry.workers.get(worker);
    if (ws == null) {
      return Optional.empty();
    }
    return Optional.of(new WorkerMemoryReport(ws.status, ws.managedBytes, ws.unmanagedBytes, ws.spilledBytes));
  }

  /**
   * What the scheduler knows of a worker's memory.
   *
   * @param status whether it takes new tasks
   * @param managedBytes the results it holds in memory
   * @param unmanagedBytes the rest of its process's memory in use
   * @param spilledBytes the in-memory size of the results it spilled to disk
   */
  public record WorkerMemoryReport(WorkerStatus status, long managedBytes, long unmanagedBytes, long spilledBytes) {}

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

  // ---- scaling advice ----

  /**
   * How many workers the load asks for, so that the work queued and processing would take about
   * {@code targetDuration}, and which idle workers could go first when that is fewer than are
   * connected (Dask's {@code adaptive_target}).
   *
   * @throws IllegalArgumentException if {@code targetDuration} is not positive
   */
  public AdaptiveTarget adaptiveTarget(java.time.Duration targetDuration) {
    return scaling.adaptiveTarget(targetDuration.toNanos() / 1000);
  }

  /**
   * Up to {@code count} idle running workers whose loss costs least (fewest bytes held, newest
   * first among equals), as Dask's {@code workers_to_close}.
   */
  public List<String> workersToClose(int count) {
    return scaling.workersToClose(count);
  }

  /** {@code count} workers to retire: the idle ones of {@link #workersToClose} first, then the least busy. */
  public List<String> workersToRetire(int count) {
    return scaling.workersToRetire(count);
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
