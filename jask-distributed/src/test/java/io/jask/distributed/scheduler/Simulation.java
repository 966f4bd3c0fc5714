package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.FreeKeys;
import io.jask.distributed.scheduler.SchedulerMessage.KeyErred;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import io.jask.distributed.scheduler.SchedulerMessage.KeyLost;
import io.jask.distributed.scheduler.SchedulerMessage.StealRequest;
import io.jask.distributed.scheduler.SchedulerMessage.ToClient;
import io.jask.distributed.scheduler.SchedulerMessage.ToWorker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A simulated cluster around a real {@link SchedulerState}, driven by a seeded {@link Random}:
 * clients submit random graphs, release and cancel keys and scatter data; workers join, pause,
 * retire and die; tasks finish, throw or flake in random order; worker-to-scheduler events are
 * delayed (in order per worker) so that results race with frees and steals; the scheduler's
 * invariants are validated after every event, and its view is compared with what the simulated
 * workers really hold. Scheduler-to-worker messages are delivered at once, or, with {@code
 * delayedMessages}, also held back (in order per worker) so that instructions race with work in
 * progress. Deterministic for a given seed.
 */
final class Simulation {
  private static final List<String> POOL = List.of("w0", "w1", "w2", "w3", "w4", "w5");
  private static final List<String> PREFIXES = List.of("load", "inc", "add", "sum", "arr");

  final Random rnd;
  final SchedulerState state;
  final boolean delayedMessages;
  /** Every message the scheduler sent, as text, to compare runs. */
  final List<String> log = new ArrayList<>();
  final Map<String, SimWorker> workers = new LinkedHashMap<>();
  final Map<String, SimClient> clients = new LinkedHashMap<>();
  private long stimuli;
  private int keyCounter;
  private int graphs;
  int events;

  static final class SimWorker {
    final String address;
    final int nthreads;
    final Map<Key, ComputeTask> assigned = new LinkedHashMap<>();
    final Map<Key, Long> data = new LinkedHashMap<>();
    final Deque<SchedulerEvent> outbox = new ArrayDeque<>();
    final Deque<SchedulerMessage> inbox = new ArrayDeque<>();
    WorkerStatus status = WorkerStatus.RUNNING;

    SimWorker(String address, int nthreads) {
      this.address = address;
      this.nthreads = nthreads;
    }
  }

  static final class SimClient {
    final String id;
    final Set<Key> wanted = new LinkedHashSet<>();
    final Map<Key, SchedulerMessage> last = new HashMap<>();

    SimClient(String id) {
      this.id = id;
    }
  }

  Simulation(long seed, SchedulerConfig config) {
    this(seed, config, false);
  }

  Simulation(long seed, SchedulerConfig config, boolean delayedMessages) {
    this.rnd = new Random(seed);
    this.state = new SchedulerState(config.withValidate(true));
    this.delayedMessages = delayedMessages;
  }

  private String sid(String what) {
    return what + "-" + (++stimuli);
  }

  // ---- the scheduler and message delivery ----

  void handle(SchedulerEvent event) {
    events++;
    List<SchedulerMessage> out = state.handle(event);
    for (SchedulerMessage m : out) {
      log.add(m.toString());
      deliver(m);
    }
    checkWorkersAgree();
  }

  private void deliver(SchedulerMessage m) {
    if (m instanceof ToWorker tw) {
      SimWorker w = workers.get(tw.worker());
      assertThat(w).as("message to a worker that is gone: %s", m).isNotNull();
      if (m instanceof ComputeTask c) {
        for (Map.Entry<Key, List<String>> dep : c.whoHas().entrySet()) {
          assertThat(dep.getValue()).as("holders of input %s of %s", dep.getKey(), c.key()).isNotEmpty();
        }
      }
      if (delayedMessages) {
        w.inbox.add(m);
      } else {
        receive(w, m);
      }
    } else if (m instanceof ToClient tc) {
      SimClient c = clients.get(tc.client());
      assertThat(c).as("message to a client that is gone: %s", m).isNotNull();
      Key key = keyOf(tc);
      c.last.put(key, m);
    }
  }

  /** A worker acts on one message from the scheduler. */
  private void receive(SimWorker w, SchedulerMessage m) {
    if (m instanceof ComputeTask c) {
      w.assigned.put(c.key(), c);
    } else if (m instanceof FreeKeys f) {
      for (Key k : f.keys()) {
        w.assigned.remove(k);
        w.data.remove(k);
      }
    } else if (m instanceof StealRequest s) {
      ComputeTask c = w.assigned.get(s.key());
      boolean giveBack = c != null && c.runId() == s.runId() && rnd.nextInt(3) != 0;
      if (giveBack) {
        w.assigned.remove(s.key());
      }
      w.outbox.add(new SchedulerEvent.StealResponse(w.address, s.key(), s.runId(), giveBack, sid("steal-response")));
    } else {
      throw new AssertionError("unknown worker message " + m);
    }
  }

  /** Delivers the oldest held-back message of a random worker; whether there was one. */
  boolean receiveOne() {
    List<SimWorker> pending = new ArrayList<>();
    for (SimWorker w : workers.values()) {
      if (!w.inbox.isEmpty()) {
        pending.add(w);
      }
    }
    if (pending.isEmpty()) {
      return false;
    }
    SimWorker w = pending.get(rnd.nextInt(pending.size()));
    receive(w, w.inbox.poll());
    return true;
  }

  private static Key keyOf(ToClient m) {
    if (m instanceof KeyInMemory k) {
      return k.key();
    } else if (m instanceof KeyErred k) {
      return k.key();
    } else if (m instanceof KeyLost k) {
      return k.key();
    } else if (m instanceof SchedulerMessage.KeyCancelled k) {
      return k.key();
    }
    throw new AssertionError("unknown client message " + m);
  }

  /**
   * What each worker was told to run is what the scheduler thinks it runs, same run (for workers
   * that have received every message sent to them).
   */
  private void checkWorkersAgree() {
    Registry r = state.registry();
    for (SimWorker w : workers.values()) {
      if (!w.inbox.isEmpty()) {
        continue;
      }
      for (ComputeTask c : w.assigned.values()) {
        TaskState ts = r.tasks.get(c.key());
        assertThat(ts).as("%s runs %s, which the scheduler forgot", w.address, c.key()).isNotNull();
        assertThat(ts.status).as("%s runs %s", w.address, c.key()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(ts.processingOn.address).as("%s runs %s", w.address, c.key()).isEqualTo(w.address);
        assertThat(ts.runId).as("run of %s on %s", c.key(), w.address).isEqualTo(c.runId());
      }
    }
  }

  // ---- actions ----

  void connect(String client) {
    clients.put(client, new SimClient(client));
    handle(new SchedulerEvent.ClientConnected(client, sid("connect")));
  }

  void disconnect(String client) {
    clients.remove(client);
    handle(new SchedulerEvent.ClientDisconnected(client, sid("disconnect")));
  }

  void join(String address) {
    int nthreads = 1 + rnd.nextInt(3);
    Map<String, Double> resources = address.equals("w0") ? Map.of("GPU", 2.0) : Map.of();
    workers.put(address, new SimWorker(address, nthreads));
    handle(new SchedulerEvent.WorkerAdded(address, nthreads, 1L << 32, resources, sid("join")));
  }

  void remove(String address, RemovalReason reason) {
    workers.remove(address);
    handle(new SchedulerEvent.WorkerRemoved(address, reason, sid("remove")));
  }

  void setStatus(SimWorker w, WorkerStatus status) {
    w.status = status;
    w.outbox.add(new SchedulerEvent.WorkerStatusChanged(w.address, status, sid("status")));
  }

  void submitRandomGraph(SimClient client) {
    int graph = ++graphs;
    int n = 1 + rnd.nextInt(15);
    List<TaskSpec> specs = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    List<Key> known = new ArrayList<>(new TreeSet<>(state.registry().tasks.keySet()));
    for (int i = 0; i < n; i++) {
      String prefix = PREFIXES.get(rnd.nextInt(PREFIXES.size()));
      Key key =
          prefix.equals("arr")
              ? Key.of(String.format("arr-%08x", graph), i)
              : Key.of(String.format("%s-%08x", prefix, ++keyCounter));
      List<Key> deps = new ArrayList<>();
      int ndeps = rnd.nextInt(4);
      for (int j = 0; j < ndeps; j++) {
        int pick = rnd.nextInt(20);
        Key dep;
        if (pick == 0) {
          dep = Key.of(String.format("ghost-%08x", rnd.nextInt(1000)));
        } else if (pick < 5 && !known.isEmpty()) {
          dep = known.get(rnd.nextInt(known.size()));
        } else if (!keys.isEmpty()) {
          dep = keys.get(rnd.nextInt(keys.size()));
        } else {
          continue;
        }
        if (!deps.contains(dep) && !dep.equals(key)) {
          deps.add(dep);
        }
      }
      int kind = rnd.nextInt(100);
      String run = kind < 3 ? "fail" : kind < 10 ? "flaky" : "ok";
      TaskSpec spec =
          new TaskSpec(key, deps, run, rnd.nextInt(10) == 0 ? 1 : 0, i, kind < 10 ? rnd.nextInt(3) : 0, Set.of(), Map.of());
      int special = rnd.nextInt(40);
      if (special == 0) {
        spec = spec.withWorkerRestrictions(Set.of(POOL.get(rnd.nextInt(POOL.size()))));
      } else if (special == 1) {
        spec = spec.withResources(Map.of("GPU", 1.0));
      }
      specs.add(spec);
      keys.add(key);
    }
    if (!known.isEmpty() && rnd.nextBoolean()) {
      Key again = known.get(rnd.nextInt(known.size()));
      specs.add(TaskSpec.of(again, "ok"));
    }
    List<Key> wanted = new ArrayList<>();
    wanted.add(keys.get(keys.size() - 1));
    for (Key k : keys) {
      if (rnd.nextInt(3) == 0 && !wanted.contains(k)) {
        wanted.add(k);
      }
    }
    client.wanted.addAll(wanted);
    handle(new SchedulerEvent.GraphSubmitted(client.id, specs, wanted, sid("submit")));
    for (Key k : wanted) {
      if (state.status(k) == TaskStatus.FORGOTTEN) {
        client.wanted.remove(k);
      }
    }
  }

  void releaseRandomKey(SimClient client) {
    if (client.wanted.isEmpty()) {
      return;
    }
    Key key = new ArrayList<>(client.wanted).get(rnd.nextInt(client.wanted.size()));
    client.wanted.remove(key);
    handle(new SchedulerEvent.KeysReleased(client.id, List.of(key), sid("release")));
  }

  void cancelRandomKey(SimClient client) {
    if (client.wanted.isEmpty()) {
      return;
    }
    Key key = new ArrayList<>(client.wanted).get(rnd.nextInt(client.wanted.size()));
    boolean force = rnd.nextBoolean();
    handle(new SchedulerEvent.KeysCancelled(client.id, List.of(key), force, sid("cancel")));
    for (SimClient c : clients.values()) {
      c.wanted.removeIf(k -> !state.registry().tasks.containsKey(k)
          || !state.registry().tasks.get(k).whoWants().contains(state.registry().clients.get(c.id)));
    }
  }

  void scatter(SimClient client) {
    List<SimWorker> running = new ArrayList<>(workers.values());
    if (running.isEmpty()) {
      return;
    }
    SimWorker w = running.get(rnd.nextInt(running.size()));
    Key key = Key.of(String.format("data-%08x", ++keyCounter));
    long nbytes = 1 + rnd.nextInt(1_000_000);
    w.data.put(key, nbytes);
    client.wanted.add(key);
    handle(new SchedulerEvent.DataScattered(
        client.id, List.of(new SchedulerEvent.ScatteredData(key, List.of(w.address), nbytes, "byte[]")), sid("scatter")));
  }

  /** A worker loses a result it held (a bad disk, say) and says so. */
  void dropRandomData() {
    List<SimWorker> holding = new ArrayList<>();
    for (SimWorker w : workers.values()) {
      if (!w.data.isEmpty()) {
        holding.add(w);
      }
    }
    if (holding.isEmpty()) {
      return;
    }
    SimWorker w = holding.get(rnd.nextInt(holding.size()));
    Key key = new ArrayList<>(w.data.keySet()).get(rnd.nextInt(w.data.size()));
    w.data.remove(key);
    w.outbox.add(new SchedulerEvent.DataMissing(w.address, key, sid("missing")));
  }

  /** Delivers the oldest pending event of a random worker; whether there was one. */
  boolean deliverOne() {
    List<SimWorker> pending = new ArrayList<>();
    for (SimWorker w : workers.values()) {
      if (!w.outbox.isEmpty()) {
        pending.add(w);
      }
    }
    if (pending.isEmpty()) {
      return false;
    }
    SimWorker w = pending.get(rnd.nextInt(pending.size()));
    handle(w.outbox.poll());
    return true;
  }

  /** Runs one of a random worker's first tasks; whether any worker could run anything. */
  boolean computeOne() {
    List<SimWorker> busy = new ArrayList<>();
    for (SimWorker w : workers.values()) {
      if (!w.assigned.isEmpty() && w.status == WorkerStatus.RUNNING) {
        busy.add(w);
      }
    }
    if (busy.isEmpty()) {
      return false;
    }
    SimWorker w = busy.get(rnd.nextInt(busy.size()));
    List<ComputeTask> front = new ArrayList<>(w.assigned.values());
    ComputeTask c = front.get(rnd.nextInt(Math.min(w.nthreads, front.size())));
    for (Key dep : c.whoHas().keySet()) {
      if (!w.data.containsKey(dep) && !heldSomewhere(dep, c.whoHas().get(dep))) {
        // every holder the scheduler named lacks it: report them, and wait
        for (String holder : state.whoHas(dep)) {
          SimWorker h = workers.get(holder);
          if (h == null || !h.data.containsKey(dep)) {
            w.outbox.add(new SchedulerEvent.DataMissing(holder, dep, sid("fetch-failed")));
          }
        }
        return true;
      }
    }
    w.assigned.remove(c.key());
    String run = (String) c.runSpec();
    boolean fails = run.equals("fail") || (run.equals("flaky") && rnd.nextInt(10) < 3);
    if (fails) {
      ErrorInfo error = new ErrorInfo("java.lang.IllegalStateException", "task " + c.key() + " failed", "trace");
      w.outbox.add(new SchedulerEvent.TaskErred(w.address, c.key(), c.runId(), error, sid("task-erred")));
    } else {
      long nbytes = 1 + rnd.nextInt(10_000_000);
      w.data.put(c.key(), nbytes);
      Duration took = Duration.ofMillis(1 + rnd.nextInt(2_000));
      w.outbox.add(new SchedulerEvent.TaskFinished(w.address, c.key(), c.runId(), nbytes, "double[]", took, sid("task-finished")));
    }
    return true;
  }

  private boolean heldSomewhere(Key dep, List<String> named) {
    Set<String> holders = new LinkedHashSet<>(named);
    holders.addAll(state.whoHas(dep));
    for (String h : holders) {
      SimWorker hw = workers.get(h);
      if (hw != null && hw.data.containsKey(dep)) {
        return true;
      }
    }
    return false;
  }

  // ---- the run ----

  /** {@code chaosSteps} random steps of every kind, then everything settles. */
  void run(int chaosSteps) {
    connect("c1");
    connect("c2");
    join("w0");
    join("w1");
    for (int step = 0; step < chaosSteps; step++) {
      chaosStep();
    }
    settle();
    checkOutcome();
    for (String client : new ArrayList<>(clients.keySet())) {
      disconnect(client);
    }
    settle();
    checkEverythingFreed();
  }

  private void chaosStep() {
    int roll = rnd.nextInt(100);
    List<SimClient> cs = new ArrayList<>(clients.values());
    SimClient client = cs.get(rnd.nextInt(cs.size()));
    if (roll < 30) {
      if (!delayedMessages || rnd.nextBoolean()) {
        deliverOne();
      } else {
        receiveOne();
      }
    } else if (roll < 60) {
      computeOne();
    } else if (roll < 66) {
      submitRandomGraph(client);
    } else if (roll < 70) {
      handle(new SchedulerEvent.StealTick(sid("steal-tick")));
    } else if (roll < 74) {
      releaseRandomKey(client);
    } else if (roll < 75) {
      cancelRandomKey(client);
    } else if (roll < 77) {
      scatter(client);
    } else if (roll < 79) {
      dropRandomData();
    } else if (roll < 82) {
      List<String> absent = new ArrayList<>(POOL);
      absent.removeAll(workers.keySet());
      if (!absent.isEmpty()) {
        join(absent.get(rnd.nextInt(absent.size())));
      }
    } else if (roll < 85) {
      if (!workers.isEmpty()) {
        List<String> present = new ArrayList<>(workers.keySet());
        remove(present.get(rnd.nextInt(present.size())), rnd.nextBoolean() ? RemovalReason.LOST : RemovalReason.RETIRED);
      }
    } else if (roll < 88) {
      if (!workers.isEmpty()) {
        List<SimWorker> present = new ArrayList<>(workers.values());
        SimWorker w = present.get(rnd.nextInt(present.size()));
        setStatus(w, w.status == WorkerStatus.RUNNING ? WorkerStatus.PAUSED : WorkerStatus.RUNNING);
      }
    } else if (roll < 89) {
      String id = client.id;
      disconnect(id);
      connect(id);
    } else if (delayedMessages) {
      receiveOne();
    } else {
      deliverOne();
    }
  }

  /** Brings every pool worker back, running, and lets work and messages flow until nothing moves. */
  void settle() {
    for (String address : POOL) {
      if (!workers.containsKey(address)) {
        join(address);
      }
    }
    for (SimWorker w : workers.values()) {
      if (w.status != WorkerStatus.RUNNING) {
        setStatus(w, WorkerStatus.RUNNING);
      }
    }
    int steps = 0;
    while (receiveOne() | deliverOne() | computeOne()) {
      if (++steps % 50 == 0) {
        handle(new SchedulerEvent.StealTick(sid("steal-tick")));
      }
      assertThat(steps).as("the cluster did not settle").isLessThan(200_000);
    }
  }

  /** Every wanted key ended in memory or erred, clients were told so, and workers hold what the scheduler thinks. */
  private void checkOutcome() {
    Registry r = state.registry();
    for (SimClient c : clients.values()) {
      for (Key k : c.wanted) {
        TaskStatus status = state.status(k);
        assertThat(status).as("wanted key %s; story:\n%s", k, state.story(k)).isIn(TaskStatus.MEMORY, TaskStatus.ERRED);
        SchedulerMessage last = c.last.get(k);
        if (status == TaskStatus.MEMORY) {
          assertThat(last).as("last message about %s to %s", k, c.id).isInstanceOf(KeyInMemory.class);
        } else {
          assertThat(last).as("last message about %s to %s", k, c.id).isInstanceOfAny(KeyErred.class, KeyLost.class);
        }
      }
    }
    for (SimWorker w : workers.values()) {
      assertThat(w.assigned).as("%s still has tasks", w.address).isEmpty();
      for (Key k : w.data.keySet()) {
        assertThat(state.whoHas(k)).as("%s holds %s", w.address, k).contains(w.address);
      }
    }
    for (TaskState ts : r.tasks.values()) {
      for (WorkerState ws : ts.whoHas()) {
        assertThat(workers.get(ws.address).data).as("scheduler thinks %s holds %s", ws.address, ts.key).containsKey(ts.key);
      }
      assertThat(ts.status).as("%s after settling", ts.key)
          .isIn(TaskStatus.MEMORY, TaskStatus.ERRED, TaskStatus.RELEASED);
    }
  }

  private void checkEverythingFreed() {
    Registry r = state.registry();
    assertThat(r.tasks).isEmpty();
    assertThat(r.groups).isEmpty();
    assertThat(r.queued).isEmpty();
    assertThat(r.unrunnable).isEmpty();
    assertThat(r.stealsInFlight).isEmpty();
    for (SimWorker w : workers.values()) {
      assertThat(w.data).as("data left on %s", w.address).isEmpty();
      assertThat(w.assigned).as("tasks left on %s", w.address).isEmpty();
      WorkerState ws = r.workers.get(w.address);
      assertThat(ws.occupancyMicros).isZero();
      assertThat(ws.nbytes).isZero();
    }
  }
}
