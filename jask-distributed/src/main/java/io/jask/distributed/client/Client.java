package io.jask.distributed.client;

import io.jask.core.ComputationInterruptedException;
import io.jask.core.JaskException;
import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.Fn3;
import io.jask.core.fn.Fn4;
import io.jask.core.fn.Fn5;
import io.jask.core.fn.Fn6;
import io.jask.core.fn.FnN;
import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.FunctionCall;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.Tokens;
import io.jask.core.scheduler.Callbacks;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.SchedulerCallback;
import io.jask.core.scheduler.Schedulers;
import io.jask.core.util.ByteSize;
import io.jask.core.util.SizeOf;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.deploy.LocalCluster;
import io.jask.distributed.deploy.LocalClusterOptions;
import io.jask.distributed.protocol.Batches;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.protocol.ErrorInfo;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerMessage;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.scheduler.TaskSpec;
import io.jask.distributed.worker.WorkerContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a Jask cluster, as Dask's {@code Client}: it submits work, holds futures of the
 * results, and fetches them from the workers that hold them.
 *
 * <pre>{@code
 * try (Client client = Client.connect("tcp://127.0.0.1:8786", token)) {
 *   System.out.println(client);                      // scheduler, workers, threads, memory
 *   Future<Integer> f = client.submit(Lesson::inc, 10);
 *   List<Future<Integer>> fs = client.map(Lesson::inc, List.of(1, 2, 3));
 *   List<Integer> rs = client.gather(fs);            // [2, 3, 4]
 *   int z = Jask.delayed(Lesson::add, 1, 2).compute(); // runs on the cluster too
 * }
 * }</pre>
 *
 * <pre>
 *  submit/map ──GraphSubmitted──▶ scheduler ──ComputeTask──▶ worker A ──runs, keeps result
 *  futures    ◀──KeyInMemory───── (stream comm: reports about keys, in order)
 *  result()   ──WhoHas──────────▶ (rpc comm: one query at a time)
 *             ──GetData───────────────────────────────────▶ worker A   (results come straight
 *             ◀──DataReply + raw bytes─────────────────────            from the worker)
 *             ◀──the held object itself──────────────────── worker A in this JVM (no copy)
 *  scatter    ──PutData──────────────────────────────────▶ workers, then DataScattered ▶ scheduler
 * </pre>
 *
 * <p>While open, a client connected with {@link #connect} is the {@linkplain Schedulers#current()
 * default scheduler}: {@code Delayed.compute()} runs on its cluster, as in Dask. Closing it
 * restores the previous default, releases every future it holds (the cluster forgets their
 * results) and closes its connections.
 *
 * <p>A result held by a worker running in this JVM ({@code Client.local(c -> c.processes(false))})
 * is handed over as the very object the worker holds, without serialising it, as in Dask's
 * in-process cluster: do not modify such a result while the cluster may still use it (as a task's
 * input, or for another future of the same key).
 *
 * <p>All methods are thread-safe. A client can be used from inside tasks, to submit more work:
 * see {@link #fromWorker()}.
 */
public final class Client implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Client.class);
  /** How long one wait for a recomputed result lasts before its holders are asked for again. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * How often the holders of a finished result are asked for before it counts as lost: about half
   * a minute of waits, time for the scheduler to notice a dead holder and recompute.
   */
  private static final int FETCH_ATTEMPTS = 30;
  private static final AtomicInteger CLIENTS = new AtomicInteger();
  /** The clients that tasks opened with {@link #fromWorker()}, one per worker. */
  private static final Map<WorkerContext, Client> WORKER_CLIENTS = new ConcurrentHashMap<>();

  private final String id;
  private final SchedulerLink scheduler;
  private final FuturesTable futures;
  private final WorkerLinks workers;
  private final Gatherer gatherer;
  /** Runs done callbacks and fetches from several workers at once. */
  private final ExecutorService threads;
  /** Sends the batched events to the scheduler, one batch at a time. */
  private final ScheduledExecutorService sender;
  /** Restores the previous default scheduler on close; null if this client did not become it. */
  private final Schedulers.Scope defaultScope;
  private final AtomicLong stimuli = new AtomicLong();
  private final AtomicInteger scatterTurn = new AtomicInteger();
  /** Why the client can no longer be used; null while it is open. Set under {@link #closeLock}. */
  private volatile String closedReason;
  private final Object closeLock = new Object();
  /** The cluster {@link #local} started for this client, closed with it; else null. */
  private volatile LocalCluster ownCluster;

  /**
   * @param sameJvm whether results held by workers in this JVM are taken as the objects they hold
   *     (always, but in tests of the network path)
   */
  private Client(String address, CommOptions options, boolean becomeDefault, boolean sameJvm) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(options, "options");
    int number = CLIENTS.incrementAndGet();
    this.id = "client-" + UUID.randomUUID();
    AtomicInteger threadIds = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "jask-client-" + number + "-" + threadIds.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jask-client-" + number + "-send");
      t.setDaemon(true);
      return t;
    });
    try {
      this.scheduler = SchedulerLink.open(address, options, id, sender, this::sendFailed);
    } catch (RuntimeException e) {
      threads.shutdown();
      sender.shutdown();
      throw e;
    }
    this.futures = new FuturesTable(this::sendRelease);
    this.workers = new WorkerLinks(options, id);
    this.gatherer = new Gatherer(scheduler, workers, threads, sameJvm ? options.token() : null);
    this.defaultScope = becomeDefault ? Schedulers.use(this) : null;
    // Last: a stream that closes at once shuts down a client that is fully built.
    scheduler.receive(message -> Batches.forEach(message, this::onMessage), this::onSchedulerGone);
    log.info("Client {} connected to the scheduler at {}", id, address);
  }

  // ---- connecting ----

  /**
   * Connects to the scheduler at {@code address} ({@code tcp://host:port}) with the cluster's
   * token, and makes this client the default scheduler until it is closed.
   *
   * @throws io.jask.distributed.comm.CommException if the scheduler cannot be reached in time or
   *     refuses the token
   */
  public static Client connect(String address, String token) {
    return connect(address, Protocol.commOptions(AuthToken.of(token), null));
  }

  /**
   * Starts a {@link LocalCluster} and connects to it, as Dask's {@code Client(processes=False,
   * threads_per_worker=4, n_workers=1, memory_limit='2GB')}: closing the client stops the cluster.
   *
   * <pre>{@code
   * try (Client client = Client.local(c -> c.processes(false).threadsPerWorker(4).nWorkers(1).memoryLimit("2GB"))) {
   *   Future<Integer> f = client.submit(Lesson::inc, 10);
   * }
   * }</pre>
   */
  public static Client local(Consumer<LocalClusterOptions> configure) {
    LocalCluster cluster = LocalCluster.start(configure);
    try {
      Client client = connect(cluster.schedulerAddress(), cluster.commOptions());
      client.ownCluster = cluster;
      return client;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** A {@link #local(Consumer)} cluster with the default options: one worker per core. */
  public static Client local() {
    return local(options -> {});
  }

  /** The cluster {@link #local} started for this client, if it did. */
  public Optional<LocalCluster> cluster() {
    return Optional.ofNullable(ownCluster);
  }

  /**
   * Connects to a scheduler that listens with TLS ({@code tls://host:port}), presenting the
   * certificate in {@code tls}.
   */
  public static Client connect(String address, String token, TlsConfig tls) {
    return connect(address, Protocol.commOptions(AuthToken.of(token), tls));
  }

  /**
   * Connects with the given comm options, which must use the wire {@linkplain
   * Protocol#serializer() serializer} ({@link Protocol#commOptions} makes such options).
   */
  public static Client connect(String address, CommOptions options) {
    return new Client(address, options, true, true);
  }

  /** {@link #connect(String, CommOptions)}, fetching every result over the network: for tests. */
  static Client connectOverNetwork(String address, CommOptions options) {
    return new Client(address, options, true, false);
  }

  /**
   * The client for the cluster this thread's task runs on, as Dask's {@code get_client()}: for a
   * task that submits tasks. One client per worker is opened on first use and shared by its tasks;
   * it is not the default scheduler, and closes with the worker. Waiting inside a task for the
   * tasks it submitted occupies one of the worker's threads meanwhile.
   *
   * @throws JaskException if the calling thread is not running a task on a worker
   */
  public static Client fromWorker() {
    WorkerContext context = WorkerContext.current().orElseThrow(() -> new JaskException(
        "Client.fromWorker() must be called from a task running on a worker"));
    return WORKER_CLIENTS.compute(context, (c, existing) -> {
      if (existing != null && !existing.isClosed()) {
        return existing;
      }
      Client client = new Client(c.schedulerAddress(), c.commOptions(), false, true);
      c.closed().thenRun(client::close);
      return client;
    });
  }

  /**
   * The client to use here: the {@linkplain #fromWorker() worker's} inside a task, else the
   * client that is the default scheduler.
   *
   * @throws JaskException if neither exists
   */
  public static Client current() {
    if (WorkerContext.current().isPresent()) {
      return fromWorker();
    }
    if (Schedulers.current() instanceof Client client && !client.isClosed()) {
      return client;
    }
    throw new JaskException("no client is open: connect one with Client.connect(address, token)");
  }

  /** This client's id, as the scheduler knows it. */
  public String id() {
    return id;
  }

  /** The address of the scheduler. */
  public String schedulerAddress() {
    return scheduler.address();
  }

  // ---- submitting ----

  /** The default submit options (pure calls, no retries, priority 0), to change: see {@link SubmitOptions}. */
  public SubmitOptions options() {
    return SubmitOptions.defaults(this);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <R> Future<R> submit(Fn0<R> fn) {
    return options().submit(fn);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <A, R> Future<R> submit(Fn1<A, R> fn, Object a) {
    return options().submit(fn, a);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <A, B, R> Future<R> submit(Fn2<A, B, R> fn, Object a, Object b) {
    return options().submit(fn, a, b);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <A, B, C, R> Future<R> submit(Fn3<A, B, C, R> fn, Object a, Object b, Object c) {
    return options().submit(fn, a, b, c);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <A, B, C, D, R> Future<R> submit(Fn4<A, B, C, D, R> fn, Object a, Object b, Object c, Object d) {
    return options().submit(fn, a, b, c, d);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <A, B, C, D, E, R> Future<R> submit(Fn5<A, B, C, D, E, R> fn, Object a, Object b, Object c, Object d, Object e) {
    return options().submit(fn, a, b, c, d, e);
  }

  /**
   * Submits a call of {@code fn} with default {@linkplain #options() options} (pure): it starts
   * running on the cluster now. Arguments may be futures.
   */
  public <A, B, C, D, E, F, R> Future<R> submit(Fn6<A, B, C, D, E, F, R> fn, Object a, Object b, Object c, Object d, Object e, Object f) {
    return options().submit(fn, a, b, c, d, e, f);
  }

  /** Submits a call of {@code fn} with any number of arguments. */
  public <R> Future<R> submitN(FnN<R> fn, Object... args) {
    return options().submitN(fn, args);
  }

  /**
   * Submits {@code fn} once per item, all in one go, as Dask's {@code client.map}: the futures are
   * in the order of the items. Items may be futures.
   */
  public <A, R> List<Future<R>> map(Fn1<A, R> fn, Collection<?> items) {
    return options().map(fn, items);
  }

  /**
   * Submits {@code fn} once per pair of items, taken from both collections in order.
   *
   * @throws IllegalArgumentException if the collections differ in size
   */
  public <A, B, R> List<Future<R>> map(Fn2<A, B, R> fn, Collection<?> firsts, Collection<?> seconds) {
    return options().map(fn, firsts, seconds);
  }

  /**
   * A future of a key already on the cluster: submitted earlier, or by another client, as Dask's
   * {@code Future(key, client)}. The cluster keeps the result while the future is held.
   *
   * <p>A key the scheduler does not know gives a future that is {@linkplain FutureStatus#LOST
   * lost}: its result throws {@link LostDataException} naming the key.
   */
  public <T> Future<T> futureOf(Key key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    return this.<T>submitSpecs(List.of(), List.of(key)).get(0);
  }

  <R> Future<R> submitCall(SubmitOptions options, Object fn, int arity, Object[] rawArgs) {
    Objects.requireNonNull(fn, "the function of a submitted call");
    ensureOpen();
    Object[] args = new FutureArguments(this).convertAll(rawArgs);
    Key key = CallSpecs.key(options, true, fn, args);
    TaskSpec spec = specOf(options, Task.of(key, new FunctionCall(fn, arity), args), 0);
    Future<R> future = this.<R>submitSpecs(List.of(spec), List.of(key)).get(0);
    // The futures among the arguments must outlive the submission: were one collected before it
    // was sent, its release could reach the scheduler first, and the input be forgotten.
    java.lang.ref.Reference.reachabilityFence(rawArgs);
    return future;
  }

  <R> List<Future<R>> mapCalls(SubmitOptions options, Object fn, int arity, List<Collection<?>> columns) {
    Objects.requireNonNull(fn, "the function of a mapped call");
    ensureOpen();
    int size = columns.get(0).size();
    for (Collection<?> column : columns) {
      if (column.size() != size) {
        List<Integer> sizes = new ArrayList<>();
        columns.forEach(c -> sizes.add(c.size()));
        throw new IllegalArgumentException("map needs collections of one size, got sizes " + sizes);
      }
    }
    List<Iterator<?>> iterators = new ArrayList<>();
    columns.forEach(c -> iterators.add(c.iterator()));
    FutureArguments converter = new FutureArguments(this);
    Map<Key, TaskSpec> specs = new LinkedHashMap<>();
    List<Key> keys = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Object[] raw = new Object[arity];
      for (int a = 0; a < arity; a++) {
        raw[a] = iterators.get(a).next();
      }
      Object[] args = converter.convertAll(raw);
      Key key = CallSpecs.key(options, false, fn, args);
      keys.add(key);
      if (!specs.containsKey(key)) {
        specs.put(key, specOf(options, Task.of(key, new FunctionCall(fn, arity), args), i));
      }
    }
    List<Future<R>> out = submitSpecs(new ArrayList<>(specs.values()), keys);
    java.lang.ref.Reference.reachabilityFence(columns);
    return out;
  }

  private static TaskSpec specOf(SubmitOptions options, Task task, long order) {
    try {
      return CallSpecs.spec(options, task, order);
    } catch (JaskException e) {
      throw new JaskException("cannot submit '" + task.key() + "': " + e.getMessage(), e);
    }
  }

  /** Sends the tasks and wants {@code keys}, one future each (a key listed twice gets two). */
  private <R> List<Future<R>> submitSpecs(List<TaskSpec> specs, List<Key> keys) {
    List<Key> wanted = new ArrayList<>(new LinkedHashSet<>(keys));
    List<KeyState> states = futures.acquire(keys,
        () -> scheduler.send(new SchedulerEvent.GraphSubmitted(id, specs, wanted, stimulus("submit"))));
    List<Future<R>> out = new ArrayList<>(states.size());
    for (KeyState state : states) {
      out.add(new Future<>(this, state));
    }
    return out;
  }

  // ---- results ----

  /**
   * The results of {@code futures}, in order, fetched from the workers holding them (several
   * workers at once), as Dask's {@code client.gather}.
   *
   * @throws io.jask.core.TaskFailedException or {@link FutureException} as {@link Future#result()}
   *     does, for the first future in order that failed; the gather fails as soon as one fails
   */
  public <T> List<T> gather(Collection<? extends Future<? extends T>> futures) {
    try {
      return gather(futures, null);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    }
  }

  /**
   * {@link #gather(Collection)}, waiting at most {@code timeout} for the futures to be done.
   *
   * @throws TimeoutException naming a key not done in time, and the timeout
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> gather(Collection<? extends Future<? extends T>> futures, Duration timeout)
      throws TimeoutException {
    List<KeyState> states = new ArrayList<>(futures.size());
    for (Future<? extends T> f : futures) {
      checkOwn(f);
      states.add(f.state());
    }
    Map<Key, Object> values = collect(states, timeout);
    List<T> out = new ArrayList<>(states.size());
    for (KeyState state : states) {
      out.add((T) values.get(state.key));
    }
    return out;
  }

  Object resultOf(KeyState state, Duration timeout) throws TimeoutException {
    return collect(List.of(state), timeout).get(state.key);
  }

  Throwable errorOf(KeyState state) {
    try {
      awaitDone(List.of(state), deadline(null), null);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    }
    return Errors.error(state.key, state.outcome());
  }

  /**
   * Waits for the keys, throws for the first that did not finish, and fetches the values. A key the
   * scheduler reported finished but that no worker holds (its worker just died) is waited for
   * again: the scheduler recomputes it and reports it anew.
   */
  private Map<Key, Object> collect(List<KeyState> states, Duration timeout) throws TimeoutException {
    if (states.isEmpty()) {
      return Map.of();
    }
    long deadline = deadline(timeout);
    // A closing client cancels what is pending, so these waits end; only fetching needs it open.
    awaitDone(states, deadline, timeout);
    throwFirstFailure(states);
    Map<Key, KeyState> remaining = new LinkedHashMap<>();
    states.forEach(s -> remaining.put(s.key, s));
    Map<Key, Object> values = new HashMap<>();
    for (int attempt = 0; attempt < FETCH_ATTEMPTS; attempt++) {
      ensureOpen();
      List<CompletableFuture<Void>> reports = new ArrayList<>();
      remaining.values().forEach(s -> reports.add(s.nextReport()));
      Map<Key, Object> fetched = gatherer.fetch(remaining.keySet());
      values.putAll(fetched);
      remaining.keySet().removeAll(fetched.keySet());
      if (remaining.isEmpty()) {
        return values;
      }
      long recheck = timeout == null ? System.nanoTime() + RECHECK_NANOS
          : Math.min(deadline, System.nanoTime() + RECHECK_NANOS);
      try {
        await(CompletableFuture.allOf(reports.toArray(new CompletableFuture<?>[0])), recheck);
      } catch (TimeoutException e) {
        if (timeout != null && System.nanoTime() >= deadline) {
          throw timedOut(remaining.keySet().iterator().next(), timeout);
        }
      }
      throwFirstFailure(new ArrayList<>(remaining.values()));
    }
    Key lost = remaining.keySet().iterator().next();
    throw new LostDataException(lost, "the scheduler reported '" + lost + "' finished, but no worker could"
        + " deliver it after " + FETCH_ATTEMPTS + " attempts");
  }

  /** Throws for the first key, in order, that ended without a result; pending keys are skipped. */
  private static void throwFirstFailure(List<KeyState> states) {
    for (KeyState state : states) {
      Outcome outcome = state.outcome();
      if (outcome.status().isDone() && outcome.status() != FutureStatus.FINISHED) {
        throw Errors.of(state.key, outcome);
      }
    }
  }

  /**
   * Waits until every state is done or one of them did not finish, whichever comes first.
   *
   * @throws TimeoutException naming the first key not done, if the deadline passes
   */
  private static void awaitDone(List<KeyState> states, long deadline, Duration timeout) throws TimeoutException {
    List<KeyState> pending = new ArrayList<>();
    for (KeyState state : states) {
      FutureStatus status = state.outcome().status();
      if (status == FutureStatus.PENDING) {
        pending.add(state);
      } else if (status != FutureStatus.FINISHED) {
        return; // fails fast: no need to wait for the others
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    if (pending.size() == 1) {
      // One key: wait on its own signal, so that polling with short timeouts leaves nothing behind.
      KeyState only = pending.get(0);
      while (only.outcome().status() == FutureStatus.PENDING) {
        try {
          await(only.signal(), deadline);
        } catch (TimeoutException e) {
          throw timedOut(only.key, timeout);
        }
      }
      return;
    }
    CompletableFuture<Void> settled = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(pending.size());
    for (KeyState state : pending) {
      state.whenDone(() -> {
        if (state.outcome().status() != FutureStatus.FINISHED || left.decrementAndGet() == 0) {
          settled.complete(null);
        }
      });
    }
    try {
      await(settled, deadline);
    } catch (TimeoutException e) {
      for (KeyState state : pending) {
        if (!state.outcome().status().isDone()) {
          throw timedOut(state.key, timeout);
        }
      }
    }
  }

  /** No deadline: a value so far away it never passes (nanoTime differences stay positive). */
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  private static long deadline(Duration timeout) {
    return timeout == null ? NO_DEADLINE : System.nanoTime() + Math.max(0, timeout.toNanos());
  }

  private static void await(CompletableFuture<?> future, long deadline) throws TimeoutException {
    try {
      if (deadline == NO_DEADLINE) {
        future.get();
      } else {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComputationInterruptedException("interrupted while waiting for results", e);
    } catch (ExecutionException e) {
      throw new JaskException("waiting failed: " + e.getCause(), e.getCause());
    }
  }

  private static TimeoutException timedOut(Key key, Duration timeout) {
    return new TimeoutException("the result of '" + key + "' was not ready within " + describe(timeout));
  }

  /** A duration as people write it: {@code 250 ms}, {@code 2.5 s}. */
  static String describe(Duration timeout) {
    long millis = timeout.toMillis();
    return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.3g s", millis / 1000.0);
  }

  // ---- scattering ----

  /**
   * Puts {@code value} on a worker, as Dask's {@code client.scatter}, and returns its future: pass
   * it to later submits instead of the value, so the value travels once. Its key is a token of the
   * value, so scattering an equal value again gives the same key.
   *
   * @throws JaskException if no worker is connected, or the value cannot be serialised
   */
  public <T> Future<T> scatter(T value) {
    return scatter(value, false);
  }

  /** {@link #scatter(Object)}; {@code broadcast}: put it on every worker. */
  public <T> Future<T> scatter(T value, boolean broadcast) {
    return this.<T>scatterAll(java.util.Collections.singletonList(value), broadcast).get(0);
  }

  /**
   * Puts each value on a worker, spread over the workers in turn, and returns one future per value,
   * in order. (A separate name from {@link #scatter(Object)}: a list is a value too.)
   */
  public <T> List<Future<T>> scatterAll(Collection<? extends T> values) {
    return scatterAll(values, false);
  }

  /** {@link #scatterAll(Collection)}; {@code broadcast}: put every value on every worker. */
  public <T> List<Future<T>> scatterAll(Collection<? extends T> values, boolean broadcast) {
    ensureOpen();
    if (values.isEmpty()) {
      return List.of();
    }
    List<ClusterInfo.WorkerInfo> targets = new ArrayList<>(clusterInfo().workers());
    if (targets.isEmpty()) {
      throw new JaskException("cannot scatter: no worker is connected to the scheduler at " + schedulerAddress());
    }
    targets.sort(java.util.Comparator.comparing(ClusterInfo.WorkerInfo::address));
    List<Key> keys = new ArrayList<>(values.size());
    Map<Key, Object> distinct = new LinkedHashMap<>();
    for (Object value : values) {
      String type = value == null ? "null" : value.getClass().getSimpleName();
      Key key = Key.of((type.isEmpty() ? "value" : type) + "-" + Tokens.tokenize(value));
      keys.add(key);
      distinct.putIfAbsent(key, value);
    }
    // Which workers get which keys: every worker each key, or the workers in turn.
    Map<String, List<Key>> byWorker = new LinkedHashMap<>();
    Map<Key, List<String>> holders = new LinkedHashMap<>();
    int turn = scatterTurn.getAndAdd(distinct.size());
    int i = 0;
    for (Key key : distinct.keySet()) {
      List<ClusterInfo.WorkerInfo> chosen = broadcast ? targets : List.of(targets.get(Math.floorMod(turn + i++, targets.size())));
      for (ClusterInfo.WorkerInfo w : chosen) {
        byWorker.computeIfAbsent(w.address(), a -> new ArrayList<>()).add(key);
        holders.computeIfAbsent(key, k -> new ArrayList<>()).add(w.address());
      }
    }
    Map<Key, byte[]> encoded = new HashMap<>();
    distinct.forEach((key, value) -> encoded.put(key, WorkerLinks.encode(key, value)));
    List<CompletableFuture<Void>> puts = new ArrayList<>();
    byWorker.forEach((worker, some) -> {
      List<String> types = new ArrayList<>();
      List<byte[]> bytes = new ArrayList<>();
      for (Key key : some) {
        Object value = distinct.get(key);
        types.add(value == null ? "null" : value.getClass().getSimpleName());
        bytes.add(encoded.get(key));
      }
      puts.add(CompletableFuture.runAsync(() -> workers.put(worker, some, types, bytes), threads));
    });
    for (CompletableFuture<Void> put : puts) {
      try {
        put.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    List<SchedulerEvent.ScatteredData> data = new ArrayList<>();
    distinct.forEach((key, value) -> data.add(new SchedulerEvent.ScatteredData(key, holders.get(key),
        SizeOf.estimate(value), value == null ? "null" : value.getClass().getSimpleName())));
    List<KeyState> states = futures.acquire(keys,
        () -> scheduler.send(new SchedulerEvent.DataScattered(id, data, stimulus("scatter"))));
    List<Future<T>> out = new ArrayList<>(states.size());
    states.forEach(state -> out.add(new Future<>(this, state)));
    // As Dask's scatter, return once the scheduler knows where the data is, so that what follows
    // (who_has, a submit restricted to a holder) sees it. A key the scheduler is computing itself
    // keeps its own course, and its future stays pending: waiting for it is not scatter's job.
    try {
      awaitDone(states, deadline(Duration.ofSeconds(SchedulerLink.REPLY_TIMEOUT_SECONDS)), null);
    } catch (TimeoutException e) {
      log.debug("Client {}: the scheduler has not confirmed every scattered key yet", id);
    }
    return out;
  }

  // ---- control ----

  /**
   * Cancels the futures' tasks (unless other clients want them too) and marks them cancelled here
   * at once; tasks depending on them that no other client wants are cancelled too.
   *
   * @return true if any of the futures was not done yet
   */
  public boolean cancel(Collection<? extends Future<?>> futures) {
    ensureOpen();
    List<Key> keys = new ArrayList<>();
    boolean any = false;
    for (Future<?> f : new LinkedHashSet<>(futures)) {
      checkOwn(f);
      keys.add(f.key());
      any |= f.state().cancel("cancelled by the client");
    }
    if (!keys.isEmpty()) {
      this.futures.inOrder(() -> scheduler.send(new SchedulerEvent.KeysCancelled(id, keys, false, stimulus("cancel"))));
    }
    return any;
  }

  /** The futures in the order they finish; see {@link AsCompleted}. */
  public <T> AsCompleted<T> asCompleted(Collection<? extends Future<T>> futures) {
    futures.forEach(this::checkOwn);
    return new AsCompleted<>(futures);
  }

  /** Waits until every future is done, as Dask's {@code wait(futures)}. */
  public <T> WaitResult<T> wait(Collection<? extends Future<T>> futures) {
    try {
      return wait(futures, ReturnWhen.ALL_COMPLETED, null);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    }
  }

  /**
   * Waits until any or every future is done (finished, failed, cancelled or lost), as Dask's {@code
   * wait(futures, timeout, return_when)}, and says which are.
   *
   * @param timeout how long to wait at most; null to wait as long as it takes
   * @throws TimeoutException if the condition is not met in time
   */
  public <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen returnWhen, Duration timeout)
      throws TimeoutException {
    Objects.requireNonNull(returnWhen, "returnWhen");
    futures.forEach(this::checkOwn);
    long deadline = deadline(timeout);
    int needed = futures.isEmpty() ? 0 : returnWhen == ReturnWhen.ALL_COMPLETED ? futures.size() : 1;
    CompletableFuture<Void> enough = new CompletableFuture<>();
    AtomicInteger done = new AtomicInteger();
    for (Future<T> f : futures) {
      f.state().whenDone(() -> {
        if (done.incrementAndGet() >= needed) {
          enough.complete(null);
        }
      });
    }
    if (needed > 0) {
      try {
        await(enough, deadline);
      } catch (TimeoutException e) {
        throw new TimeoutException(done.get() + " of " + futures.size() + " futures were done within "
            + describe(timeout) + ", " + (returnWhen == ReturnWhen.ALL_COMPLETED ? "all" : "one") + " needed");
      }
    }
    Set<Future<T>> doneSet = new LinkedHashSet<>();
    Set<Future<T>> notDone = new LinkedHashSet<>();
    for (Future<T> f : futures) {
      (f.done() ? doneSet : notDone).add(f);
    }
    return new WaitResult<>(doneSet, notDone);
  }

  /**
   * Keeps the futures' tasks running even once every future of them is released or this client
   * closes, as Dask's {@code fire_and_forget}: for tasks run for their side effects.
   */
  public void fireAndForget(Collection<? extends Future<?>> futures) {
    ensureOpen();
    List<Key> keys = new ArrayList<>();
    for (Future<?> f : futures) {
      checkOwn(f);
      keys.add(f.key());
    }
    this.futures.inOrder(() -> scheduler.send(
        new SchedulerEvent.GraphSubmitted(SchedulerServer.FIRE_AND_FORGET, List.of(), keys, stimulus("fire-and-forget"))));
  }

  /** {@link #fireAndForget(Collection)} for some futures. */
  public void fireAndForget(Future<?>... futures) {
    fireAndForget(List.of(futures));
  }

  // ---- the cluster ----

  /** For each future's key, the addresses of the workers holding its result (empty if none). */
  public Map<Key, List<String>> whoHas(Collection<? extends Future<?>> futures) {
    List<Key> keys = new ArrayList<>();
    futures.forEach(f -> keys.add(f.key()));
    return whoHasKeys(keys);
  }

  /** For each key, the addresses of the workers holding its result (empty if none). */
  public Map<Key, List<String>> whoHasKeys(Collection<Key> keys) {
    ensureOpen();
    return ((Messages.WhoHasReply) scheduler.call(new Messages.WhoHasRequest(new ArrayList<>(keys)))).whoHas();
  }

  /** What happened to {@code key} on the scheduler, one line per transition, oldest first. */
  public List<String> story(Key key) {
    ensureOpen();
    return ((Messages.StoryReply) scheduler.call(new Messages.StoryRequest(key))).entries();
  }

  /** The scheduler's address and its workers, now. */
  public ClusterInfo clusterInfo() {
    ensureOpen();
    return ClusterInfo.of((Messages.ClusterIdentity) scheduler.call(new Messages.IdentityRequest()));
  }

  /**
   * The link to the cluster's dashboard, with its token ({@code
   * http://127.0.0.1:8787/status?token=…}), as Dask's {@code client.dashboard_link}; empty if the
   * scheduler serves none. Treat it as a password to the dashboard.
   */
  public Optional<String> dashboardLink() {
    return clusterInfo().dashboardLink();
  }

  /**
   * Writes a stand-alone HTML report of the cluster's work to {@code path}, as Dask's {@code
   * performance_report}: the task stream, progress and time per kind of task, worker memory over
   * time, and summary figures, from everything the dashboard still holds. The file carries its
   * scripts and data, so it opens in a browser with no server and no internet.
   *
   * @throws JaskException if the scheduler serves no dashboard, or the report cannot be fetched or
   *     written
   */
  public Path performanceReport(Path path) {
    return performanceReport(path, java.time.Instant.EPOCH);
  }

  /**
   * {@link #performanceReport(Path)} for the task runs that ended at or after {@code since}; take
   * {@code Instant.now()} before a computation to report on that computation alone.
   */
  public Path performanceReport(Path path, java.time.Instant since) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(since, "since");
    String link = dashboardLink().orElseThrow(() -> new JaskException(
        "the scheduler at " + schedulerAddress() + " serves no dashboard, so there is no performance report:"
            + " put io.jask:jask-dashboard on its classpath"));
    PerformanceReportDownload.fetch(link, since, path);
    return path;
  }

  /**
   * Restarts the cluster, as Dask's {@code client.restart()}: every worker is killed and started
   * afresh by its nanny, the scheduler forgets every task, and the futures of the old run (this
   * client's and other clients') err with {@link ClusterRestartedException}. Returns once as many
   * workers as before have joined again; the cluster then serves new work.
   *
   * @throws JaskException if the workers did not come back within 60 s
   */
  public void restart() {
    restart(Duration.ofSeconds(60));
  }

  /**
   * {@link #restart()}, waiting at most {@code timeout} for the workers to come back.
   *
   * @throws JaskException if they did not come back in time
   */
  public void restart(Duration timeout) {
    ensureOpen();
    Objects.requireNonNull(timeout, "timeout");
    scheduler.callWithin(new Messages.RestartRequest(timeout.toMillis()), timeout.plusSeconds(10));
    // The scheduler told every future's client before it answered; a report still on its way would
    // find its state gone, so end those here the same way.
    ErrorInfo restarted = new ErrorInfo(ErrorInfo.RESTARTED, "the cluster restarted (client.restart())"
        + " before this task ended: submit it again", "");
    for (KeyState state : futures.forgetAll()) {
      if (!state.outcome().status().isDone()) {
        state.report(Outcome.erred(state.key, restarted));
      }
    }
    log.info("Client {}: the cluster at {} restarted", id, schedulerAddress());
  }

  /** Each worker's address and number of threads, as Dask's {@code client.nthreads()}. */
  public Map<String, Integer> nthreads() {
    Map<String, Integer> out = new LinkedHashMap<>();
    clusterInfo().workers().forEach(w -> out.put(w.address(), w.nthreads()));
    return out;
  }

  // ---- the Scheduler interface: Delayed.compute() ----

  /**
   * Computes {@code outputs} on the cluster: the graph is submitted in one go, in the order of its
   * {@linkplain ExecutionPlan plan}, the outputs fetched from the workers, and then released.
   * Callbacks are told when the computation starts and ends (tasks run remotely, one by one
   * unseen).
   */
  @Override
  public List<Object> get(Graph graph, List<Key> outputs, SchedulerCallback callback) {
    ensureOpen();
    SchedulerCallback callbacks = Callbacks.active(callback);
    ExecutionPlan plan = ExecutionPlan.of(graph, outputs);
    List<TaskSpec> specs = specsOf(plan);
    callbacks.started(plan);
    List<Key> wanted = new ArrayList<>(new LinkedHashSet<>(outputs));
    List<KeyState> states = futures.acquire(wanted,
        () -> scheduler.send(new SchedulerEvent.GraphSubmitted(id, specs, wanted, stimulus("compute"))));
    try {
      Map<Key, Object> values = collect(states, null);
      List<Object> results = new ArrayList<>(outputs.size());
      outputs.forEach(k -> results.add(values.get(k)));
      callbacks.finished(null);
      return results;
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    } catch (RuntimeException e) {
      callbacks.finished(e);
      throw e;
    } finally {
      futures.release(states);
    }
  }

  /**
   * Computes {@code outputs} on the cluster and leaves the results on the workers, as Dask's {@code
   * client.persist}: returns once every output is computed, with one task per output that stands
   * for its result. Graphs computed on this client depend on those results where they lie, without
   * sending them anywhere; the cluster keeps them while the returned tasks are reachable. Computed
   * on another scheduler, such a task fetches its result.
   *
   * @throws io.jask.core.TaskFailedException or {@link FutureException} for the first output, in
   *     order, that could not be computed
   */
  @Override
  public List<Task> persist(Graph graph, List<Key> outputs) {
    ensureOpen();
    ExecutionPlan plan = ExecutionPlan.of(graph, outputs);
    List<TaskSpec> specs = specsOf(plan);
    List<Key> wanted = new ArrayList<>(new LinkedHashSet<>(outputs));
    List<KeyState> states = futures.acquire(outputs,
        () -> scheduler.send(new SchedulerEvent.GraphSubmitted(id, specs, wanted, stimulus("persist"))));
    List<Task> held = new ArrayList<>(states.size());
    for (KeyState state : states) {
      held.add(Task.of(state.key, new HeldResult(new Future<>(this, state))));
    }
    try {
      awaitDone(states, deadline(null), null);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    }
    throwFirstFailure(states);
    return held;
  }

  /** The specs of a plan's tasks, less those that stand for results this client holds on the cluster. */
  private List<TaskSpec> specsOf(ExecutionPlan plan) {
    List<TaskSpec> specs = new ArrayList<>(plan.size());
    SubmitOptions defaults = options();
    for (int i = 0; i < plan.size(); i++) {
      Task task = plan.task(i);
      if (task.function() instanceof HeldResult h) {
        Future<?> f = h.future();
        if (f.client() != this || f.isReleased() || !f.key().equals(task.key())) {
          throw new IllegalArgumentException("'" + task.key() + "' stands for a result persisted on another client,"
              + " or released: compute it on the client that persisted it");
        }
        continue; // on the cluster already, in memory while the future is held
      }
      specs.add(specOf(defaults, task, plan.priority(i)));
    }
    return specs;
  }

  // ---- the scheduler's stream ----

  private void onMessage(Object message) {
    try {
      if (message instanceof SchedulerMessage.ToClient report) {
        futures.report(report);
      } else {
        log.warn("Client {}: ignoring unexpected {} from the scheduler", id, message);
      }
    } catch (RuntimeException bug) {
      log.error("Client {}: handling {} failed", id, message, bug);
    }
  }

  private void onSchedulerGone() {
    if (closedReason == null) {
      log.warn("Client {}: the connection to the scheduler at {} closed", id, schedulerAddress());
      shutdown("the connection to the scheduler at " + schedulerAddress() + " closed", false);
    }
  }

  /** A submission or scatter that could not be sent fails its futures, which would wait forever. */
  private void sendFailed(Object event, Throwable error) {
    List<Key> keys = new ArrayList<>();
    if (event instanceof SchedulerEvent.GraphSubmitted submitted) {
      keys.addAll(submitted.wanted());
    } else if (event instanceof SchedulerEvent.DataScattered scattered) {
      scattered.data().forEach(d -> keys.add(d.key()));
    }
    for (Key key : keys) {
      KeyState state = futures.get(key);
      if (state != null) {
        state.abort("it could not be sent to the scheduler: " + error);
      }
    }
  }

  private void sendRelease(List<Key> keys) {
    if (closedReason == null && !scheduler.isClosed()) {
      scheduler.send(new SchedulerEvent.KeysReleased(id, keys, stimulus("release")));
    }
  }

  /** Gives back one reference to a key: a future was released, closed or collected. */
  void release(KeyState state) {
    if (closedReason == null) {
      futures.release(List.of(state));
    }
  }

  /** Runs a user callback on the client's threads, where it may block. */
  void runCallback(Runnable callback, Future<?> future) {
    Runnable guarded = () -> {
      try {
        callback.run();
      } catch (RuntimeException | Error e) {
        log.warn("A done callback of {} threw", future, e);
      }
    };
    try {
      threads.execute(guarded);
    } catch (RejectedExecutionException closed) {
      guarded.run();
    }
  }

  private String stimulus(String what) {
    return what + "-" + id + "-" + stimuli.incrementAndGet();
  }

  private void ensureOpen() {
    String reason = closedReason;
    if (reason != null) {
      throw new ClientClosedException("client " + id + " cannot be used: " + reason);
    }
  }

  private void checkOwn(Future<?> future) {
    Objects.requireNonNull(future, "future");
    if (future.client() != this) {
      throw new IllegalArgumentException("the future of '" + future.key() + "' belongs to another client");
    }
  }

  // ---- closing ----

  /** Whether the client was closed or lost its scheduler. */
  public boolean isClosed() {
    return closedReason != null;
  }

  /**
   * Releases every future (the cluster forgets their results, unless fire-and-forget or wanted
   * elsewhere), marks those still pending cancelled, restores the previous default scheduler and
   * closes the connections. Idempotent.
   */
  @Override
  public void close() {
    shutdown("the client is closed", true);
  }

  private void shutdown(String reason, boolean releaseAtScheduler) {
    synchronized (closeLock) {
      shutdownOnce(reason, releaseAtScheduler);
    }
  }

  private void shutdownOnce(String reason, boolean releaseAtScheduler) {
    if (closedReason != null) {
      return;
    }
    List<KeyState> held = futures.clear();
    if (releaseAtScheduler && !held.isEmpty() && !scheduler.isClosed()) {
      List<Key> keys = new ArrayList<>();
      held.forEach(s -> keys.add(s.key));
      scheduler.send(new SchedulerEvent.KeysReleased(id, keys, stimulus("close")));
    }
    closedReason = reason;
    if (defaultScope != null) {
      defaultScope.close();
    }
    for (KeyState state : held) {
      if (!state.outcome().status().isDone()) {
        state.abort(reason);
      }
    }
    WORKER_CLIENTS.values().remove(this);
    scheduler.close();
    sender.shutdown();
    workers.close();
    threads.shutdown();
    LocalCluster cluster = ownCluster;
    if (cluster != null) {
      cluster.close();
    }
    log.info("Client {} closed: {}", id, reason);
  }

  /**
   * {@code <Client: 'tcp://127.0.0.1:8786' workers=2 threads=4 memory=4.00 GiB
   * dashboard=http://127.0.0.1:8787/status?token=…>}, as Dask prints it; asks the scheduler.
   */
  @Override
  public String toString() {
    String address = schedulerAddress();
    if (isClosed()) {
      return "<Client: '" + address + "' closed>";
    }
    try {
      ClusterInfo info = clusterInfo();
      long memory = info.totalMemory();
      return "<Client: '" + address + "' workers=" + info.workers().size() + " threads=" + info.totalThreads()
          + " memory=" + (memory == 0 ? "unlimited" : ByteSize.ofBytes(memory).toHumanString())
          + info.dashboardLink().map(link -> " dashboard=" + link).orElse("") + ">";
    } catch (RuntimeException e) {
      return "<Client: '" + address + "' not answering: " + e.getMessage() + ">";
    }
  }
}
