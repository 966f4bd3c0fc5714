package io.jask.distributed.deploy;

import io.jask.core.JaskException;
import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommAddress;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Scheme;
import io.jask.distributed.comm.TlsConfig;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.worker.MemoryThresholds;
import io.jask.distributed.worker.WorkerServer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler in this JVM and workers on this machine: as threads in this JVM ({@code
 * processes(false)}) or as child JVMs ({@code processes(true)}). Dask's {@code LocalCluster}.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(4).memoryLimit("2GB"))) {
 *   System.out.println(cluster);   // LocalCluster[tcp://127.0.0.1:40123, workers=2, threads=8, memory=3.73 GiB]
 *   // connect a client to cluster.schedulerAddress() with cluster.commOptions()
 * }
 * }</pre>
 *
 * <p>Secure by default: the scheduler and workers listen on loopback only, and every connection
 * must present the cluster's token, a fresh random one unless given. Worker JVMs receive the token
 * on standard input, never on their command line.
 *
 * <p>{@link #close()} closes the scheduler (workers stop when it goes), then stops every worker,
 * forcibly if it lingers, and deletes the workers' log files. A shutdown hook does the same if
 * this JVM exits first; if this JVM is killed outright, worker JVMs stop on their own when their
 * standard input and scheduler connection close.
 */
public final class LocalCluster implements Cluster {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  private final boolean processes;
  private final int threadsPerWorker;
  private final long memoryLimit;
  private final Duration heartbeatInterval;
  private final Duration startTimeout;
  private final List<String> jvmOptions;
  private final TlsFiles tls;
  private final MemoryThresholds memoryThresholds;
  /** Where in-process workers spill (worker JVMs spill into {@link #scratch}). */
  private final java.nio.file.Path localDirectory;
  private final CommOptions commOptions;
  private final SchedulerServer scheduler;
  private final String workerListenAddress;
  /** Worker JVMs' log files; null without processes. */
  private final ScratchDirectory scratch;
  /** The workers, each under its nanny; guarded by {@code this}. */
  private final WorkerPool<WorkerProcess> pool;
  private final Thread shutdownHook;
  private final ClusterScaling scaling;
  private volatile boolean closed;

  private LocalCluster(LocalClusterOptions o, SchedulerServer scheduler, CommOptions commOptions,
      ScratchDirectory scratch, int cores) {
    this.processes = o.processes;
    this.threadsPerWorker = o.resolvedThreads(cores);
    this.memoryLimit = o.resolvedMemoryLimit(cores, MachineMemory.total());
    // Several heartbeats fit in one timeout, so one late heartbeat never loses a worker.
    this.heartbeatInterval = min(Duration.ofSeconds(1), o.heartbeatTimeout.dividedBy(5));
    this.startTimeout = o.startTimeout;
    this.jvmOptions = o.jvmOptions;
    this.tls = o.tls;
    this.memoryThresholds = o.memoryThresholds;
    this.localDirectory = o.localDirectory != null ? o.localDirectory
        : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    this.commOptions = commOptions;
    this.scheduler = scheduler;
    this.scratch = scratch;
    CommAddress bound = CommAddress.parse(scheduler.address());
    this.workerListenAddress = bound.scheme().usesSockets()
        ? bound.scheme().text() + "://" + bracket(bound.host()) + ":0"
        : "inproc://";
    SchedulerControl control = SchedulerControl.of(scheduler);
    this.scaling = new ClusterScaling(this, control);
    this.pool = new WorkerPool<>(control, number -> newWorker("worker-" + number),
        w -> !w.finished().isDone(), startTimeout);
    this.shutdownHook = processes ? new Thread(this::close, "jask-local-cluster-shutdown") : null;
    if (shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /** Options to fill in and pass to {@link #start(LocalClusterOptions)}. */
  public static LocalClusterOptions options() {
    return new LocalClusterOptions();
  }

  /**
   * Starts a cluster configured by {@code configure}, as {@code LocalCluster.start(c ->
   * c.nWorkers(2))}, and waits until all its workers have registered.
   *
   * @throws JaskException naming the worker if one fails to start, with its output
   */
  public static LocalCluster start(Consumer<LocalClusterOptions> configure) {
    LocalClusterOptions options = options();
    configure.accept(options);
    return start(options);
  }

  /**
   * Starts a cluster and waits until all its workers have registered.
   *
   * @throws JaskException naming the worker if one fails to start, with its output; nothing is
   *     left running
   * @throws IllegalArgumentException if the options contradict each other ({@code inproc://} with
   *     processes, {@code tls://} without certificates)
   * @throws io.jask.distributed.comm.CommException if the scheduler's address cannot be bound
   */
  public static LocalCluster start(LocalClusterOptions options) {
    String address = options.resolvedSchedulerAddress();
    Scheme scheme = CommAddress.parse(address).scheme();
    if (options.processes && !scheme.usesSockets()) {
      throw new IllegalArgumentException("worker processes cannot reach an in-process scheduler at " + address
          + ": use a tcp:// or tls:// address, or processes(false)");
    }
    TlsConfig tlsConfig = options.tls != null ? options.tls.toConfig() : null;
    if (scheme == Scheme.TLS && tlsConfig == null) {
      throw new IllegalArgumentException("the scheduler address " + address + " needs certificates: call tls(…)");
    }
    AuthToken token = options.token != null ? options.token : AuthToken.generate();
    CommOptions commOptions = Protocol.commOptions(token, tlsConfig);
    int cores = Runtime.getRuntime().availableProcessors();
    ScratchDirectory scratch = options.processes ? ScratchDirectory.create(options.localDirectory) : null;
    SchedulerServer scheduler;
    try {
      scheduler = SchedulerServer.start(address, commOptions, options.schedulerConfig, options.heartbeatTimeout);
    } catch (RuntimeException e) {
      deleteQuietly(scratch);
      throw e;
    }
    LocalCluster cluster = new LocalCluster(options, scheduler, commOptions, scratch, cores);
    try {
      cluster.serveDashboard(options);
      cluster.scale(options.resolvedWorkers(cores));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Starts the dashboard the options ask for, if the dashboard module is on the classpath. */
  private void serveDashboard(LocalClusterOptions options) {
    if (options.dashboardAddress == null) {
      return;
    }
    java.util.Optional<DashboardLauncher> launcher = DashboardLauncher.find();
    if (launcher.isEmpty()) {
      if (options.dashboardRequested) {
        throw new IllegalStateException("a dashboard was asked for at " + options.dashboardAddress
            + ", but no dashboard is on the classpath: add the io.jask:jask-dashboard module");
      }
      return;
    }
    launcher.get().launch(scheduler, new DashboardSettings(options.dashboardAddress, null, this::logs));
  }

  /**
   * The dashboard's link with its token ({@code http://127.0.0.1:8787/status?token=…}), if this
   * cluster serves one.
   */
  public java.util.Optional<String> dashboardLink() {
    return java.util.Optional.ofNullable(scheduler.services().get(DashboardLauncher.SERVICE));
  }

  @Override
  public String schedulerAddress() {
    return scheduler.address();
  }

  @Override
  public CommOptions commOptions() {
    return commOptions;
  }

  /** The scheduler in this JVM, for tests in this package. */
  SchedulerServer schedulerServer() {
    return scheduler;
  }

  /** Whether workers run as separate JVMs. */
  public boolean processes() {
    return processes;
  }

  /** Threads per worker. */
  public int threadsPerWorker() {
    return threadsPerWorker;
  }

  /** Memory per worker, in bytes. */
  public long memoryLimit() {
    return memoryLimit;
  }

  @Override
  public List<String> workers() {
    if (closed) {
      return List.of();
    }
    return scheduler.identitySnapshot().workers().stream().map(Messages.WorkerInfo::address).toList();
  }

  /** The scheduler's view of the cluster: its address, and each worker's name, threads and memory. */
  public Messages.ClusterIdentity identity() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
    return scheduler.identitySnapshot();
  }

  /**
   * {@inheritDoc}
   *
   * <p>New workers get this cluster's threads and memory per worker. Workers that died since the
   * last call are not counted.
   *
   * @throws IllegalStateException if the cluster is closed
   */
  @Override
  public synchronized void scale(int n) {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
    pool.scale(n);
  }

  /**
   * A worker under its {@link Nanny}, which restarts it when it dies, when the scheduler asks
   * ({@code client.restart()}), or, for a worker JVM, above the terminate threshold.
   */
  private WorkerProcess newWorker(String name) {
    long terminateBytes = processes ? memoryThresholds.terminateBytes(memoryLimit) : Long.MAX_VALUE;
    return new Nanny(name, incarnation -> newIncarnation(name, incarnation), terminateBytes);
  }

  private WorkerProcess newIncarnation(String name, int incarnation) {
    if (!processes) {
      return new InProcessWorker(name, WorkerServer.options(scheduler.address(), commOptions)
          .name(name)
          .nthreads(threadsPerWorker)
          .memoryLimit(memoryLimit)
          .memoryThresholds(memoryThresholds)
          .ownsProcess(false) // threads in this JVM: its memory is not theirs alone
          .localDirectory(localDirectory)
          .listenAddress(workerListenAddress)
          .heartbeatInterval(heartbeatInterval));
    }
    WorkerJvmCommand command = new WorkerJvmCommand(name, scheduler.address(), threadsPerWorker, memoryLimit,
        workerListenAddress, heartbeatInterval, tls, jvmOptions, memoryThresholds, scratch.path());
    String log = incarnation == 1 ? name : name + "-" + incarnation;
    return new JvmWorkerProcess(command, commOptions.token(), scratch.logFile(log));
  }

  /**
   * The process ids of the worker JVMs running now, by worker name; empty without processes. For
   * supervision and tests (a worker killed through its pid is restarted by its nanny).
   */
  public synchronized Map<String, Long> workerPids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (WorkerProcess worker : pool.workers()) {
      if (worker instanceof Nanny nanny && nanny.pid() > 0) {
        pids.put(worker.name(), nanny.pid());
      }
    }
    return pids;
  }

  /** How many times each worker was restarted by its nanny so far, by worker name. */
  public synchronized Map<String, Integer> workerRestarts() {
    Map<String, Integer> restarts = new LinkedHashMap<>();
    for (WorkerProcess worker : pool.workers()) {
      if (worker instanceof Nanny nanny) {
        restarts.put(worker.name(), nanny.restarts());
      }
    }
    return restarts;
  }

  /**
   * Retires these workers gracefully (the scheduler copies the results only they hold to other
   * workers first; their nannies do not restart them) and waits until they have left.
   *
   * @param addresses the workers' addresses, as {@link #workers()} lists them
   * @throws JaskException if they have not left within the start timeout
   */
  public void retireWorkers(List<String> addresses) {
    try {
      scheduler.retireWorkers(addresses, startTimeout).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new JaskException("retiring " + addresses + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while retiring " + addresses, e);
    }
  }

  @Override
  public synchronized int requestedWorkers() {
    return pool.workers().size();
  }

  @Override
  public Adaptive adapt(Adaptive.Options options) {
    return scaling.adapt(options);
  }

  @Override
  public AutoCloseable onWorkersChanged(Consumer<WorkerChange> listener) {
    return scaling.onWorkersChanged(listener);
  }

  @Override
  public synchronized Map<String, String> logs() {
    Map<String, String> logs = new LinkedHashMap<>();
    for (WorkerProcess worker : pool.workers()) {
      worker.output().ifPresent(text -> logs.put(worker.name(), text));
    }
    return logs;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    scaling.close(); // before taking the lock: a decision in progress holds it
    List<WorkerProcess> toStop;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = pool.removeAll();
    }
    // The scheduler first: workers see its connection close and stop by themselves, all at once.
    scheduler.close();
    for (WorkerProcess worker : toStop) {
      worker.stop(WorkerPool.STOP_GRACE);
    }
    deleteQuietly(scratch);
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook is about to run and will find the cluster closed
      }
    }
    log.info("Local cluster at {} closed", scheduler.address());
  }

  private static void deleteQuietly(ScratchDirectory scratch) {
    if (scratch == null) {
      return;
    }
    try {
      scratch.delete();
    } catch (IOException e) {
      log.warn("Could not delete the cluster's directory {}: {}", scratch.path(), e.toString());
    }
  }

  /** As Dask's repr: address, workers, threads and memory, as the scheduler sees them now. */
  @Override
  public String toString() {
    if (closed) {
      return "LocalCluster[" + scheduler.address() + ", closed]";
    }
    List<Messages.WorkerInfo> infos = scheduler.identitySnapshot().workers();
    int threads = infos.stream().mapToInt(Messages.WorkerInfo::nthreads).sum();
    long memory = infos.stream().mapToLong(Messages.WorkerInfo::memoryLimit).sum();
    return "LocalCluster[" + scheduler.address() + ", workers=" + infos.size() + ", threads=" + threads
        + ", memory=" + ByteSize.ofBytes(memory) + (processes ? ", processes" : "")
        + dashboardLink().map(link -> ", dashboard=" + link).orElse("") + "]";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String bracket(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

}
