package io.jask.distributed.scheduler;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Listener;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.ReceiveLoop;
import io.jask.distributed.protocol.ScalingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler process's I/O shell around {@link SchedulerState}: it listens for workers and
 * clients, turns what they send into events, and sends the messages the state machine returns.
 *
 * <pre>
 *  comm threads ──receive()──▶ loop thread ──handle(event)──▶ SchedulerState
 *                                   │                              │
 *                                   ◀────── List&lt;SchedulerMessage&gt; ─┘
 *                                   └──send()──▶ worker / client comms
 * </pre>
 *
 * <p>One thread, the loop, owns the state machine and every map here; comm callbacks only hand
 * work to it. A worker silent for longer than the heartbeat timeout, or whose connection closes,
 * is removed as lost, and the state machine reschedules its work.
 */
public final class SchedulerServer implements AutoCloseable {
  /**
   * The id of the pseudo-client that wants fire-and-forget keys, as Dask's {@code
   * "fire-and-forget"} client: any client may submit a graph under it, so that the keys are
   * computed even after the client lets go of them; once told how a key ended, it lets go too.
   * No real client may take this id.
   */
  public static final String FIRE_AND_FORGET = "fire-and-forget";

  private static final Logger log = LoggerFactory.getLogger(SchedulerServer.class);

  private final SchedulerState state;
  private final ScheduledThreadPoolExecutor loop;
  private final Listener listener;
  private final Duration heartbeatTimeout;
  private final AtomicLong stimuli = new AtomicLong();
  /** Worker address → its stream comm; loop thread only. */
  private final Map<String, Comm> workers = new LinkedHashMap<>();
  /** Worker address → its registration; loop thread only. */
  private final Map<String, Messages.RegisterWorker> registrations = new HashMap<>();
  /** Worker address → nanoTime of its last message; loop thread only. */
  private final Map<String, Long> lastSeen = new HashMap<>();
  /** Client id → its stream comm; loop thread only. */
  private final Map<String, Comm> clients = new HashMap<>();
  /** Workers retiring gracefully, and the requests waiting for them; loop thread only. */
  private final Retirements retirements = new Retirements();
  private volatile boolean closed;

  private SchedulerServer(String address, CommOptions options, SchedulerConfig config, Duration heartbeatTimeout) {
    this.state = new SchedulerState(config);
    this.heartbeatTimeout = heartbeatTimeout;
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "jask-scheduler");
      t.setDaemon(true);
      return t;
    });
    // Before the first connection is accepted, so that no submission under it comes first.
    post(() -> handle(new SchedulerEvent.ClientConnected(FIRE_AND_FORGET, stimulus("client-connected"))));
    try {
      this.listener = Transports.listen(address, options, this::accepted);
    } catch (RuntimeException e) {
      loop.shutdownNow(); // its thread already runs the post above; an address in use must not leak it
      throw e;
    }
    long checkMillis = Math.max(50, heartbeatTimeout.toMillis() / 4);
    loop.scheduleWithFixedDelay(this::checkHeartbeats, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    if (config.workStealing()) {
      loop.scheduleWithFixedDelay(() -> handle(new SchedulerEvent.StealTick(stimulus("steal"))),
          100, 100, TimeUnit.MILLISECONDS);
    }
    loop.scheduleWithFixedDelay(this::checkRetiring, 50, 50, TimeUnit.MILLISECONDS);
    log.info("Scheduler at {}", listener.address());
  }

  /**
   * Starts a scheduler listening on {@code address} ({@code tcp://127.0.0.1:0} picks a free port
   * on loopback).
   *
   * @param heartbeatTimeout how long a worker may stay silent before it is taken for dead
   */
  public static SchedulerServer start(
      String address, CommOptions options, SchedulerConfig config, Duration heartbeatTimeout) {
    return new SchedulerServer(address, options, config, heartbeatTimeout);
  }

  /** The address workers and clients connect to, with the port actually bound. */
  public String address() {
    return listener.address();
  }

  /** Runs {@code work} on the loop thread; after close, work that arrives late is dropped. */
  private void post(Runnable work) {
    try {
      loop.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private String stimulus(String what) {
    return what + "-" + stimuli.incrementAndGet();
  }

  // ---- connections ----

  private void accepted(Comm comm) {
    comm.receive().whenComplete((first, error) -> {
      if (error != null) {
        comm.close();
      } else {
        post(() -> greet(comm, first));
      }
    });
  }

  private void greet(Comm comm, Object first) {
    if (first instanceof Messages.RegisterWorker reg) {
      registerWorker(comm, reg);
    } else if (first instanceof Messages.Hello hello && hello.role() == Messages.Role.CLIENT) {
      registerClient(comm, hello.id());
    } else if (first instanceof Messages.Hello hello && hello.role() == Messages.Role.RPC) {
      comm.send(new Messages.Welcome(address(), hello.id()));
      serveRpc(comm);
    } else {
      refuse(comm, "the first message must be a worker registration or a hello, not "
          + (first == null ? "null" : first.getClass().getSimpleName()));
    }
  }

  private void refuse(Comm comm, String reason) {
    log.warn("Refusing connection from {}: {}", comm.peerAddress(), reason);
    comm.send(new Messages.Refused(reason)).whenComplete((ok, e) -> comm.close());
  }

  private void registerWorker(Comm comm, Messages.RegisterWorker reg) {
    String worker = reg.address();
    if (workers.containsKey(worker)) {
      refuse(comm, "a worker at " + worker + " is already registered");
      return;
    }
    workers.put(worker, comm);
    registrations.put(worker, reg);
    lastSeen.put(worker, System.nanoTime());
    comm.send(new Messages.Welcome(address(), worker));
    log.info("Worker {} joined ({} threads)", worker, reg.nthreads());
    handle(new SchedulerEvent.WorkerAdded(worker, reg.nthreads(), reg.memoryLimit(), reg.resources(), stimulus("add-worker")));
    comm.closeFuture().thenRun(() -> post(() -> workerGone(worker, comm, SchedulerEvent.RemovalReason.LOST)));
    receiveFromWorker(worker, comm);
  }

  private void receiveFromWorker(String worker, Comm comm) {
    ReceiveLoop.start(comm, message -> post(() -> {
      if (workers.get(worker) != comm) {
        return; // removed meanwhile (retired or lost): what it still sent is stale
      }
      lastSeen.put(worker, System.nanoTime());
      fromWorker(worker, message);
    }));
  }

  private void fromWorker(String worker, Object message) {
    if (message instanceof Messages.Heartbeat) {
      return;
    }
    if (message instanceof SchedulerEvent event && sentBy(event, worker)) {
      handle(event);
    } else {
      log.warn("Ignoring {} from worker {}: not a message a worker may send for itself", describe(message), worker);
    }
  }

  /** Whether a worker's event names that worker (a worker cannot speak for another). */
  private static boolean sentBy(SchedulerEvent event, String worker) {
    if (event instanceof SchedulerEvent.TaskFinished e) {
      return e.worker().equals(worker);
    }
    if (event instanceof SchedulerEvent.TaskErred e) {
      return e.worker().equals(worker);
    }
    if (event instanceof SchedulerEvent.DataMissing) {
      return true; // a worker may report that a peer lacked a key it was said to hold
    }
    if (event instanceof SchedulerEvent.StealResponse e) {
      return e.worker().equals(worker);
    }
    if (event instanceof SchedulerEvent.WorkerStatusChanged e) {
      return e.worker().equals(worker);
    }
    if (event instanceof SchedulerEvent.ReplicaAdded e) {
      return e.worker().equals(worker);
    }
    return false;
  }

  private void workerGone(String worker, Comm comm, SchedulerEvent.RemovalReason reason) {
    if (workers.get(worker) != comm) {
      return; // already removed
    }
    workers.remove(worker);
    registrations.remove(worker);
    lastSeen.remove(worker);
    retirements.gone(worker);
    comm.close();
    log.info("Worker {} left ({})", worker, reason);
    handle(new SchedulerEvent.WorkerRemoved(worker, reason, stimulus("remove-worker")));
  }

  private void checkHeartbeats() {
    long now = System.nanoTime();
    for (Map.Entry<String, Long> e : new ArrayList<>(lastSeen.entrySet())) {
      if (now - e.getValue() > heartbeatTimeout.toNanos()) {
        log.warn("Worker {} sent nothing for {} ms: taking it for dead", e.getKey(), heartbeatTimeout.toMillis());
        workerGone(e.getKey(), workers.get(e.getKey()), SchedulerEvent.RemovalReason.LOST);
      }
    }
  }

  private void registerClient(Comm comm, String client) {
    if (client.equals(FIRE_AND_FORGET)) {
      refuse(comm, "the client id " + FIRE_AND_FORGET + " is reserved");
      return;
    }
    if (clients.containsKey(client)) {
      refuse(comm, "a client with id " + client + " is already connected");
      return;
    }
    clients.put(client, comm);
    comm.send(new Messages.Welcome(address(), client));
    handle(new SchedulerEvent.ClientConnected(client, stimulus("client-connected")));
    comm.closeFuture().thenRun(() -> post(() -> {
      if (clients.remove(client, comm)) {
        handle(new SchedulerEvent.ClientDisconnected(client, stimulus("client-disconnected")));
      }
    }));
    receiveFromClient(client, comm);
  }

  private void receiveFromClient(String client, Comm comm) {
    ReceiveLoop.start(comm, message -> post(() -> fromClient(client, message)));
  }

  private void fromClient(String client, Object message) {
    String claimed = null;
    if (message instanceof SchedulerEvent.GraphSubmitted e) {
      claimed = e.client();
    } else if (message instanceof SchedulerEvent.KeysReleased e) {
      claimed = e.client();
    } else if (message instanceof SchedulerEvent.KeysCancelled e) {
      claimed = e.client();
    } else if (message instanceof SchedulerEvent.DataScattered e) {
      claimed = e.client();
    }
    boolean fireAndForget = message instanceof SchedulerEvent.GraphSubmitted && FIRE_AND_FORGET.equals(claimed);
    if (client.equals(claimed) || fireAndForget) {
      handle((SchedulerEvent) message);
    } else {
      log.warn("Ignoring {} from client {}: not a message a client may send for itself", describe(message), client);
    }
  }

  /** Answers queries, one request at a time, on the loop thread (they read the state). */
  private void serveRpc(Comm comm) {
    ReceiveLoop.start(comm, request -> post(() -> {
      if (request instanceof ScalingMessages.RetireWorkersRequest r) {
        // Answered once the workers are gone, which may take a while: the loop goes on meanwhile.
        retire(r).thenAccept(retired -> comm.send(new ScalingMessages.RetireWorkersReply(retired)));
      } else {
        comm.send(answer(request));
      }
    }));
  }

  private Object answer(Object request) {
    if (request instanceof Messages.WhoHasRequest r) {
      Map<Key, List<String>> whoHas = new LinkedHashMap<>();
      for (Key key : r.keys()) {
        whoHas.put(key, state.whoHas(key));
      }
      return new Messages.WhoHasReply(whoHas);
    }
    if (request instanceof Messages.IdentityRequest) {
      return identity();
    }
    if (request instanceof Messages.StoryRequest r) {
      List<String> lines = new ArrayList<>();
      for (StoryEntry entry : state.story(r.key())) {
        lines.add(entry.toString());
      }
      return new Messages.StoryReply(lines);
    }
    if (request instanceof ScalingMessages.AdaptiveTargetRequest r) {
      return state.adaptiveTarget(Duration.ofMillis(r.targetDurationMillis()));
    }
    return new Messages.Failed("the scheduler does not answer " + describe(request));
  }

  // ---- scaling ----

  /**
   * How many workers the load asks for, so that the work in hand would take about {@code
   * targetDuration}, and which idle workers could go first; from any thread.
   */
  public AdaptiveTarget adaptiveTarget(Duration targetDuration) {
    return onLoop(() -> state.adaptiveTarget(targetDuration));
  }

  /**
   * Retires workers gracefully, from any thread: each gets no new tasks, and once it has finished
   * those it has (or after {@code timeout}, when its remaining tasks go elsewhere) it is removed
   * and its connection closed, which stops it. Results only it held are recomputed if needed.
   *
   * @param workers the addresses of the workers to retire; when empty, {@code count} workers
   *     picked by the scheduler, idle ones holding the least data first
   * @return completes with the workers retired (unknown addresses are skipped)
   */
  public CompletableFuture<List<Messages.WorkerInfo>> retireWorkers(List<String> workers, int count, Duration timeout) {
    ScalingMessages.RetireWorkersRequest request =
        new ScalingMessages.RetireWorkersRequest(workers, count, timeout.toMillis());
    CompletableFuture<List<Messages.WorkerInfo>> done = new CompletableFuture<>();
    try {
      loop.execute(() -> retire(request).whenComplete((retired, error) -> {
        if (error != null) {
          done.completeExceptionally(error);
        } else {
          done.complete(retired);
        }
      }));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.completeExceptionally(new JaskException("the scheduler at " + address() + " is closed"));
    }
    return done;
  }

  /** Starts retiring; loop thread only. */
  private CompletableFuture<List<Messages.WorkerInfo>> retire(ScalingMessages.RetireWorkersRequest r) {
    List<String> chosen = r.workers().isEmpty() ? state.workersToRetire(r.count()) : r.workers();
    List<Messages.WorkerInfo> infos = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.timeoutMillis());
    for (String worker : chosen) {
      Messages.RegisterWorker reg = registrations.get(worker);
      if (reg == null) {
        continue;
      }
      infos.add(new Messages.WorkerInfo(reg.address(), reg.name(), reg.nthreads(), reg.memoryLimit()));
      if (retirements.start(worker, deadline)) {
        log.info("Retiring worker {}", worker);
      }
    }
    handle(new SchedulerEvent.RetireWorkers(retirements.retiring(), stimulus("retire-workers")));
    CompletableFuture<List<Messages.WorkerInfo>> done = retirements.await(infos);
    checkRetiring();
    return done;
  }

  /** Removes retiring workers that have finished their tasks or run out of time; loop thread only. */
  private void checkRetiring() {
    if (retirements.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    for (String worker : retirements.retiring()) {
      Comm comm = workers.get(worker);
      if (comm == null) {
        retirements.gone(worker); // lost meanwhile: gone all the same
      } else if (state.readyToRetire(worker) || retirements.overdue(worker, now)) {
        retirements.gone(worker);
        workerGone(worker, comm, SchedulerEvent.RemovalReason.RETIRED);
      }
    }
    if (!retirements.isEmpty() && retirements.replanDue(now)) {
      // Copies asked of workers that left since, or results that had nowhere to go: ask again.
      handle(new SchedulerEvent.RetireWorkers(retirements.retiring(), stimulus("retire-workers")));
    }
  }

  /** The cluster as it is now; loop thread only. */
  private Messages.ClusterIdentity identity() {
    List<Messages.WorkerInfo> infos = new ArrayList<>();
    for (Messages.RegisterWorker reg : registrations.values()) {
      infos.add(new Messages.WorkerInfo(reg.address(), reg.name(), reg.nthreads(), reg.memoryLimit()));
    }
    return new Messages.ClusterIdentity(address(), infos);
  }

  /** The cluster as it is now, from any thread. */
  public Messages.ClusterIdentity identitySnapshot() {
    return onLoop(this::identity);
  }

  /** What happened to a task, from any thread. */
  public List<StoryEntry> story(Key key) {
    return onLoop(() -> state.story(key));
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> query) {
    try {
      return loop.submit(query).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new JaskException("the scheduler at " + address() + " did not answer: " + e, e);
    }
  }

  // ---- the state machine ----

  private void handle(SchedulerEvent event) {
    if (log.isTraceEnabled()) {
      log.trace("event {}", describe(event) + " " + event.stimulusId());
    }
    List<SchedulerMessage> messages;
    try {
      messages = state.handle(event);
    } catch (RuntimeException bug) {
      log.error("Scheduler state machine failed on {}", event, bug);
      return;
    }
    for (SchedulerMessage m : messages) {
      send(m);
    }
  }

  private void send(SchedulerMessage message) {
    Comm comm;
    if (message instanceof SchedulerMessage.ToWorker w) {
      comm = workers.get(w.worker());
    } else if (message instanceof SchedulerMessage.ToClient c) {
      if (c.client().equals(FIRE_AND_FORGET)) {
        // The key ended (in memory, erred, cancelled or lost): nobody waits for it any more.
        Key key = keyOf(c);
        post(() -> handle(new SchedulerEvent.KeysReleased(FIRE_AND_FORGET, List.of(key), stimulus("fire-and-forget-done"))));
        return;
      }
      comm = clients.get(c.client());
    } else {
      throw new IllegalStateException("no route for scheduler message " + message);
    }
    if (comm == null) {
      log.debug("Dropping {}: its recipient is gone", describe(message));
      return;
    }
    CompletableFuture<Void> sent = comm.send(message);
    sent.whenComplete((ok, error) -> {
      if (error != null && !comm.isClosed()) {
        log.warn("Could not send {} to {}: {}", describe(message), comm.peerAddress(), error.toString());
        comm.close(); // the close handler removes the peer, and the state machine recovers
      }
    });
  }

  private static Key keyOf(SchedulerMessage.ToClient message) {
    if (message instanceof SchedulerMessage.KeyInMemory m) {
      return m.key();
    }
    if (message instanceof SchedulerMessage.KeyErred m) {
      return m.key();
    }
    if (message instanceof SchedulerMessage.KeyCancelled m) {
      return m.key();
    }
    if (message instanceof SchedulerMessage.KeyLost m) {
      return m.key();
    }
    throw new IllegalStateException("no key in client message " + message);
  }

  private static String describe(Object message) {
    return message == null ? "null" : message.getClass().getSimpleName();
  }

  /** Stops listening, closes every connection and the loop. Workers notice and shut down. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    listener.close();
    try {
      loop.submit(() -> {
        retirements.abandon();
        workers.values().forEach(Comm::close);
        clients.values().forEach(Comm::close);
      }).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Closing the scheduler's connections failed", e);
    }
    loop.shutdownNow();
  }

  @Override
  public String toString() {
    return "SchedulerServer[" + address() + "]";
  }

  static String requireAddress(String address) {
    return Objects.requireNonNull(address, "address");
  }
}
