package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.util.SizeOf;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommLoop;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Envelope;
import io.jask.distributed.comm.Listener;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Batches;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.TaskDefinitions;
import io.jask.distributed.protocol.Payloads;
import io.jask.distributed.protocol.ReceiveLoop;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.FreeKeys;
import io.jask.distributed.scheduler.SchedulerMessage.StealRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's I/O shell around {@link WorkerState}: it registers with the scheduler,
 * runs tasks on a pool of {@code nthreads} threads, keeps their results, fetches missing inputs
 * directly from peer workers, and serves its own results to peers and clients.
 *
 * <pre>
 *  scheduler ──ComputeTask/FreeKeys/StealRequest──▶ loop thread ──handle()──▶ WorkerState
 *  task threads ──ExecuteSuccess/Failure/Skipped──▶     │
 *  peer fetches ──GatherDep*───────────────────────▶     └─ Execute → task pool (TaskRuns)
 *                                                        └─ GatherDep → peer's data listener
 *  peers, clients ──GetData──▶ data listener ──values from the store──▶
 * </pre>
 *
 * <p>The loop thread (a {@link CommLoop}) owns the state machine and the run ids, and also reads
 * and writes the scheduler's connection: what the scheduler sends is decoded and handled there, and
 * what the state machine answers is written there, without a hand-off. Nothing run on it may block;
 * tasks run on their own threads. The data store is a concurrent map
 * because the data listener reads it from transport threads. A value is stored before the event
 * that reports it is handled, and removed when the state machine says {@link
 * WorkerInstruction.DropData}. When the scheduler's connection closes, the worker closes itself.
 */
public final class WorkerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerServer.class);
  private static final AtomicInteger WORKERS = new AtomicInteger();
  /** Transfers one heartbeat reports at most; more are counted in none, only dropped. */
  private static final int MAX_TRANSFERS_PER_HEARTBEAT = 256;
  /** The exit status of a worker process that the scheduler asked to restart: its nanny starts a new one. */
  public static final int EXIT_RESTART = 75;
  /** How often the memory monitor measures. */
  private static final long MONITOR_MILLIS = 100;
  /** The least time between two collections the memory monitor asks for. */
  private static final long COLLECTION_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final String name;
  private final int nthreads;
  private final long memoryLimit;
  private final CommOptions options;
  private final WorkerState state;
  private final CommLoop loop;
  private final ThreadPoolExecutor pool;
  /** The pool's queue: task runs wait at its tail, fetches go to its head (see {@link #runAhead}). */
  private final LinkedBlockingDeque<Runnable> poolQueue = new LinkedBlockingDeque<>();
  /** The task runs handed to {@link #pool}; each starts at most once, and not while paused. */
  private final TaskRuns runs;
  private final Listener dataListener;
  private final Comm scheduler;
  /** Results, in memory or spilled to the local directory. */
  private final DataStore store;
  private final MemoryThresholds thresholds;
  private final PauseGate pauseGate;
  /** nanoTime of the last collection the memory monitor asked for; loop thread only. */
  private long lastCollection = System.nanoTime() - TimeUnit.SECONDS.toNanos(10);
  /** The process's exit status once closed: {@link #EXIT_RESTART} when asked to restart. */
  private volatile int exitStatus;
  /** Key → the run id of the scheduler's latest ComputeTask for it; loop thread only. */
  private final Map<Key, Long> runIds = new HashMap<>();
  /** Peer address → the comm used to fetch from it (one transfer per peer at a time). */
  private final Map<String, Comm> peers = new ConcurrentHashMap<>();
  private final AtomicLong stimuli = new AtomicLong();
  /** What the state machine tells the scheduler, one frame per burst of events. */
  private final Batches batches = new Batches(this::sendFailed);
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  /** What the task threads know of this worker; set once the data listener is bound. */
  private final WorkerContext context;
  /** The index of the task thread running on this thread; -1 elsewhere. */
  private final ThreadLocal<Integer> taskThread = ThreadLocal.withInitial(() -> -1);
  /** The run of the task whose success or failure the loop is handling now; loop thread only. */
  private SchedulerEvent.TaskRun reporting;
  /** Fetches from peers since the last heartbeat, at most {@link #MAX_TRANSFERS_PER_HEARTBEAT}. */
  private final ConcurrentLinkedQueue<Messages.Transfer> transfers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger transferCount = new AtomicInteger();
  private final ProcessCpu cpu = new ProcessCpu();
  private volatile boolean closed;
  /** Sends heartbeats on a thread of its own, so that a busy loop never makes the worker look dead. */
  private final ScheduledThreadPoolExecutor heartbeats;
  /** What the state machine holds, as of the last event handled; read by the heartbeat thread. */
  /** Whether this worker has its JVM to itself, so that the process's memory is its own. */
  private final boolean ownsProcess;
  private volatile int readyCount;
  private volatile int inMemoryCount;

  private WorkerServer(Options o) {
    this.name = o.name != null ? o.name : "worker-" + WORKERS.incrementAndGet();
    this.nthreads = o.nthreads;
    this.memoryLimit = o.memoryLimit;
    this.options = o.options;
    this.thresholds = o.thresholds;
    this.ownsProcess = o.ownsProcess;
    // Results live on the heap: never let them take more of it than the target share, whatever
    // the limit says (a worker JVM's heap is smaller than its limit, see WorkerJvmCommand).
    long heapTarget = thresholds.target() == 0 ? Long.MAX_VALUE
        : (long) (thresholds.target() * Runtime.getRuntime().maxMemory());
    this.store = new DataStore(o.localDirectory, Math.min(thresholds.targetBytes(memoryLimit), heapTarget));
    this.pauseGate = new PauseGate(thresholds.pauseBytes(memoryLimit));
    try {
      this.loop = CommLoop.start("jask-" + name + "-loop", o.schedulerAddress);
    } catch (IllegalArgumentException e) {
      throw new JaskException("worker " + name + " could not register with the scheduler at "
          + o.schedulerAddress + ": " + e.getMessage(), e);
    }
    this.heartbeats = new ScheduledThreadPoolExecutor(1, daemon("jask-" + name + "-heartbeat"));
    AtomicInteger threadIds = new AtomicInteger();
    // Task threads start on first use, after the constructor has set the context they bind.
    this.pool = new ThreadPoolExecutor(nthreads, nthreads, 0L, TimeUnit.MILLISECONDS, poolQueue,
        r -> {
          int index = threadIds.getAndIncrement();
          return daemon("jask-" + name + "-task-" + index).newThread(() -> runAsTaskThread(index, r));
        });
    try {
      this.dataListener = Transports.listen(o.listenAddress, options, this::servePeer);
    } catch (RuntimeException e) {
      loop.close();
      throw e;
    }
    this.context = new WorkerContext(dataListener.address(), name, o.schedulerAddress, options, closedFuture);
    // As many tasks again as there are threads wait on the pool, so that a thread that ends a task
    // starts the next at once instead of waiting for the loop thread to hand it one.
    this.state = new WorkerState(dataListener.address(), WorkerConfig.of(nthreads).withLookahead(nthreads));
    this.runs = new TaskRuns(pool);
    try {
      this.scheduler = Transports.connect(o.schedulerAddress, options, loop);
      scheduler.send(new Messages.RegisterWorker(address(), name, nthreads, memoryLimit, Map.of()));
      Object answer = scheduler.receive().get(30, TimeUnit.SECONDS);
      if (!(answer instanceof Messages.Welcome)) {
        throw new JaskException("the scheduler at " + o.schedulerAddress + " refused worker " + name + ": "
            + (answer instanceof Messages.Refused r ? r.reason() : String.valueOf(answer)));
      }
    } catch (Exception e) {
      dataListener.close();
      store.close();
      heartbeats.shutdownNow();
      loop.close();
      pool.shutdownNow();
      throw e instanceof JaskException je ? je
          : new JaskException("worker " + name + " could not register with the scheduler at "
              + o.schedulerAddress + ": " + e, e);
    }
    // Periodic work is scheduled before closing on the scheduler's departure is armed: a scheduler
    // that leaves at once must find the executors running, not have them shut under this start.
    heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, o.heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
    loop.scheduleWithFixedDelay(batches.tick(() -> handle(new WorkerEvent.FindMissing(stimulus("find-missing")))),
        1, 1, TimeUnit.SECONDS);
    if (thresholds.pauseBytes(memoryLimit) != Long.MAX_VALUE) {
      loop.scheduleWithFixedDelay(batches.tick(this::monitorMemory), MONITOR_MILLIS, MONITOR_MILLIS, TimeUnit.MILLISECONDS);
    }
    scheduler.closeFuture().thenRun(() -> {
      if (!closed) {
        log.info("Worker {}: the scheduler went away; closing", name);
        close();
      }
    });
    receiveFromScheduler();
    SameJvmWorkers.add(this);
    log.info("Worker {} at {} with {} threads, registered with {}", name, address(), nthreads, o.schedulerAddress);
  }

  /** The body of a task thread: it knows which worker it belongs to. */
  private void runAsTaskThread(int index, Runnable work) {
    taskThread.set(index);
    WorkerContext.bind(context);
    work.run();
  }

  private static java.util.concurrent.ThreadFactory daemon(String threadName) {
    return r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts a worker and registers it with the scheduler. */
  public static WorkerServer start(Options options) {
    return new WorkerServer(options);
  }

  /** Options for {@link #start}. */
  public static Options options(String schedulerAddress, CommOptions commOptions) {
    return new Options(schedulerAddress, commOptions);
  }

  /** This worker's address: where peers and clients fetch its results. */
  public String address() {
    return dataListener.address();
  }

  /** This worker's name. */
  public String name() {
    return name;
  }

  /** Completes when this worker has closed, whatever the reason. */
  public CompletableFuture<Void> closed() {
    return closedFuture;
  }

  /** Runs {@code work} on the loop thread; after close, work that arrives late is dropped. */
  private void post(Runnable work) {
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

  // ---- the scheduler's stream ----

  private void receiveFromScheduler() {
    ReceiveLoop.start(scheduler, message -> post(() -> Batches.forEach(message, this::fromScheduler)));
  }

  private void fromScheduler(Object message) {
    if (message instanceof ComputeTask c) {
      runIds.put(c.key(), c.runId());
      Map<Key, DependencyInfo> deps = new LinkedHashMap<>();
      for (Map.Entry<Key, List<String>> e : c.whoHas().entrySet()) {
        Set<String> holders = new HashSet<>(e.getValue());
        holders.remove(address());
        deps.put(e.getKey(), new DependencyInfo(holders, c.nbytes().getOrDefault(e.getKey(), 0L)));
      }
      Priority priority = Priority.of(-c.priority().user(), c.priority().generation(), c.priority().order());
      handle(new WorkerEvent.ComputeTask(c.stimulusId(), c.key(), c.runSpec(), priority, deps, c.resources()));
    } else if (message instanceof FreeKeys f) {
      handle(new WorkerEvent.FreeKeys(f.stimulusId(), new HashSet<>(f.keys())));
    } else if (message instanceof StealRequest s) {
      runIds.put(s.key(), s.runId());
      handle(new WorkerEvent.StealRequest(s.stimulusId(), s.key()));
    } else if (message instanceof io.jask.distributed.scheduler.SchedulerMessage.AcquireReplicas a) {
      Map<Key, DependencyInfo> replicas = new LinkedHashMap<>();
      a.whoHas().forEach((key, holders) -> {
        Set<String> others = new HashSet<>(holders);
        others.remove(address());
        replicas.put(key, new DependencyInfo(others, a.nbytes().getOrDefault(key, 0L)));
      });
      handle(new WorkerEvent.AcquireReplicas(a.stimulusId(), replicas));
    } else if (message instanceof io.jask.distributed.scheduler.SchedulerMessage.CloseWorker c) {
      log.info("Worker {}: the scheduler asks it to {}: {}", name, c.restart() ? "restart" : "close", c.reason());
      closeWithStatus(c.restart() ? EXIT_RESTART : 0, c.reason());
    } else {
      log.warn("Worker {}: ignoring unexpected {} from the scheduler", name, message);
    }
  }

  // ---- the state machine ----

  private void handle(WorkerEvent event) {
    List<WorkerInstruction> instructions;
    try {
      instructions = state.handle(event);
    } catch (RuntimeException bug) {
      log.error("Worker {}: state machine failed on {}", name, event, bug);
      return;
    }
    // The task pool follows the state machine's pause: runs waiting for a thread stay waiting.
    runs.pause(!state.isRunning());
    readyCount = state.readyCount();
    inMemoryCount = state.memoryCount();
    for (WorkerInstruction instruction : instructions) {
      carryOut(instruction);
    }
  }

  private void carryOut(WorkerInstruction instruction) {
    if (instruction instanceof WorkerInstruction.Execute e) {
      execute(e);
    } else if (instruction instanceof WorkerInstruction.CancelExecute c) {
      runs.cancel(c.key());
    } else if (instruction instanceof WorkerInstruction.GatherDep g) {
      gather(g);
    } else if (instruction instanceof WorkerInstruction.DropData d) {
      store.remove(d.key());
    } else if (instruction instanceof WorkerInstruction.RetryBusyPeerLater r) {
      loop.schedule(batches.tick(() -> handle(new WorkerEvent.RetryBusyPeer(stimulus("retry-peer"), r.peer()))),
          100, TimeUnit.MILLISECONDS);
    } else if (instruction instanceof io.jask.distributed.worker.SchedulerMessage m) {
      toScheduler(m);
    } else {
      throw new IllegalStateException("worker " + name + " cannot carry out " + instruction);
    }
  }

  private void toScheduler(io.jask.distributed.worker.SchedulerMessage message) {
    String self = address();
    SchedulerEvent event = null;
    if (message instanceof io.jask.distributed.worker.SchedulerMessage.TaskFinished f) {
      Long runId = runIds.remove(f.key());
      if (runId != null) {
        event = new SchedulerEvent.TaskFinished(self, f.key(), runId, f.nbytes(), f.typeName(),
            Duration.ofNanos((long) (Math.max(0, f.duration()) * 1e9)), reporting, f.stimulusId());
      }
    } else if (message instanceof io.jask.distributed.worker.SchedulerMessage.TaskErred e) {
      Long runId = runIds.remove(e.key());
      if (runId != null) {
        event = new SchedulerEvent.TaskErred(self, e.key(), runId, e.error(), reporting, e.stimulusId());
      }
    } else if (message instanceof io.jask.distributed.worker.SchedulerMessage.StealResponse s) {
      Long runId = s.released() ? runIds.remove(s.key()) : runIds.get(s.key());
      if (runId != null) {
        event = new SchedulerEvent.StealResponse(self, s.key(), runId, s.released(), s.stimulusId());
      }
    } else if (message instanceof io.jask.distributed.worker.SchedulerMessage.ReleaseWorkerData r) {
      event = new SchedulerEvent.DataMissing(self, r.key(), r.stimulusId());
    } else if (message instanceof io.jask.distributed.worker.SchedulerMessage.MissingData m) {
      refreshWhoHas(m.key());
    } else if (message instanceof io.jask.distributed.worker.SchedulerMessage.AddKeys a) {
      event = new SchedulerEvent.ReplicaAdded(self, a.key(), a.stimulusId());
    }
    if (event != null) {
      batches.send(scheduler, event);
    }
  }

  /** No known peer has {@code key}: ask the scheduler who does now. */
  private void refreshWhoHas(Key key) {
    CompletableFuture.supplyAsync(() -> {
      try (Comm rpc = Transports.connect(scheduler.peerAddress(), options)) {
        rpc.send(new Messages.Hello(Messages.Role.RPC, name));
        rpc.receive().get(30, TimeUnit.SECONDS);
        rpc.send(new Messages.WhoHasRequest(List.of(key)));
        return (Messages.WhoHasReply) rpc.receive().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new JaskException("asking the scheduler who has '" + key + "' failed: " + e, e);
      }
    }).whenComplete((reply, error) -> {
      if (reply != null) {
        Map<Key, Set<String>> whoHas = new HashMap<>();
        reply.whoHas().forEach((k, v) -> whoHas.put(k, new HashSet<>(v)));
        whoHas.values().forEach(holders -> holders.remove(address()));
        post(() -> handle(new WorkerEvent.RefreshWhoHas(stimulus("refresh-who-has"), whoHas)));
      }
    });
  }

  // ---- running tasks ----

  private void execute(WorkerInstruction.Execute e) {
    Object[] inputs = new Object[e.dependencies().size()];
    for (int i = 0; i < inputs.length; i++) {
      Key dependency = e.dependencies().get(i);
      Object value;
      try {
        value = store.get(dependency); // read back from disk if it was spilled
        if (value == DataStore.ABSENT) {
          throw new IllegalStateException("worker " + name + " was to run '" + e.key() + "' without its input '"
              + dependency + "' in its store");
        }
      } catch (RuntimeException inputFailed) {
        double now = System.nanoTime() / 1e9;
        post(() -> handle(new WorkerEvent.ExecuteFailure(e.stimulusId(), e.key(), ErrorInfo.of(inputFailed), now, now)));
        return;
      }
      inputs[i] = value;
    }
    runs.submit(e.key(), () -> {
      double start = System.nanoTime() / 1e9;
      long startMicros = epochMicros();
      try {
        Task task = TaskDefinitions.decode((byte[]) e.runSpec(), () -> "the definition of task '" + e.key() + "'");
        Object[] ordered = new Object[task.dependencyCount()];
        for (int i = 0; i < ordered.length; i++) {
          ordered[i] = inputs[e.dependencies().indexOf(task.dependency(i))];
        }
        Object result = task.run(ordered);
        long nbytes = SizeOf.estimate(result);
        store.put(e.key(), result, nbytes);
        double stop = System.nanoTime() / 1e9;
        SchedulerEvent.TaskRun run = new SchedulerEvent.TaskRun(startMicros, epochMicros(), Math.max(0, taskThread.get()));
        String type = result == null ? "null" : result.getClass().getSimpleName();
        post(() -> report(run, new WorkerEvent.ExecuteSuccess(e.stimulusId(), e.key(), nbytes, type, start, stop)));
      } catch (Throwable error) {
        double stop = System.nanoTime() / 1e9;
        SchedulerEvent.TaskRun run = new SchedulerEvent.TaskRun(startMicros, epochMicros(), Math.max(0, taskThread.get()));
        post(() -> report(run, new WorkerEvent.ExecuteFailure(e.stimulusId(), e.key(), ErrorInfo.of(error), start, stop)));
      }
    }, () -> post(() -> handle(new WorkerEvent.ExecuteSkipped(e.stimulusId(), e.key()))));
  }

  /** Handles a task's end; the message it causes to the scheduler carries the run's timing. */
  private void report(SchedulerEvent.TaskRun run, WorkerEvent event) {
    reporting = run;
    try {
      handle(event);
    } finally {
      reporting = null;
    }
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  // ---- fetching from peers ----

  private void gather(WorkerInstruction.GatherDep g) {
    List<Key> keys = new ArrayList<>(g.keys());
    CompletableFuture.supplyAsync(() -> fetch(g.peer(), keys), this::runAhead)
        .whenComplete((reply, error) -> post(() -> {
          if (error != null) {
            Comm broken = peers.remove(g.peer());
            if (broken != null) {
              broken.close();
            }
            log.warn("Worker {}: fetching {} from {} failed: {}", name, keys, g.peer(), error.toString());
            handle(new WorkerEvent.GatherDepNetworkFailure(stimulus("gather-failed"), g.peer(), new HashSet<>(keys)));
            return;
          }
          for (Key missing : reply.missing) {
            batches.send(scheduler, new SchedulerEvent.DataMissing(g.peer(), missing, stimulus("peer-missing")));
          }
          handle(new WorkerEvent.GatherDepSuccess(stimulus("gathered"), g.peer(), reply.received));
        }));
  }

  /**
   * Runs a fetch on the pool ahead of the task runs waiting there for a thread, so that a transfer
   * never waits behind tasks handed over in advance.
   */
  private void runAhead(Runnable work) {
    if (pool.isShutdown()) {
      throw new java.util.concurrent.RejectedExecutionException("worker " + name + " is closed");
    }
    if (pool.getPoolSize() < nthreads) {
      pool.execute(work); // starts a thread for it, or queues it while threads are being started
    } else {
      poolQueue.offerFirst(work);
    }
  }

  private record Fetched(Map<Key, ValueInfo> received, List<Key> missing) {}

  /** Fetches values from a peer and stores them; runs on a pool thread. */
  private Fetched fetch(String peer, List<Key> keys) {
    try {
      long startMicros = epochMicros();
      Comm comm = peers.computeIfAbsent(peer, this::connectPeer);
      Map<Key, Object> values = DataClient.getData(comm, keys);
      long stopMicros = epochMicros();
      Map<Key, ValueInfo> received = new HashMap<>();
      for (Map.Entry<Key, Object> v : values.entrySet()) {
        Object value = v.getValue();
        long nbytes = SizeOf.estimate(value);
        store.put(v.getKey(), value, nbytes);
        received.put(v.getKey(), new ValueInfo(nbytes, value == null ? "null" : value.getClass().getSimpleName()));
      }
      List<Key> missing = new ArrayList<>(keys);
      missing.removeAll(values.keySet());
      long nbytes = 0;
      for (ValueInfo info : received.values()) {
        nbytes += info.nbytes();
      }
      if (transferCount.incrementAndGet() <= MAX_TRANSFERS_PER_HEARTBEAT) {
        transfers.add(new Messages.Transfer(peer, received.size(), nbytes, startMicros, stopMicros));
      } else {
        transferCount.decrementAndGet();
      }
      return new Fetched(received, missing);
    } catch (Exception e) {
      throw e instanceof JaskException je ? je : new JaskException("fetching from " + peer + " failed: " + e, e);
    }
  }

  private Comm connectPeer(String peer) {
    return DataClient.connect(peer, options, name);
  }

  // ---- serving peers and clients ----

  private void servePeer(Comm comm) {
    comm.receive().whenComplete((hello, error) -> {
      if (error != null) {
        comm.close();
      } else if (hello instanceof Messages.Hello h && h.role() == Messages.Role.RPC) {
        comm.send(new Messages.Welcome(address(), h.id()));
        serveRequests(comm);
      } else {
        comm.send(new Messages.Refused("expected a hello")).whenComplete((ok, e) -> comm.close());
      }
    });
  }

  private void serveRequests(Comm comm) {
    comm.receive().whenComplete((request, error) -> {
      if (error != null) {
        return;
      }
      CompletableFuture<Object> reply;
      try {
        reply = request instanceof Envelope e && e.header() instanceof Messages.PutData put
            ? putData(put, e.buffers(), comm.peerAddress())
            : CompletableFuture.completedFuture(answer(request));
      } catch (RuntimeException e) {
        reply = CompletableFuture.failedFuture(e);
      }
      // The next request is read only once this one is answered: one request at a time per comm.
      reply.whenComplete((answer, failure) -> {
        comm.send(failure == null ? answer
            : new Messages.Failed(failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        serveRequests(comm);
      });
    });
  }

  /**
   * Stores values a client scattered here and tells the state machine, on the loop thread. A key
   * the worker is already computing or fetching keeps its own value (see {@link
   * WorkerState#acceptsPutData}); the client has named this worker to the scheduler all the same,
   * and the scheduler keeps its own plan for such a key.
   */
  private CompletableFuture<Object> putData(Messages.PutData put, List<ByteBuffer> buffers, String from) {
    if (buffers.size() != put.keys().size()) {
      throw new JaskException("PutData from " + from + " carries " + buffers.size() + " values for "
          + put.keys().size() + " keys");
    }
    Map<Key, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < buffers.size(); i++) {
      ByteBuffer buffer = buffers.get(i);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      Key key = put.keys().get(i);
      values.put(key, Payloads.decode(bytes, "the value of '" + key + "' scattered by " + from));
    }
    CompletableFuture<Object> reply = new CompletableFuture<>();
    post(() -> {
      Map<Key, ValueInfo> accepted = new LinkedHashMap<>();
      values.forEach((key, value) -> {
        if (state.acceptsPutData(key)) {
          long nbytes = SizeOf.estimate(value);
          store.put(key, value, nbytes);
          accepted.put(key, new ValueInfo(nbytes, value == null ? "null" : value.getClass().getSimpleName()));
        }
      });
      if (!accepted.isEmpty()) {
        handle(new WorkerEvent.UpdateData(stimulus("put-data"), accepted));
      }
      reply.complete(new Messages.Ack());
    });
    if (closed) {
      reply.complete(new Messages.Failed("worker " + name + " is closing"));
    }
    return reply;
  }

  private Object answer(Object request) {
    if (request instanceof Messages.GetData get) {
      List<Key> found = new ArrayList<>();
      List<String> types = new ArrayList<>();
      List<Key> missing = new ArrayList<>();
      List<ByteBuffer> buffers = new ArrayList<>();
      for (Key key : get.keys()) {
        Object actual = store.get(key); // read back from disk if it was spilled
        if (actual == DataStore.ABSENT) {
          missing.add(key);
          continue;
        }
        found.add(key);
        types.add(actual == null ? "null" : actual.getClass().getSimpleName());
        buffers.add(ByteBuffer.wrap(Payloads.encode(actual)));
      }
      return new Envelope(new Messages.DataReply(found, types, missing), buffers);
    }
    return new Messages.Failed("a worker does not answer " + (request == null ? "null" : request.getClass().getSimpleName()));
  }

  /**
   * The values of {@code keys} this worker holds, as the objects it holds, read as {@link #answer}
   * reads them for a {@code GetData}; keys it does not hold are absent. Null once it is closing.
   * Safe on any thread, as the data listener's transport threads read the store: the store takes
   * its own lock, and a value is stored before the state machine reports it.
   */
  Map<Key, Object> heldValues(List<Key> keys) {
    if (closed) {
      return null;
    }
    Map<Key, Object> values = new LinkedHashMap<>();
    for (Key key : keys) {
      Object actual = store.get(key); // read back from disk if it was spilled
      if (actual != DataStore.ABSENT) {
        values.put(key, actual);
      }
    }
    return values;
  }

  /** Whether a caller presenting {@code token} may read this worker's results. */
  boolean acceptsToken(io.jask.distributed.comm.AuthToken token) {
    return options.token().sameSecret(token);
  }

  /** Whether this worker has begun to close. */
  boolean isClosed() {
    return closed;
  }

  private void sendFailed(Comm comm, Throwable error) {
    log.warn("Worker {}: could not send to the scheduler at {}: {}", name, comm.peerAddress(), error.toString());
    comm.close(); // the worker closes with its scheduler connection
  }

  // ---- heartbeats and closing ----

  private void heartbeat() {
    if (!scheduler.isClosed()) {
      List<Messages.Transfer> recent = new ArrayList<>();
      for (Messages.Transfer t; (t = transfers.poll()) != null; ) {
        transferCount.decrementAndGet();
        recent.add(t);
      }
      DataStore.Stats stats = store.stats();
      long unmanaged = ownsProcess ? Math.max(0, ProcessMemory.inUse() - stats.managedBytes()) : 0;
      // Executing: the tasks running on a thread now; the ones handed over that wait for a thread
      // count as ready, as they would on a worker that hands over no more tasks than it has threads.
      scheduler.send(new Messages.Heartbeat(runs.running(), readyCount + runs.waiting(), inMemoryCount, stats.managedBytes(),
          memoryLimit, cpu.coresUsed(), ProcessCpu.heapUsed(), unmanaged, stats.spilledBytes(), recent));
    }
  }

  // ---- memory ----

  /**
   * Pauses the worker above the pause threshold and resumes it below. Garbage counts as in use
   * until it is collected, so before pausing, and while paused, the monitor asks for a collection
   * (at most twice a second) and decides on what is left.
   */
  private void monitorMemory() {
    long inUse = memoryInUse();
    if (ownsProcess && pauseGate.above(inUse) && System.nanoTime() - lastCollection > COLLECTION_GAP_NANOS) {
      System.gc();
      lastCollection = System.nanoTime();
      inUse = memoryInUse();
    }
    switch (pauseGate.observe(inUse)) {
      case PAUSE -> {
        log.warn("Worker {}: memory in use {} MiB is above the pause threshold {} MiB of its limit {} MiB:"
            + " pausing new tasks", name, inUse >> 20, thresholds.pauseBytes(memoryLimit) >> 20, memoryLimit >> 20);
        handle(new WorkerEvent.Pause(stimulus("pause")));
        batches.send(scheduler, new SchedulerEvent.WorkerStatusChanged(address(),
            io.jask.distributed.scheduler.WorkerStatus.PAUSED, stimulus("paused")));
      }
      case RESUME -> {
        log.info("Worker {}: memory in use {} MiB is below the pause threshold again: resuming", name, inUse >> 20);
        handle(new WorkerEvent.Unpause(stimulus("unpause")));
        batches.send(scheduler, new SchedulerEvent.WorkerStatusChanged(address(),
            io.jask.distributed.scheduler.WorkerStatus.RUNNING, stimulus("resumed")));
      }
      default -> {
      }
    }
  }

  /**
   * The memory this worker uses: its whole process's when it has the JVM to itself, else (threads
   * in a JVM shared with others) the results it holds.
   */
  private long memoryInUse() {
    return ownsProcess ? ProcessMemory.inUse() : store.stats().managedBytes();
  }

  /** What this worker's data store holds now: managed, spilled. */
  public DataStore.Stats storeStats() {
    return store.stats();
  }

  /**
   * The exit status of a worker process whose worker closed: {@link #EXIT_RESTART} if the
   * scheduler asked it to restart, else 0.
   */
  public int exitStatus() {
    return exitStatus;
  }

  private void closeWithStatus(int status, String reason) {
    exitStatus = status;
    closeSayingGoodbye(reason);
  }

  /**
   * Stops the worker: it says goodbye to the scheduler (which then reschedules its work without
   * holding it against the tasks), closes its connections, stops its threads and deletes its
   * spilled results. Idempotent.
   */
  @Override
  public void close() {
    closeSayingGoodbye("closed");
  }

  /**
   * Stops the worker without a goodbye, as if it had died: the scheduler takes it for lost, and
   * the tasks it was running become more suspicious. For a worker process that is exiting
   * unexpectedly (a task called {@code System.exit}).
   */
  public void abort() {
    closeWith(null);
  }

  private void closeSayingGoodbye(String reason) {
    closeWith(reason);
  }

  private void closeWith(String goodbye) {
    if (closed) {
      return;
    }
    closed = true;
    SameJvmWorkers.remove(this);
    if (goodbye != null && !scheduler.isClosed()) {
      CompletableFuture<Void> sent = scheduler.send(new Messages.Goodbye(goodbye));
      if (!loop.inLoop()) { // on the loop, the write has been made already, and waiting would stall it
        try {
          sent.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
          log.debug("Worker {}: the goodbye did not go out: {}", name, e.toString());
        }
      }
    }
    scheduler.close();
    dataListener.close();
    peers.values().forEach(Comm::close);
    heartbeats.shutdownNow();
    loop.close();
    pool.shutdownNow();
    store.close();
    closedFuture.complete(null);
    log.info("Worker {} closed", name);
  }

  @Override
  public String toString() {
    return "WorkerServer[" + name + " at " + address() + "]";
  }

  /** How to start a worker. */
  public static final class Options {
    private final String schedulerAddress;
    private final CommOptions options;
    private String name;
    private int nthreads = Runtime.getRuntime().availableProcessors();
    private long memoryLimit;
    private String listenAddress = "tcp://127.0.0.1:0";
    private Duration heartbeatInterval = Duration.ofSeconds(1);
    private MemoryThresholds thresholds = MemoryThresholds.defaults();
    private boolean ownsProcess = true;
    private java.nio.file.Path localDirectory = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));

    private Options(String schedulerAddress, CommOptions options) {
      this.schedulerAddress = schedulerAddress;
      this.options = options;
    }

    /** The worker's name (default: worker-N). */
    public Options name(String value) {
      this.name = value;
      return this;
    }

    /**
     * Threads running tasks.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Options nthreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("a worker needs at least 1 thread, got " + value);
      }
      this.nthreads = value;
      return this;
    }

    /** The memory limit in bytes (0: none). */
    public Options memoryLimit(long bytes) {
      this.memoryLimit = bytes;
      return this;
    }

    /** Where the worker listens for peers and clients (default {@code tcp://127.0.0.1:0}). */
    public Options listenAddress(String value) {
      this.listenAddress = value;
      return this;
    }

    /** When to spill and pause, as fractions of the memory limit (default {@link MemoryThresholds#defaults()}). */
    public Options memoryThresholds(MemoryThresholds value) {
      this.thresholds = java.util.Objects.requireNonNull(value, "memoryThresholds");
      return this;
    }

    /**
     * Whether the worker has its JVM to itself (default true): it then pauses on the memory its
     * whole process uses. Workers running as threads of a JVM shared with others (a local cluster
     * without processes) pause on the results they hold instead, and report no unmanaged memory.
     */
    public Options ownsProcess(boolean value) {
      this.ownsProcess = value;
      return this;
    }

    /**
     * Where spilled results go, in a directory of the worker's own that it deletes on close
     * (default: the system's temporary directory).
     */
    public Options localDirectory(java.nio.file.Path value) {
      this.localDirectory = java.util.Objects.requireNonNull(value, "localDirectory");
      return this;
    }

    /** How often the worker tells the scheduler it is alive. */
    public Options heartbeatInterval(Duration value) {
      this.heartbeatInterval = value;
      return this;
    }
  }
}
