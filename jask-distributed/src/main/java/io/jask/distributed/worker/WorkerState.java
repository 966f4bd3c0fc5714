package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The worker's state machine: what every task on this worker is doing, and what to do next. It
 * is pure: no sockets, threads, clocks or randomness. The shell around it (the worker process)
 * turns what happens into {@link WorkerEvent}s, feeds them to {@link #handle}, one at a time on
 * one thread, and carries out the {@link WorkerInstruction}s it returns: run a task, fetch values
 * from a peer, drop a value, message the scheduler. The same events in the same order give the
 * same instructions, every time.
 *
 * <p>Each event runs handlers and transitions along the table described in the {@linkplain
 * io.jask.distributed.worker package documentation}; then free threads go to ready tasks in
 * priority order and free transfer slots to queued fetches, grouped by peer.
 *
 * <p>The shell holds the data store. It stores a value before reporting the event that delivers
 * it ({@link WorkerEvent.ExecuteSuccess}, {@link WorkerEvent.GatherDepSuccess}); the state
 * machine answers {@link WorkerInstruction.DropData} for any value it does not keep. So after
 * every event the store holds exactly the keys of the tasks in {@link WorkerTaskState#MEMORY}.
 *
 * <p>Not thread-safe: the shell confines it to its event loop.
 */
public final class WorkerState {
  private static final Map<WorkerTaskState, Set<WorkerTaskState>> TABLE =
      new TransitionTable(new WorkerTables("table", WorkerConfig.of(1))).pairs();

  private final WorkerTables tables;
  private final TransitionTable transitions;
  private final ExecutionSlots slots;
  private final TransferPlanner planner;
  private final SchedulerEvents schedulerEvents;
  private final ExecutionEvents executionEvents;
  private final TransferEvents transferEvents;
  private final PutDataEvents putDataEvents;
  private final StateValidator validator;

  /**
   * A worker with no tasks, running (not paused).
   *
   * @param address this worker's own address, as peers and the scheduler name it; never fetched
   *     from
   * @throws IllegalArgumentException if the address is empty
   */
  public WorkerState(String address, WorkerConfig config) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(config, "config");
    if (address.isEmpty()) {
      throw new IllegalArgumentException("a worker address must not be empty");
    }
    this.tables = new WorkerTables(address, config);
    this.transitions = new TransitionTable(tables);
    this.slots = new ExecutionSlots(tables);
    this.planner = new TransferPlanner(tables);
    this.schedulerEvents = new SchedulerEvents(tables);
    this.executionEvents = new ExecutionEvents(tables);
    this.transferEvents = new TransferEvents(tables);
    this.putDataEvents = new PutDataEvents(tables);
    this.validator = new StateValidator(tables);
  }

  /**
   * Takes in one event and returns what the shell must do about it, in order.
   *
   * @throws InvalidTransitionException if the event drives a task along a pair of states the table
   *     does not join (a bug, in the state machine or in the events fed to it)
   * @throws InvalidWorkerStateException if validation is on and an invariant broke
   * @throws IllegalArgumentException if validation is on and a transfer's reply names other keys
   *     than were asked for
   */
  public List<WorkerInstruction> handle(WorkerEvent event) {
    Objects.requireNonNull(event, "event");
    tables.story.event(event);
    Batch out = new Batch(event.stimulusId());
    dispatch(event, out);
    List<WorkerInstruction> instructions = new ArrayList<>();
    drain(out, instructions);
    reconcileWhoHas(out);
    drain(out, instructions);
    slots.fill(out);
    drain(out, instructions);
    planner.plan(out);
    drain(out, instructions);
    if (tables.config.validate()) {
      validator.validate();
    }
    return Collections.unmodifiableList(instructions);
  }

  private void dispatch(WorkerEvent event, Batch out) {
    if (event instanceof WorkerEvent.ComputeTask e) {
      schedulerEvents.computeTask(e, out);
    } else if (event instanceof WorkerEvent.ExecuteSuccess e) {
      executionEvents.success(e, out);
    } else if (event instanceof WorkerEvent.ExecuteFailure e) {
      executionEvents.failure(e, out);
    } else if (event instanceof WorkerEvent.ExecuteSkipped e) {
      executionEvents.skipped(e, out);
    } else if (event instanceof WorkerEvent.GatherDepSuccess e) {
      transferEvents.success(e, out);
    } else if (event instanceof WorkerEvent.GatherDepBusy e) {
      transferEvents.busy(e, out);
    } else if (event instanceof WorkerEvent.GatherDepNetworkFailure e) {
      transferEvents.networkFailure(e, out);
    } else if (event instanceof WorkerEvent.GatherDepFailure e) {
      transferEvents.failure(e, out);
    } else if (event instanceof WorkerEvent.RetryBusyPeer e) {
      transferEvents.retryBusyPeer(e, out);
    } else if (event instanceof WorkerEvent.FreeKeys e) {
      schedulerEvents.freeKeys(e, out);
    } else if (event instanceof WorkerEvent.StealRequest e) {
      schedulerEvents.stealRequest(e, out);
    } else if (event instanceof WorkerEvent.AcquireReplicas e) {
      schedulerEvents.acquireReplicas(e, out);
    } else if (event instanceof WorkerEvent.RefreshWhoHas e) {
      schedulerEvents.refreshWhoHas(e, out);
    } else if (event instanceof WorkerEvent.FindMissing e) {
      schedulerEvents.findMissing(e, out);
    } else if (event instanceof WorkerEvent.RemovePeer e) {
      schedulerEvents.removePeer(e, out);
    } else if (event instanceof WorkerEvent.UpdateData e) {
      putDataEvents.updateData(e, out);
    } else if (event instanceof WorkerEvent.Pause e) {
      schedulerEvents.pause(e, out);
    } else if (event instanceof WorkerEvent.Unpause e) {
      schedulerEvents.unpause(e, out);
    } else {
      throw new IllegalArgumentException("no handler for event " + event);
    }
  }

  /** Runs recommendations, and those they lead to, until none is left. */
  private void drain(Batch out, List<WorkerInstruction> instructions) {
    out.drainInstructionsInto(instructions);
    while (out.hasRecommendations()) {
      Map.Entry<TaskRecord, WorkerTaskState> next = out.takeFirst();
      out.merge(transitions.transition(next.getKey(), next.getValue(), out.stimulusId));
      out.drainInstructionsInto(instructions);
    }
  }

  /** A fetch whose last holder is gone goes missing; a missing value with a holder is fetched. */
  private void reconcileWhoHas(Batch out) {
    for (TaskRecord task : tables.whoHasChanged) {
      if (task.state == WorkerTaskState.FETCH && task.whoHas.isEmpty()) {
        out.recommend(task, WorkerTaskState.MISSING);
      } else if (task.state == WorkerTaskState.MISSING && !task.whoHas.isEmpty()) {
        out.recommend(task, WorkerTaskState.FETCH);
      }
    }
    tables.whoHasChanged.clear();
  }

  /**
   * Moves one task towards a state directly, as a recommendation would, and runs what follows.
   * For tests and debugging; events are the way in otherwise.
   */
  List<WorkerInstruction> transition(Key key, WorkerTaskState finish, String stimulusId) {
    TaskRecord task = tables.tasks.get(key);
    if (task == null) {
      throw new IllegalArgumentException("unknown task '" + key + "'");
    }
    Batch out = new Batch(stimulusId);
    out.recommend(task, finish);
    List<WorkerInstruction> instructions = new ArrayList<>();
    drain(out, instructions);
    return instructions;
  }

  /** The abstract resources the task needs (or holds, while it executes); for tests. */
  Map<String, Double> resourcesOf(Key key) {
    TaskRecord task = tables.tasks.get(key);
    if (task == null) {
      throw new IllegalArgumentException("unknown task '" + key + "'");
    }
    return Collections.unmodifiableMap(task.resources);
  }

  /**
   * Checks every invariant of the state machine.
   *
   * @throws InvalidWorkerStateException naming the first broken invariant
   */
  public void validateState() {
    validator.validate();
  }

  /** What happened to {@code key} on this worker, oldest first, as far as the bounded log still holds. */
  public List<StoryEntry> story(Key key) {
    return tables.story.of(key);
  }

  /**
   * The events handled, oldest first: the newest {@code storyLimit} of them, and at most {@value
   * Story#EVENT_LIMIT}. While the limit has
   * not been reached, feeding them to a new {@code WorkerState} with the same address and settings
   * replays this one exactly, the failure that is being debugged included.
   */
  public List<WorkerEvent> stimulusLog() {
    return tables.story.events();
  }

  /** The state of the task, or empty if this worker does not know it (never knew, or forgot). */
  public Optional<WorkerTaskState> stateOf(Key key) {
    TaskRecord task = tables.tasks.get(key);
    return task == null ? Optional.empty() : Optional.of(task.state);
  }

  /** Every known task and its state, in the order the worker first heard of them. */
  public Map<Key, WorkerTaskState> states() {
    Map<Key, WorkerTaskState> states = new LinkedHashMap<>();
    tables.tasks.forEach((key, task) -> states.put(key, task.state));
    return Collections.unmodifiableMap(states);
  }

  /**
   * Whether a value put here from outside for {@code key} ({@link WorkerEvent.UpdateData}) would be
   * kept: the worker does not know the key, or holds it released or in memory. The shell asks
   * before it stores such a value, so that it never overwrites or drops a value that a computation
   * or transfer of the same key is delivering.
   */
  public boolean acceptsPutData(Key key) {
    TaskRecord task = tables.tasks.get(key);
    return PutDataEvents.accepts(task == null ? null : task.state);
  }

  /** The keys whose values the data store holds, with their sizes in bytes. */
  public Map<Key, Long> memory() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(tables.stored));
  }

  /** The total size of the values held, in bytes. */
  public long memoryBytes() {
    return tables.storedBytes();
  }

  /**
   * The keys of the tasks handed to the shell to run whose run has not ended (running, or waiting
   * on the pool for a thread), cancelled ones included.
   */
  public Set<Key> executing() {
    Set<Key> keys = new TreeSet<>();
    tables.executing.forEach(task -> keys.add(task.key));
    return Collections.unmodifiableSet(keys);
  }

  /** The ready tasks (not the constrained ones), in the order they will run. */
  public List<Key> ready() {
    List<Key> keys = new ArrayList<>();
    tables.ready.forEach(task -> keys.add(task.key));
    return Collections.unmodifiableList(keys);
  }

  /** How many tasks are handed to the shell to run and not ended, cheaply. */
  public int executingCount() {
    return tables.executing.size();
  }

  /** How many tasks are ready to run, cheaply (for heartbeats). */
  public int readyCount() {
    return tables.ready.size();
  }

  /** How many values the data store holds, cheaply (for heartbeats). */
  public int memoryCount() {
    return tables.stored.size();
  }

  /** The peers a transfer is under way from. */
  public Set<String> peersInFlight() {
    return Collections.unmodifiableSet(new TreeSet<>(tables.inFlightPeers.keySet()));
  }

  /** The bytes expected from the transfers under way. */
  public long incomingBytes() {
    return tables.incomingBytes;
  }

  /** False while paused by {@link WorkerEvent.Pause}. */
  public boolean isRunning() {
    return tables.running;
  }

  /** How many computations have ended here, successfully or not, cancelled ones included. */
  public long executedCount() {
    return tables.executedCount;
  }

  /** How many transitions have been made. */
  public long transitionCount() {
    return tables.transitionCount;
  }

  /** This worker's address. */
  public String address() {
    return tables.address;
  }

  /** This worker's settings. */
  public WorkerConfig config() {
    return tables.config;
  }

  /**
   * The transition table: for each state, the states a task moves to from it directly. Any other
   * pair goes through {@link WorkerTaskState#RELEASED} when neither end is RELEASED, and throws
   * {@link InvalidTransitionException} otherwise.
   */
  public static Map<WorkerTaskState, Set<WorkerTaskState>> transitionTable() {
    return TABLE;
  }

  @Override
  public String toString() {
    return "WorkerState[" + tables.address + ", " + tables.tasks.size() + " tasks, "
        + tables.executing.size() + "/" + tables.config.nthreads() + " executing, "
        + tables.inFlightPeers.size() + " transfers, " + (tables.running ? "running" : "paused") + "]";
  }
}
