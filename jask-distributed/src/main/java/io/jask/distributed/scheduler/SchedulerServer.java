package io.jask.distributed.scheduler;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommLoop;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Listener;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Batches;
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
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The scheduler process's I/O shell around {@link SchedulerState}: it listens for workers and
 * clients, turns what they send into events, and sends the messages the state machine returns.
 *
 * <pre>
 *  loop thread: read ──receive()──▶ post ──handle(event)──▶ SchedulerState
 *                                     │                          │
 *                                     ◀── List&lt;SchedulerMessage&gt; ─┘
 *                                     └──send()──▶ worker / client comms: written at once
 * </pre>
 *
 * <p>One thread, the loop ({@code jask-scheduler}, a {@link CommLoop}), owns the state machine and
 * every map here, and also reads and writes every connection the scheduler accepts: a message is
 * decoded, handled, and answered on that one thread, without a hand-off to another. Nothing run on
 * it may block. A worker silent for longer than the heartbeat timeout, or whose connection closes,
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
  private final CommLoop loop;
  private final Listener listener;
  private final Duration heartbeatTimeout;
  private final AtomicLong stimuli = new AtomicLong();
  /** Worker address → its stream comm; loop thread only. */
  private final Map<String, Comm> workers = new LinkedHashMap<>();
  /** Worker address → its registration; loop thread only. */
  private final Map<String, Messages.RegisterWorker> registrations = new HashMap<>();
  /**
   * Worker address → nanoTime its last message arrived. Written as each message is read, before
   * its work is queued (so a backlog of queued work never makes a worker look silent).
   */
  private final Map<String, Long> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
  /** Client id → its stream comm; loop thread only. */
  private final Map<String, Comm> clients = new HashMap<>();
  /** What the state machine sends, one frame per peer for each burst of events. */
  private final Batches batches = new Batches(this::sendFailed);
  /** Observers; added on the loop thread, called on it. */
  private final List<SchedulerPlugin> plugins = new CopyOnWriteArrayList<>();
  /** Services beside the wire protocol, by name ("dashboard" → its link); for identity replies. */
  private final Map<String, String> services = new ConcurrentHashMap<>();
  /** The event being handled, and when it arrived (epoch micros); loop thread only, for plugins. */
  private SchedulerEvent handling;
  private long handlingMicros;
  /** Restarts and retirements not yet complete; loop thread only. */
  private final java.util.Set<CompletableFuture<Void>> awaiting = new java.util.HashSet<>();
  private volatile boolean closed;

  private SchedulerServer(String address, CommOptions options, SchedulerConfig config, Duration heartbeatTimeout) {
    this.state = new SchedulerState(config);
    this.heartbeatTimeout = heartbeatTimeout;
    this.loop = CommLoop.start("jask-scheduler", address);
    // Before the first connection is accepted, so that no submission under it comes first.
    post(() -> handle(new SchedulerEvent.ClientConnected(FIRE_AND_FORGET, stimulus("client-connected"))));
    try {
      this.listener = Transports.listen(address, options, this::accepted, loop);
    } catch (RuntimeException e) {
      loop.close(); // its thread already runs the post above; an address in use must not leak it
      throw e;
    }
    long checkMillis = Math.max(50, heartbeatTimeout.toMillis() / 4);
    loop.scheduleWithFixedDelay(batches.tick(this::checkHeartbeats), checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    if (config.workStealing()) {
      loop.scheduleWithFixedDelay(batches.tick(() -> handle(new SchedulerEvent.StealTick(stimulus("steal")))),
          100, 100, TimeUnit.MILLISECONDS);
    }
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

  /**
   * Adds an observer: from now on it hears of every submission, transition, worker and heartbeat,
   * on the loop thread (see {@link SchedulerPlugin} for what that asks of it). Returns once it is
   * added.
   */
  public void addPlugin(SchedulerPlugin plugin) {
    Objects.requireNonNull(plugin, "plugin");
    onLoop(() -> {
      plugins.add(plugin);
      state.transitionListener(this::transitioned);
      return null;
    });
  }

  /**
   * Announces a service beside the wire protocol, such as {@code "dashboard"} with its link;
   * clients see it in the cluster's identity.
   */
  public void registerService(String name, String link) {
    services.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(link, "link"));
  }

  /** The services announced with {@link #registerService}, by name. */
  public Map<String, String> services() {
    return Map.copyOf(services);
  }

  /**
   * Runs {@code work} on the loop thread, after what is queued there; after close, work that
   * arrives late is dropped. From the loop itself (a message just read) this only queues it, so
   * that everything read in one pass is handled before the batches leave.
   */
  private void post(Runnable work) {
    if (closed) {
      return;
    }
    try {
      loop.execute(batches.track(work));
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
    announce(Level.WARN, "Refusing connection from " + comm.peerAddress() + ": " + reason);
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
    announce(Level.INFO, "Worker " + worker + " joined (" + reg.nthreads() + " threads)");
    for (SchedulerPlugin plugin : plugins) {
      tell(plugin, () -> plugin.workerAdded(reg));
    }
    handle(new SchedulerEvent.WorkerAdded(worker, reg.nthreads(), reg.memoryLimit(), reg.resources(), stimulus("add-worker")));
    comm.closeFuture().thenRun(() -> post(() -> workerGone(worker, comm, SchedulerEvent.RemovalReason.LOST)));
    receiveFromWorker(worker, comm);
  }

  private void receiveFromWorker(String worker, Comm comm) {
    ReceiveLoop.start(comm, message -> {
      long now = System.nanoTime();
      lastSeen.computeIfPresent(worker, (w, before) -> now); // never brings a removed worker back
      post(() -> {
        if (workers.get(worker) == comm) { // else removed already: what it still sends is stale
          Batches.forEach(message, m -> fromWorker(worker, m));
        }
      });
    });
  }

  private void fromWorker(String worker, Object message) {
    if (message instanceof Messages.Heartbeat heartbeat) {
      for (SchedulerPlugin plugin : plugins) {
        tell(plugin, () -> plugin.heartbeat(worker, heartbeat));
      }
      handle(new SchedulerEvent.WorkerMemory(worker, heartbeat.managedBytes(), heartbeat.unmanagedBytes(),
          heartbeat.spilledBytes(), stimulus("heartbeat")));
      return;
    }
    if (message instanceof Messages.Goodbye goodbye) {
      log.info("Worker {} says goodbye: {}", worker, goodbye.reason());
      workerGone(worker, workers.get(worker), SchedulerEvent.RemovalReason.RETIRED);
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
    if (comm == null || workers.get(worker) != comm) {
      return; // already removed
    }
    workers.remove(worker);
    registrations.remove(worker);
    lastSeen.remove(worker);
    comm.close();
    announce(Level.INFO, "Worker " + worker + " left (" + reason + ")");
    handle(new SchedulerEvent.WorkerRemoved(worker, reason, stimulus("remove-worker")));
    for (SchedulerPlugin plugin : plugins) {
      tell(plugin, () -> plugin.workerRemoved(worker, reason));
    }
  }

  private void checkHeartbeats() {
    long now = System.nanoTime();
    for (Map.Entry<String, Long> e : new ArrayList<>(lastSeen.entrySet())) {
      if (now - e.getValue() > heartbeatTimeout.toNanos()) {
        announce(Level.WARN, "Worker " + e.getKey() + " sent nothing for " + heartbeatTimeout.toMillis()
            + " ms: taking it for dead");
        Comm comm = workers.get(e.getKey());
        if (comm == null) {
          lastSeen.remove(e.getKey());
          continue;
        }
        // If it is alive after all (stalled), it restarts under its nanny rather than linger unused.
        comm.send(new SchedulerMessage.CloseWorker(e.getKey(), true,
            "it sent nothing for " + heartbeatTimeout.toMillis() + " ms and was taken for dead", stimulus("heartbeat-timeout")));
        workerGone(e.getKey(), comm, SchedulerEvent.RemovalReason.LOST);
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
    ReceiveLoop.start(comm, message -> post(() -> Batches.forEach(message, m -> fromClient(client, m))));
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
      Object answer = answer(request);
      if (answer instanceof CompletableFuture<?> later) {
        later.whenComplete((reply, error) -> comm.send(error == null ? reply : new Messages.Failed(error.getMessage())));
      } else {
        comm.send(answer);
      }
    }));
  }

  private Object answer(Object request) {
    if (request instanceof Messages.RestartRequest r) {
      return restartOnLoop(Duration.ofMillis(r.timeoutMillis()))
          .handle((ok, error) -> error == null ? new Messages.Ack() : new Messages.Failed(rootMessage(error)));
    }
    if (request instanceof Messages.RetireWorkersRequest r) {
      return retireOnLoop(r.workers(), Duration.ofMillis(r.timeoutMillis()))
          .handle((ok, error) -> error == null ? new Messages.Ack() : new Messages.Failed(rootMessage(error)));
    }
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
    if (request instanceof ScalingMessages.RetirementCandidatesRequest r) {
      return new ScalingMessages.RetirementCandidates(retirementCandidatesOnLoop(r.workers(), r.count()));
    }
    return new Messages.Failed("the scheduler does not answer " + describe(request));
  }

  // ---- restart and retirement ----

  /**
   * Restarts every worker through its nanny and forgets every task ({@code client.restart()}).
   * Completes once as many workers as before have registered again, none of them an old one.
   *
   * @throws java.util.concurrent.CompletionException (through the future) if they did not within
   *     {@code timeout}
   */
  public CompletableFuture<Void> restart(Duration timeout) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    post(() -> restartOnLoop(timeout).whenComplete((ok, e) -> {
      if (e == null) {
        done.complete(null);
      } else {
        done.completeExceptionally(e);
      }
    }));
    return done;
  }

  private CompletableFuture<Void> restartOnLoop(Duration timeout) {
    List<String> old = new ArrayList<>(workers.keySet());
    log.info("Restarting the cluster: {} workers", old.size());
    handle(new SchedulerEvent.Restart(stimulus("restart")));
    return awaitOnLoop(timeout, () -> old.stream().noneMatch(workers::containsKey) && workers.size() >= old.size(),
        () -> "the cluster did not come back within " + timeout.toMillis() + " ms after a restart: " + workers.size()
            + " of " + old.size() + " workers registered" + (old.stream().anyMatch(workers::containsKey)
            ? ", and old ones had not left" : ""));
  }

  /**
   * Retires these workers gracefully: the results only they hold are copied to other workers
   * first, then they close (and their nannies do not restart them). Completes once they have left.
   * Unknown addresses are ignored.
   *
   * @throws java.util.concurrent.CompletionException (through the future) if they had not left
   *     within {@code timeout}
   */
  public CompletableFuture<Void> retireWorkers(List<String> addresses, Duration timeout) {
    List<String> copy = List.copyOf(addresses);
    CompletableFuture<Void> done = new CompletableFuture<>();
    post(() -> retireOnLoop(copy, timeout).whenComplete((ok, e) -> {
      if (e == null) {
        done.complete(null);
      } else {
        done.completeExceptionally(e);
      }
    }));
    return done;
  }

  private CompletableFuture<Void> retireOnLoop(List<String> addresses, Duration timeout) {
    handle(new SchedulerEvent.RetireWorkers(addresses, stimulus("retire-workers")));
    return awaitOnLoop(timeout, () -> addresses.stream().noneMatch(workers::containsKey),
        () -> "workers " + addresses.stream().filter(workers::containsKey).toList() + " did not retire within "
            + timeout.toMillis() + " ms");
  }

  /** Completes when {@code condition}, checked on the loop every 20 ms, holds; fails after the timeout. */
  private CompletableFuture<Void> awaitOnLoop(Duration timeout, java.util.function.BooleanSupplier condition,
      java.util.function.Supplier<String> failure) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    awaiting.add(done);
    done.whenComplete((ok, e) -> awaiting.remove(done));
    long deadline = System.nanoTime() + timeout.toNanos();
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        done.complete(null);
      } else if (closed) {
        done.completeExceptionally(new JaskException("the scheduler closed"));
      } else if (System.nanoTime() > deadline) {
        done.completeExceptionally(new JaskException(failure.get()));
      } else {
        try {
          loop.schedule(check[0], 20, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          done.completeExceptionally(new JaskException("the scheduler closed"));
        }
      }
    };
    check[0].run();
    return done;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
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
   * Which workers to retire, from any thread: the named ones that are registered, or when {@code
   * workers} is empty, {@code count} workers picked by the scheduler, idle ones holding the least
   * data first. Retires nothing: {@link #retireWorkers} does.
   */
  public List<Messages.WorkerInfo> retirementCandidates(List<String> workers, int count) {
    List<String> copy = List.copyOf(workers);
    return onLoop(() -> retirementCandidatesOnLoop(copy, count));
  }

  private List<Messages.WorkerInfo> retirementCandidatesOnLoop(List<String> named, int count) {
    List<String> chosen = named.isEmpty() ? state.workersToRetire(count) : named;
    List<Messages.WorkerInfo> infos = new ArrayList<>();
    for (String worker : chosen) {
      Messages.RegisterWorker reg = registrations.get(worker);
      if (reg != null) {
        infos.add(new Messages.WorkerInfo(reg.address(), reg.name(), reg.nthreads(), reg.memoryLimit()));
      }
    }
    return infos;
  }

  /** The cluster as it is now; loop thread only. */
  private Messages.ClusterIdentity identity() {
    List<Messages.WorkerInfo> infos = new ArrayList<>();
    for (Messages.RegisterWorker reg : registrations.values()) {
      SchedulerState.WorkerMemoryReport memory = state.workerMemory(reg.address())
          .orElse(new SchedulerState.WorkerMemoryReport(WorkerStatus.RUNNING, 0, 0, 0));
      infos.add(new Messages.WorkerInfo(reg.address(), reg.name(), reg.nthreads(), reg.memoryLimit(),
          memory.status().name(), memory.managedBytes(), memory.unmanagedBytes(), memory.spilledBytes()));
    }
    return new Messages.ClusterIdentity(address(), infos, services);
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
      if (loop.inLoop()) {
        return query.call(); // a plugin asking from the loop: waiting for the loop would deadlock
      }
      FutureTask<T> task = new FutureTask<>(query);
      loop.execute(task);
      return task.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new JaskException("the scheduler at " + address() + " did not answer: " + e, e);
    }
  }

  // ---- the state machine ----

  private void handle(SchedulerEvent event) {
    if (log.isTraceEnabled()) {
      log.trace("event {}", describe(event) + " " + event.stimulusId());
    }
    if (!plugins.isEmpty()) {
      handling = event;
      handlingMicros = epochMicros();
      if (event instanceof SchedulerEvent.GraphSubmitted graph) {
        for (SchedulerPlugin plugin : plugins) {
          tell(plugin, () -> plugin.graphSubmitted(graph));
        }
      }
    }
    List<SchedulerMessage> messages;
    try {
      messages = state.handle(event);
    } catch (RuntimeException bug) {
      log.error("Scheduler state machine failed on {}", event, bug);
      announce(Level.ERROR, "Scheduler state machine failed on " + describe(event) + ": " + bug);
      return;
    } finally {
      handling = null;
    }
    for (SchedulerMessage m : messages) {
      send(m);
    }
  }

  /** The state machine's listener: tells every plugin, with the worker's timing when it has one. */
  private void transitioned(Key key, TaskStatus from, TaskStatus to, String worker) {
    SchedulerEvent.TaskRun run = null;
    if (handling instanceof SchedulerEvent.TaskFinished f && f.key().equals(key)) {
      run = f.run();
    } else if (handling instanceof SchedulerEvent.TaskErred f && f.key().equals(key)) {
      run = f.run();
    }
    String stimulusId = handling == null ? "" : handling.stimulusId();
    TaskTransition transition = new TaskTransition(key, from, to, worker, handlingMicros, run, stimulusId);
    for (SchedulerPlugin plugin : plugins) {
      try { // not through tell(): this runs for every transition, and needs no lambda
        plugin.transition(transition);
      } catch (RuntimeException e) {
        log.warn("Scheduler plugin {} failed: {}", plugin.getClass().getName(), e.toString());
      }
    }
  }

  /** Logs a line of the scheduler's own story, and tells the plugins. */
  private void announce(Level level, String message) {
    log.atLevel(level).log(message);
    for (SchedulerPlugin plugin : plugins) {
      tell(plugin, () -> plugin.log(level, message));
    }
  }

  /** Calls a plugin; one that throws is logged and the scheduler carries on. */
  private static void tell(SchedulerPlugin plugin, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("Scheduler plugin {} failed: {}", plugin.getClass().getName(), e.toString());
    }
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
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
    batches.send(comm, message);
  }

  private void sendFailed(Comm comm, Throwable error) {
    log.warn("Could not send to {}: {}", comm.peerAddress(), error.toString());
    comm.close(); // the close handler removes the peer, and the state machine recovers
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
    Runnable closing = () -> {
      // Restarts and retirements still waiting are answered rather than left hanging.
      for (CompletableFuture<Void> waiting : List.copyOf(awaiting)) {
        waiting.completeExceptionally(new JaskException("the scheduler at " + address() + " closed"));
      }
      workers.values().forEach(Comm::close);
      clients.values().forEach(Comm::close);
    };
    if (loop.inLoop()) {
      closing.run();
    } else {
      try {
        FutureTask<Void> task = new FutureTask<>(closing, null);
        loop.execute(task);
        task.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Closing the scheduler's connections failed", e);
      }
    }
    loop.close(); // also closes connections accepted but not yet registered
    for (SchedulerPlugin plugin : plugins) {
      tell(plugin, plugin::close);
    }
  }

  @Override
  public String toString() {
    return "SchedulerServer[" + address() + "]";
  }

  static String requireAddress(String address) {
    return Objects.requireNonNull(address, "address");
  }
}
