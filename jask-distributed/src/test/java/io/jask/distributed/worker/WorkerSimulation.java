package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A seeded, deterministic simulation of one worker among peers, driven by a toy scheduler that
 * keeps the scheduler's side of the contract (it frees a key only when no task it placed here
 * still needs it) and by a toy shell that carries out instructions faithfully but answers at
 * random: tasks succeed or throw, peers send, lack keys, are busy, fail or die. The worker
 * validates its invariants after every event; at the end everything is let finish and every
 * placed task must have reached memory or error.
 */
final class WorkerSimulation {
  private static final List<String> PEERS =
      List.of("tcp://10.0.1.1:1", "tcp://10.0.1.2:1", "tcp://10.0.1.3:1", "tcp://10.0.1.4:1");
  /** The first two peers never die, so every data key stays reachable. */
  private static final int IMMORTAL_PEERS = 2;
  private static final int DATA_KEYS = 16;
  private static final ErrorInfo BOOM = new ErrorInfo("java.lang.IllegalStateException", "boom", "at sim");

  private final Random random;
  final WorkerDriver worker;

  /** Peer to the data keys it really holds. */
  private final Map<String, Set<Key>> truth = new TreeMap<>();
  private final Set<String> dead = new TreeSet<>();
  private final List<Key> dataKeys = new ArrayList<>();

  /** What the toy scheduler placed here and has not freed or had stolen: key to dependencies. */
  private final Map<Key, Set<Key>> placed = new LinkedHashMap<>();
  /** Tasks placed once and let go of, with their dependencies: candidates to be placed again. */
  private final Map<Key, Set<Key>> letGo = new LinkedHashMap<>();
  /** Placed tasks whose failure was reported since they were last placed. */
  private final Set<Key> reportedErred = new LinkedHashSet<>();

  /** The shell's computations handed over and not ended: started, or waiting for a thread. */
  private final Set<Key> running = new LinkedHashSet<>();
  /** The computations under way on a thread: never more than there are threads. */
  private final Set<Key> started = new LinkedHashSet<>();
  /** Computations cancelled before they started: the shell skips them. */
  private final Set<Key> cancelledBeforeStart = new LinkedHashSet<>();

  /** The shell's transfers under way, by peer. */
  private final Map<String, Set<Key>> transfers = new TreeMap<>();
  private final Set<String> backingOff = new TreeSet<>();

  /** Every instruction, in order: two runs with one seed must produce the same. */
  final List<WorkerInstruction> log = new ArrayList<>();
  private int nextTask;

  WorkerSimulation(long seed) {
    random = new Random(seed);
    WorkerConfig config =
        WorkerConfig.of(1 + random.nextInt(4))
            .withTransferLimits(1 + random.nextInt(3), 20 + random.nextInt(200), 10 + random.nextInt(60))
            .withStoryLimit(1_000_000)
            .withResources(Map.of("GPU", 1.0 + random.nextInt(2)))
            .withLookahead(random.nextInt(3));
    worker = new WorkerDriver(config);
    for (String peer : PEERS) {
      truth.put(peer, new TreeSet<>());
    }
    for (int i = 0; i < DATA_KEYS; i++) {
      Key key = Key.of("d" + i);
      dataKeys.add(key);
      truth.get(PEERS.get(random.nextInt(IMMORTAL_PEERS))).add(key);
      for (String peer : PEERS) {
        if (random.nextInt(3) == 0) {
          truth.get(peer).add(key);
        }
      }
    }
  }

  /** Random events, then everything let finish; checks that every placed task ended. */
  void run(int steps) {
    for (int i = 0; i < steps; i++) {
      step();
    }
    settle();
    Set<WorkerTaskState> busy =
        EnumSet.of(
            WorkerTaskState.WAITING, WorkerTaskState.READY, WorkerTaskState.CONSTRAINED,
            WorkerTaskState.EXECUTING, WorkerTaskState.FETCH, WorkerTaskState.FLIGHT,
            WorkerTaskState.MISSING, WorkerTaskState.CANCELLED, WorkerTaskState.RESUMED);
    worker.state.states().forEach((key, state) ->
        assertThat(busy).as(() -> key + " at rest in " + state + "; story:\n" + story(key)).doesNotContain(state));
    for (Key key : placed.keySet()) {
      // An erred task may be forgotten once its error is reported, when nothing here needs it.
      WorkerTaskState end = worker.state.stateOf(key).orElse(WorkerTaskState.FORGOTTEN);
      if (end != WorkerTaskState.MEMORY) {
        assertThat(reportedErred).as(() -> "placed task " + key + " ended in " + end + "; story:\n" + story(key))
            .contains(key);
        assertThat(end).isIn(WorkerTaskState.ERROR, WorkerTaskState.FORGOTTEN);
      }
    }
    // The scheduler lets go of everything: the worker ends empty.
    feed(new WorkerEvent.FreeKeys(worker.nextId(), worker.state.states().keySet()));
    assertThat(worker.state.states()).isEmpty();
    assertThat(worker.store).isEmpty();
  }

  private void step() {
    int roll = random.nextInt(100);
    if (roll < 22) {
      placeNewTask();
    } else if (roll < 27) {
      placeAgain();
    } else if (roll < 37) {
      finishComputation(random.nextInt(5) != 0);
    } else if (roll < 42) {
      startComputation();
    } else if (roll < 45) {
      skipCancelled();
    } else if (roll < 63) {
      answerTransfer();
    } else if (roll < 66) {
      retryBusyPeer();
    } else if (roll < 74) {
      freeSomething();
    } else if (roll < 78) {
      steal();
    } else if (roll < 82) {
      refreshMissing(random.nextInt(4) == 0);
    } else if (roll < 84) {
      feed(new WorkerEvent.FindMissing(worker.nextId()));
    } else if (roll < 88) {
      feed(worker.state.isRunning() ? new WorkerEvent.Pause(worker.nextId()) : new WorkerEvent.Unpause(worker.nextId()));
    } else if (roll < 90) {
      killPeer();
    } else if (roll < 92) {
      acquireReplica(pick(dataKeys));
    } else if (roll < 94) {
      scatterHere(pick(dataKeys));
    } else {
      computeADataKeyHere();
    }
  }

  /** Lets every computation and transfer end well, finds every missing value, until at rest. */
  private void settle() {
    for (int i = 0; i < 100_000; i++) {
      if (!worker.state.isRunning()) {
        feed(new WorkerEvent.Unpause(worker.nextId()));
      } else if (!cancelledBeforeStart.isEmpty()) {
        skipCancelled();
      } else if (!started.isEmpty()) {
        finishComputation(true);
      } else if (!running.isEmpty()) {
        startComputation();
      } else if (!transfers.isEmpty()) {
        String peer = transfers.keySet().iterator().next();
        answer(peer, dead.contains(peer) ? 1 : 0);
      } else if (!backingOff.isEmpty()) {
        retryBusyPeer();
      } else if (!keysIn(WorkerTaskState.MISSING).isEmpty()) {
        refreshMissing(false);
      } else if (!erredInputsNeeded().isEmpty()) {
        acquireReplica(erredInputsNeeded().get(0));
      } else {
        return;
      }
    }
    throw new AssertionError("the worker did not come to rest: " + worker.state);
  }

  // ---- the toy scheduler -------------------------------------------------------------------------

  private void placeNewTask() {
    if (placed.size() >= 40) {
      return;
    }
    Key key = Key.of("t" + nextTask++);
    Map<Key, DependencyInfo> deps = new TreeMap<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      Key dep = pick(dataKeys);
      if (!placed.containsKey(dep)) { // a key being computed here is no input yet
        deps.put(dep, new DependencyInfo(claimedHolders(dep), 1 + random.nextInt(40)));
      }
    }
    List<Key> local = keysPlacedIn(WorkerTaskState.MEMORY);
    if (!local.isEmpty() && random.nextBoolean()) {
      Key dep = pick(local);
      deps.put(dep, new DependencyInfo(Set.of(WorkerDriver.SELF), 8));
    }
    place(key, deps);
  }

  private void placeAgain() {
    for (Map.Entry<Key, Set<Key>> entry : letGo.entrySet()) {
      Key key = entry.getKey();
      boolean inputsExist =
          entry.getValue().stream().allMatch(dep -> dataKeys.contains(dep) && !placed.containsKey(dep));
      if (inputsExist && !placed.containsKey(key)) {
        Map<Key, DependencyInfo> deps = new TreeMap<>();
        entry.getValue().forEach(dep -> deps.put(dep, new DependencyInfo(claimedHolders(dep), 16)));
        letGo.remove(key);
        place(key, deps);
        return;
      }
    }
  }

  /**
   * The scheduler asks the worker to compute a key it has been fetching (Dask's resumed case), as
   * when the key's holders are lost.
   */
  private void computeADataKeyHere() {
    for (Key key : dataKeys) {
      WorkerTaskState state = worker.state.stateOf(key).orElse(WorkerTaskState.FORGOTTEN);
      if (!placed.containsKey(key)
          && EnumSet.of(WorkerTaskState.FLIGHT, WorkerTaskState.CANCELLED, WorkerTaskState.FETCH, WorkerTaskState.MISSING)
              .contains(state)) {
        place(key, Map.of());
        return;
      }
    }
  }

  /**
   * Places a task here. The placed tasks that need its key are let go of first: the scheduler
   * places a task only once its inputs exist.
   */
  private void place(Key key, Map<Key, DependencyInfo> deps) {
    letGoOfDependents(key);
    placed.put(key, new TreeSet<>(deps.keySet()));
    reportedErred.remove(key);
    Priority priority = Priority.of(random.nextInt(6));
    Map<String, Double> resources = random.nextInt(6) == 0 ? Map.of("GPU", 1.0) : Map.of();

    feed(new WorkerEvent.ComputeTask(worker.nextId(), key, "run " + key, priority, deps, resources));
  }

  /** Frees a key no placed task needs any more (the scheduler's side of the contract). */
  private void freeSomething() {
    List<Key> known = new ArrayList<>(worker.state.states().keySet());
    if (known.isEmpty()) {
      return;
    }
    Key key = pick(known);
    for (Map.Entry<Key, Set<Key>> entry : placed.entrySet()) {
      if (!entry.getKey().equals(key) && entry.getValue().contains(key)) {
        return;
      }
    }
    Set<Key> deps = placed.remove(key);
    if (deps != null) {
      letGo.put(key, deps);
    }
    feed(new WorkerEvent.FreeKeys(worker.nextId(), Set.of(key)));
  }

  private void steal() {
    if (placed.isEmpty()) {
      return;
    }
    Key key = pick(new ArrayList<>(placed.keySet()));
    for (WorkerInstruction i : feed(new WorkerEvent.StealRequest(worker.nextId(), key))) {
      if (i instanceof SchedulerMessage.StealResponse r && r.released()) {
        letGo.put(key, placed.remove(key));
      }
    }
  }

  private void refreshMissing(boolean wrongly) {
    List<Key> missing = keysIn(WorkerTaskState.MISSING);
    if (missing.isEmpty()) {
      return;
    }
    Key key = pick(missing);
    Set<String> holders = wrongly ? Set.of() : liveHolders(key);
    feed(new WorkerEvent.RefreshWhoHas(worker.nextId(), Map.of(key, holders)));
  }

  private void acquireReplica(Key key) {
    if (placed.containsKey(key)) {
      return; // being computed here
    }
    feed(new WorkerEvent.AcquireReplicas(worker.nextId(), Map.of(key, new DependencyInfo(liveHolders(key), 12))));
  }

  /**
   * A client scatters a data key's value here, whatever this worker is doing with it: the shell
   * offers only keys it accepts, but the state machine must cope with any.
   */
  private void scatterHere(Key key) {
    if (placed.containsKey(key)) {
      return; // being computed here: the scheduler's plan for it stands, as in acquireReplica
    }
    feed(new WorkerEvent.UpdateData(worker.nextId(), Map.of(key, new ValueInfo(1 + random.nextInt(40), "double[]"))));
  }

  private void killPeer() {
    String peer = PEERS.get(IMMORTAL_PEERS + random.nextInt(PEERS.size() - IMMORTAL_PEERS));
    if (dead.add(peer) && random.nextBoolean()) {
      feed(new WorkerEvent.RemovePeer(worker.nextId(), peer));
    }
  }

  /** The holders the scheduler names: mostly right, sometimes stale (dead or wrong peers), rarely none. */
  private Set<String> claimedHolders(Key key) {
    Set<String> claimed = new TreeSet<>();
    if (random.nextInt(20) == 0) {
      return claimed;
    }
    for (String peer : PEERS) {
      if (truth.get(peer).contains(key) ? random.nextInt(3) != 0 : random.nextInt(8) == 0) {
        claimed.add(peer);
      }
    }
    return claimed;
  }

  private Set<String> liveHolders(Key key) {
    Set<String> holders = new TreeSet<>();
    truth.forEach((peer, keys) -> {
      if (keys.contains(key) && !dead.contains(peer)) {
        holders.add(peer);
      }
    });
    return holders;
  }

  /** Data keys in error that a waiting task still needs: the scheduler would have them copied again. */
  private List<Key> erredInputsNeeded() {
    List<Key> erred = new ArrayList<>();
    for (Key key : keysIn(WorkerTaskState.ERROR)) {
      if (dataKeys.contains(key) && !placed.containsKey(key)) {
        erred.add(key);
      }
    }
    return erred;
  }

  // ---- the toy shell ------------------------------------------------------------------------------

  /** A thread takes the next computation waiting for one, unless paused; a cancelled one is skipped. */
  private void startComputation() {
    if (!worker.state.isRunning() || started.size() >= worker.state.config().nthreads()) {
      return;
    }
    for (Key key : running) {
      if (!started.contains(key)) {
        if (cancelledBeforeStart.contains(key)) {
          skip(key);
        } else {
          started.add(key);
        }
        return;
      }
    }
  }

  private void skipCancelled() {
    if (!cancelledBeforeStart.isEmpty()) {
      skip(pick(new ArrayList<>(cancelledBeforeStart)));
    }
  }

  private void skip(Key key) {
    cancelledBeforeStart.remove(key);
    running.remove(key);
    feed(new WorkerEvent.ExecuteSkipped(worker.nextId(), key));
  }

  private void finishComputation(boolean success) {
    if (started.isEmpty()) {
      return;
    }
    Key key = pick(new ArrayList<>(started));
    started.remove(key);
    running.remove(key);
    if (success) {
      feed(new WorkerEvent.ExecuteSuccess(worker.nextId(), key, 1 + random.nextInt(50), "Double", 0.5, 1.5));
    } else {
      feed(new WorkerEvent.ExecuteFailure(worker.nextId(), key, BOOM, 0.5, 1.0));
    }
  }

  private void answerTransfer() {
    if (transfers.isEmpty()) {
      return;
    }
    String peer = pick(new ArrayList<>(transfers.keySet()));
    int roll = random.nextInt(20);
    answer(peer, dead.contains(peer) ? 1 : roll < 2 ? 1 : roll < 4 ? 2 : roll < 5 ? 3 : 0);
  }

  /** 0: send what the peer has; 1: network failure; 2: busy; 3: undeserialisable. */
  private void answer(String peer, int how) {
    Set<Key> asked = transfers.remove(peer);
    String id = worker.nextId();
    switch (how) {
      case 1 -> feed(new WorkerEvent.GatherDepNetworkFailure(id, peer, asked));
      case 2 -> feed(new WorkerEvent.GatherDepBusy(id, peer, asked));
      case 3 -> feed(new WorkerEvent.GatherDepFailure(id, peer, asked, BOOM));
      default -> {
        Map<Key, ValueInfo> data = new TreeMap<>();
        for (Key key : asked) {
          if (truth.get(peer).contains(key)) {
            data.put(key, new ValueInfo(1 + random.nextInt(40), "double[]"));
          }
        }
        feed(new WorkerEvent.GatherDepSuccess(id, peer, data));
      }
    }
  }

  private void retryBusyPeer() {
    if (backingOff.isEmpty()) {
      return;
    }
    String peer = pick(new ArrayList<>(backingOff));
    backingOff.remove(peer);
    feed(new WorkerEvent.RetryBusyPeer(worker.nextId(), peer));
  }

  /** Feeds the event and carries out the instructions, checking what a shell can check. */
  private List<WorkerInstruction> feed(WorkerEvent event) {
    List<WorkerInstruction> out = worker.feed(event);
    log.addAll(out);
    List<Key> erred = new ArrayList<>();
    for (WorkerInstruction instruction : out) {
      if (instruction instanceof SchedulerMessage.TaskErred e && placed.containsKey(e.key())) {
        erred.add(e.key());
        reportedErred.add(e.key());
      }
      if (instruction instanceof WorkerInstruction.Execute x) {
        assertThat(running).as("%s is not run twice", x.key()).doesNotContain(x.key());
        int nthreads = worker.state.config().nthreads();
        assertThat(running.size()).as("handed over beyond the lookahead")
            .isLessThan(nthreads + worker.state.config().lookahead());
        if (!worker.state.resourcesOf(x.key()).isEmpty()) {
          // It holds resources from now on: a thread must be free for it at once.
          assertThat(running.size()).as("%s needs resources but no thread is free for it", x.key())
              .isLessThan(nthreads);
          started.add(x.key());
        }
        running.add(x.key());
      } else if (instruction instanceof WorkerInstruction.CancelExecute c) {
        assertThat(running).as("%s cancelled but not handed over", c.key()).contains(c.key());
        if (!started.contains(c.key())) {
          cancelledBeforeStart.add(c.key());
        }
      } else if (instruction instanceof WorkerInstruction.GatherDep g) {
        assertThat(transfers).as("one transfer at a time from %s", g.peer()).doesNotContainKey(g.peer());
        assertThat(g.peer()).isNotEqualTo(WorkerDriver.SELF);
        transfers.put(g.peer(), g.keys());
      } else if (instruction instanceof WorkerInstruction.RetryBusyPeerLater r) {
        backingOff.add(r.peer());
      }
    }
    // As the scheduler would: the placed tasks that need a failed one fail too, and are let go of.
    erred.forEach(this::letGoOfDependents);
    return out;
  }

  /** Frees every placed task that needs {@code key}, directly or not. */
  private void letGoOfDependents(Key key) {
    Set<Key> doomed = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<Key, Set<Key>> entry : placed.entrySet()) {
        boolean needs = entry.getValue().contains(key) || entry.getValue().stream().anyMatch(doomed::contains);
        if (needs && doomed.add(entry.getKey())) {
          grew = true;
        }
      }
    }
    if (!doomed.isEmpty()) {
      doomed.forEach(k -> letGo.put(k, placed.remove(k)));
      feed(new WorkerEvent.FreeKeys(worker.nextId(), doomed));
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private List<Key> keysIn(WorkerTaskState state) {
    List<Key> keys = new ArrayList<>();
    worker.state.states().forEach((key, s) -> {
      if (s == state) {
        keys.add(key);
      }
    });
    return keys;
  }

  private List<Key> keysPlacedIn(WorkerTaskState state) {
    List<Key> keys = new ArrayList<>();
    for (Key key : placed.keySet()) {
      if (worker.state.stateOf(key).orElse(null) == state) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** The {@code (from, to)} pairs of the transitions the worker made, as {@code "from -> to"}. */
  Set<String> transitionsMade() {
    Set<String> pairs = new TreeSet<>();
    List<Key> everyKey = new ArrayList<>(dataKeys);
    for (int i = 0; i < nextTask; i++) {
      everyKey.add(Key.of("t" + i));
    }
    for (Key key : everyKey) {
      for (StoryEntry entry : worker.state.story(key)) {
        if (entry.action().equals("transition")) {
          pairs.add(entry.detail().substring(0, entry.detail().indexOf(" =>")));
        }
      }
    }
    return pairs;
  }

  private String story(Key key) {
    StringBuilder sb = new StringBuilder();
    worker.state.story(key).forEach(entry -> sb.append("  ").append(entry).append('\n'));
    for (Key dep : placed.getOrDefault(key, Set.of())) {
      sb.append(" dependency ").append(dep).append(" in ").append(worker.state.stateOf(dep)).append('\n');
      worker.state.story(dep).forEach(entry -> sb.append("    ").append(entry).append('\n'));
    }
    return sb.toString();
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
