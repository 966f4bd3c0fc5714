package io.jask.deploy;

import io.jask.core.JaskException;
import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.deploy.Adaptive;
import io.jask.distributed.deploy.Cluster;
import io.jask.distributed.deploy.ClusterScaling;
import io.jask.distributed.deploy.SchedulerControl;
import io.jask.distributed.deploy.WorkerChange;
import io.jask.distributed.deploy.WorkerPool;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler and workers started over SSH on a list of hosts, as Dask's {@code SSHCluster}: the
 * first host runs the scheduler, the others the workers (a single host runs both). Nothing needs
 * to be installed there but Java and the class path.
 *
 * <pre>
 *  this JVM ──SSH──▶ host 1: mkdir (private) ◀─token on stdin── ; SchedulerMain in the background
 *           ──SSH──▶ host 2…: mkdir (private) ◀─token on stdin── ; WorkerMain ×k in the background
 *  client ──tcp──▶ scheduler on host 1 ◀──tcp── workers
 * </pre>
 *
 * <p>The token reaches each host on the standard input of an SSH command, which writes it to a
 * file only the user can read in the cluster's directory there; no command line ever holds it.
 * Remote processes run in sessions of their own with all their streams redirected; {@link
 * #close()} stops their process groups (SIGTERM, then SIGKILL) and deletes the directories. An
 * unreachable host, or a scheduler or worker that fails to start, gives an error naming the host
 * with the remote output.
 *
 * <p>The dashboard listens on the scheduler host's loopback: {@link #dashboard()} says how to
 * forward it to a laptop.
 */
public final class SshCluster implements Cluster {
  private static final Logger log = LoggerFactory.getLogger(SshCluster.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = WorkerPool.STOP_GRACE;

  private final SshClusterOptions options;
  /** Host → its session and the cluster's directory there. */
  private final Map<String, RemoteHost> hosts;
  private final RemoteProcess schedulerProcess;
  private final String schedulerAddress;
  private final CommOptions commOptions;
  private final ClusterScaling scaling;
  /** The workers, started on the worker hosts in turn; guarded by {@code this}. */
  private final WorkerPool<SshWorkerProcess> pool;
  private final Thread shutdownHook;
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closed;

  private record RemoteHost(SshSession session, String directory) {}

  private SshCluster(SshClusterOptions options, Map<String, RemoteHost> hosts, RemoteProcess schedulerProcess,
      String schedulerAddress, CommOptions commOptions, SchedulerControl control) {
    this.options = options;
    this.hosts = hosts;
    this.schedulerProcess = schedulerProcess;
    this.schedulerAddress = schedulerAddress;
    this.commOptions = commOptions;
    this.scaling = new ClusterScaling(this, control);
    this.pool = new WorkerPool<>(control, this::newWorker, SshWorkerProcess::poll, options.startTimeout);
    // Remote processes and batch jobs outlive this JVM unless stopped: stop them if it exits first.
    this.shutdownHook = new Thread(this::close, "jask-" + getClass().getSimpleName() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Options to fill in and pass to {@link #start(SshClusterOptions)}. */
  public static SshClusterOptions options() {
    return new SshClusterOptions();
  }

  /** Starts a cluster configured by {@code configure}, and waits until its workers have registered. */
  public static SshCluster start(Consumer<SshClusterOptions> configure) {
    SshClusterOptions o = options();
    configure.accept(o);
    return start(o);
  }

  /**
   * Starts the scheduler and the first workers, and waits until the workers have registered.
   *
   * @throws IllegalArgumentException if no hosts are given
   * @throws JaskException naming the host, with the remote output, if a host cannot be reached or
   *     the scheduler or a worker fails to start; nothing is left running
   */
  public static SshCluster start(SshClusterOptions options) {
    Objects.requireNonNull(options, "options");
    if (options.hosts == null) {
      throw new IllegalArgumentException("hosts: give at least one host");
    }
    AuthToken token = options.token != null ? options.token : AuthToken.generate();
    Map<String, RemoteHost> hosts = new LinkedHashMap<>();
    RemoteProcess scheduler = null;
    SchedulerControl control = null;
    try {
      for (String host : options.hosts) {
        if (!hosts.containsKey(host)) {
          hosts.put(host, prepare(host, options, token));
        }
      }
      String first = options.hosts.get(0);
      RemoteHost schedulerHost = hosts.get(first);
      scheduler = startScheduler(first, schedulerHost, options);
      String address = awaitAddress(first, schedulerHost, scheduler, options.startTimeout);
      CommOptions commOptions = Protocol.commOptions(token, null);
      control = SchedulerControl.connect(address, commOptions);
      SshCluster cluster = new SshCluster(options, hosts, scheduler, address, commOptions, control);
      log.info("SSH cluster: scheduler at {} ({})", address, scheduler);
      try {
        cluster.scale(options.nWorkers);
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      return cluster;
    } catch (RuntimeException e) {
      if (control != null) {
        control.close();
      }
      if (scheduler != null) {
        scheduler.stop(STOP_GRACE);
      }
      for (RemoteHost h : hosts.values()) {
        cleanUp(h);
      }
      throw e;
    }
  }

  /** Logs in, makes the cluster's private directory and writes the token there (sent on stdin). */
  private static RemoteHost prepare(String host, SshClusterOptions o, AuthToken token) {
    SshSession session = SshSession.open(host, o.connect);
    try {
      String command = "umask 077 && d=$(mktemp -d " + Shell.quote(o.remoteDirectory) + "/jask-cluster-XXXXXXXX)"
          + " && cat > \"$d/token\" && echo \"$d\"";
      String dir = session.run("make the cluster's directory", command, token.value() + "\n", COMMAND_TIMEOUT).strip();
      if (!dir.startsWith("/")) {
        throw new JaskException("making the cluster's directory on " + host + " printed '" + dir + "'");
      }
      return new RemoteHost(session, dir);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static RemoteProcess startScheduler(String host, RemoteHost h, SshClusterOptions o) {
    List<String> command = new ArrayList<>();
    command.add(o.java);
    command.addAll(o.schedulerJvmOptions);
    command.add("-cp");
    command.add(o.classpath);
    command.add(SchedulerMain.class.getName());
    command.add("--listen");
    command.add("tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + o.schedulerPort);
    command.add("--token-file");
    command.add(h.directory + "/token");
    command.add("--address-file");
    command.add(h.directory + "/scheduler-address");
    command.add("--heartbeat-timeout");
    command.add(Long.toString(o.heartbeatTimeout.toMillis()));
    return RemoteProcess.start(h.session, h.directory, command, h.directory + "/scheduler.log");
  }

  private static String awaitAddress(String host, RemoteHost h, RemoteProcess scheduler, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String file = Shell.quote(h.directory + "/scheduler-address");
    while (true) {
      CommandResult r = h.session.exec("cat " + file + " 2>/dev/null; " + RemoteProcess.aliveTest(scheduler.pid()),
          null, COMMAND_TIMEOUT);
      String[] lines = r.stdout().strip().split("\n");
      if (lines.length == 2 && lines[0].startsWith("tcp://")) {
        return lines[0].strip();
      }
      if (r.stdout().strip().endsWith("gone")) {
        throw new JaskException("the scheduler on " + host + " stopped before it listened; its output:\n"
            + Shell.tail(scheduler.output(), 4000));
      }
      if (System.nanoTime() > deadline) {
        throw new JaskException("the scheduler on " + host + " did not listen within " + timeout.toSeconds()
            + " s; its output:\n" + Shell.tail(scheduler.output(), 4000));
      }
      pause(Duration.ofMillis(100));
    }
  }

  @Override
  public String schedulerAddress() {
    return schedulerAddress;
  }

  @Override
  public CommOptions commOptions() {
    return commOptions;
  }

  /** The host running the scheduler. */
  public String schedulerHost() {
    return options.hosts.get(0);
  }

  @Override
  public List<String> workers() {
    if (closed) {
      return List.of();
    }
    return scaling.scheduler().identity().workers().stream().map(Messages.WorkerInfo::address).toList();
  }

  /** Where each worker runs: name → host and process id there. */
  public synchronized Map<String, String> workerProcesses() {
    Map<String, String> out = new LinkedHashMap<>();
    pool.workers().forEach(w -> out.put(w.name(), w.host() + ":" + w.pid()));
    return out;
  }

  /**
   * How to reach the dashboard from a laptop: the {@code ssh -L} command forwarding it from the
   * scheduler host, and the link (with the token) to open afterwards.
   */
  public DashboardTunnel dashboard() {
    return new DashboardTunnel(options.connect.user(), schedulerHost(), options.connect.port(),
        options.dashboardPort, options.dashboardPort, commOptions.token());
  }

  @Override
  public synchronized int requestedWorkers() {
    return pool.size();
  }

  /**
   * {@inheritDoc}
   *
   * <p>New workers go to the worker hosts in turn. Workers that died since the last call are not
   * counted.
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

  /** A worker on the next worker host in turn. */
  private SshWorkerProcess newWorker(int number) {
    List<String> workerHosts = options.workerHosts();
    String host = workerHosts.get(number % workerHosts.size());
    RemoteHost h = hosts.get(host);
    String name = "ssh-worker-" + number;
    return new SshWorkerProcess(name, h.session, h.directory,
        SshWorkerProcess.command(options, name, host, schedulerAddress, h.directory + "/token"));
  }

  @Override
  public Adaptive adapt(Adaptive.Options adaptiveOptions) {
    return scaling.adapt(adaptiveOptions);
  }

  @Override
  public AutoCloseable onWorkersChanged(Consumer<WorkerChange> listener) {
    return scaling.onWorkersChanged(listener);
  }

  /** Each worker's output so far (the last 64 KiB), read over SSH, by worker name. */
  @Override
  public synchronized Map<String, String> logs() {
    Map<String, String> logs = new LinkedHashMap<>();
    for (SshWorkerProcess worker : pool.workers()) {
      worker.output().ifPresent(text -> logs.put(worker.name(), text));
    }
    return logs;
  }

  /** The cluster's directory on each host, by host; for tests. */
  Map<String, String> directories() {
    Map<String, String> out = new LinkedHashMap<>();
    hosts.forEach((host, h) -> out.put(host, h.directory()));
    return out;
  }

  /** The scheduler's output so far (the last 64 KiB). */
  public String schedulerLog() {
    return schedulerProcess.output();
  }

  /**
   * Stops adapting, every worker and the scheduler (their process groups: SIGTERM, then SIGKILL),
   * deletes the cluster's directory on every host and logs out. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return; // closed, or closing on another thread (this JVM's shutdown hook, say)
    }
    scaling.close();
    List<SshWorkerProcess> toStop;
    synchronized (this) {
      closed = true;
      toStop = pool.removeAll();
    }
    for (SshWorkerProcess worker : toStop) {
      worker.stop(STOP_GRACE);
    }
    schedulerProcess.stop(STOP_GRACE);
    for (RemoteHost h : hosts.values()) {
      cleanUp(h);
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook will find the cluster closed
      }
    }
    log.info("SSH cluster at {} closed", schedulerAddress);
  }

  private static void cleanUp(RemoteHost h) {
    try {
      h.session.exec("rm -rf " + Shell.quote(h.directory), null, COMMAND_TIMEOUT);
    } catch (JaskException e) {
      log.warn("Could not delete {} on {}: {}", h.directory, h.session.host(), e.getMessage());
    } finally {
      h.session.close();
    }
  }

  /** Address, hosts and workers, and how to reach the dashboard (the token left out). */
  @Override
  public String toString() {
    if (closed) {
      return "SshCluster[" + schedulerAddress + ", closed]";
    }
    int n;
    synchronized (this) {
      n = pool.workers().size();
    }
    return "SshCluster[" + schedulerAddress + ", hosts=" + options.hosts + ", workers=" + n + ", threads="
        + n * options.threadsPerWorker + ", memory=" + ByteSize.ofBytes(n * options.memoryLimit)
        + ", dashboard: " + dashboard() + "]";
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while waiting", e);
    }
  }
}
