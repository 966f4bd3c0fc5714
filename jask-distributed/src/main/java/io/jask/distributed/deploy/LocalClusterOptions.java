package io.jask.distributed.deploy;

import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommAddress;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.worker.MemoryThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@link LocalCluster}; the lesson's {@code Client(processes=False,
 * threads_per_worker=4, n_workers=1, memory_limit='2GB')} is
 *
 * <pre>{@code
 * LocalCluster.start(c -> c.processes(false).threadsPerWorker(4).nWorkers(1).memoryLimit("2GB"))
 * }</pre>
 *
 * <p>Every setter fails fast with a message naming the bad value. What is left unset gets Dask's
 * defaults: workers and threads split the machine's cores, memory splits its physical memory, the
 * scheduler listens on loopback on a free port, and a fresh random token guards it.
 */
public final class LocalClusterOptions {
  Integer nWorkers;
  Integer threadsPerWorker;
  boolean processes;
  Long memoryLimit;
  String host = CommAddress.DEFAULT_HOST;
  int port;
  String schedulerAddress;
  AuthToken token;
  TlsFiles tls;
  Duration heartbeatTimeout = Duration.ofSeconds(30);
  Duration startTimeout = Duration.ofSeconds(60);
  SchedulerConfig schedulerConfig = SchedulerConfig.defaults();
  List<String> jvmOptions = List.of();
  Path localDirectory;
  /** Where the dashboard listens; null for no dashboard. */
  DashboardAddress dashboardAddress = DashboardAddress.DEFAULT;
  /** Whether the dashboard was asked for explicitly: then a missing jask-dashboard is an error. */
  boolean dashboardRequested;
  MemoryThresholds memoryThresholds = MemoryThresholds.defaults();

  LocalClusterOptions() {}

  /**
   * How many workers to start (default: 1 without processes; with processes, as Dask, the
   * machine's cores split between workers and threads, about evenly).
   *
   * @throws IllegalArgumentException if negative
   */
  public LocalClusterOptions nWorkers(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("nWorkers cannot be negative, got " + n);
    }
    this.nWorkers = n;
    return this;
  }

  /**
   * Threads running tasks in each worker (default: the cores divided among the workers).
   *
   * @throws IllegalArgumentException if below 1
   */
  public LocalClusterOptions threadsPerWorker(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threadsPerWorker must be at least 1, got " + n);
    }
    this.threadsPerWorker = n;
    return this;
  }

  /**
   * Whether each worker is its own JVM (true) or threads inside this one (false, the default).
   * The JVM has no global interpreter lock, so threads in one JVM already run tasks in parallel;
   * separate JVMs isolate heaps and crashes, at the cost of a JVM start per worker and of results
   * crossing process boundaries.
   */
  public LocalClusterOptions processes(boolean value) {
    this.processes = value;
    return this;
  }

  /**
   * Memory per worker, such as {@code "2GB"} or {@code "512MiB"} (default: the machine's physical
   * memory divided among the workers). A worker JVM's heap is sized to it.
   *
   * @throws IllegalArgumentException if not a size, or zero
   */
  public LocalClusterOptions memoryLimit(String size) {
    return memoryLimit(ByteSize.parse(size));
  }

  /**
   * Memory per worker.
   *
   * @throws IllegalArgumentException if zero
   */
  public LocalClusterOptions memoryLimit(ByteSize size) {
    Objects.requireNonNull(size, "size");
    if (size.bytes() == 0) {
      throw new IllegalArgumentException("memoryLimit must be more than 0 bytes");
    }
    this.memoryLimit = size.bytes();
    return this;
  }

  /**
   * The interface the scheduler listens on (default {@code 127.0.0.1}: nothing is reachable from
   * the network unless asked for). Workers listen on the same one.
   */
  public LocalClusterOptions host(String value) {
    this.host = Objects.requireNonNull(value, "host");
    return this;
  }

  /**
   * The scheduler's port (default 0: any free port).
   *
   * @throws IllegalArgumentException if not 0 to 65535
   */
  public LocalClusterOptions port(int value) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + value);
    }
    this.port = value;
    return this;
  }

  /**
   * The scheduler's full address, such as {@code tcp://127.0.0.1:8786} or {@code inproc://} (in
   * this JVM only, without processes); overrides {@link #host} and {@link #port}.
   *
   * @throws IllegalArgumentException if it does not parse
   */
  public LocalClusterOptions schedulerAddress(String address) {
    CommAddress.parse(address);
    this.schedulerAddress = address;
    return this;
  }

  /** The cluster's token (default: a fresh random one, see {@link AuthToken#generate()}). */
  public LocalClusterOptions token(AuthToken value) {
    this.token = Objects.requireNonNull(value, "token");
    return this;
  }

  /**
   * Certificates for mutual TLS: the scheduler then listens on {@code tls://}, and every worker
   * and client must present a certificate signed by {@code trustedAuthorities}.
   */
  public LocalClusterOptions tls(Path certificateChain, Path privateKey, Path trustedAuthorities) {
    this.tls = new TlsFiles(certificateChain, privateKey, trustedAuthorities);
    return this;
  }

  /**
   * How long a worker may stay silent before the scheduler takes it for dead (default 30 s). A
   * worker whose connection closes, as one whose process dies does, is noticed at once.
   *
   * @throws IllegalArgumentException if below 100 ms
   */
  public LocalClusterOptions heartbeatTimeout(Duration value) {
    this.heartbeatTimeout = atLeast("heartbeatTimeout", value, Duration.ofMillis(100));
    return this;
  }

  /**
   * How long starting workers may take, from launch to registration (default 60 s).
   *
   * @throws IllegalArgumentException if not positive
   */
  public LocalClusterOptions startTimeout(Duration value) {
    this.startTimeout = atLeast("startTimeout", value, Duration.ofMillis(1));
    return this;
  }

  /** The scheduler's tuning (default {@link SchedulerConfig#defaults()}). */
  public LocalClusterOptions schedulerConfig(SchedulerConfig value) {
    this.schedulerConfig = Objects.requireNonNull(value, "schedulerConfig");
    return this;
  }

  /** Extra options for worker JVMs, such as {@code -XX:+UseParallelGC} (processes only). */
  public LocalClusterOptions jvmOptions(List<String> values) {
    this.jvmOptions = List.copyOf(values);
    return this;
  }

  /**
   * Where the cluster keeps its files (worker logs, spilled results), in a directory of its own
   * that it deletes on close (default: the system's temporary directory).
   */
  public LocalClusterOptions localDirectory(Path value) {
    this.localDirectory = Objects.requireNonNull(value, "localDirectory");
    return this;
  }

  /**
   * Where the dashboard listens, as {@code ":8787"} (the default: loopback, port 8787, or the next
   * free port above it), {@code "127.0.0.1:0"} (any free port) or {@code "0.0.0.0:8787"}. The
   * dashboard comes from the {@code jask-dashboard} module, which must be on the classpath.
   *
   * @throws IllegalArgumentException naming the text if it is not an address
   */
  public LocalClusterOptions dashboardAddress(String address) {
    this.dashboardAddress = DashboardAddress.parse(address);
    this.dashboardRequested = true;
    return this;
  }

  /**
   * Whether to serve a dashboard (default: yes, when the {@code jask-dashboard} module is on the
   * classpath). {@code dashboard(true)} without that module fails when the cluster starts.
   */
  public LocalClusterOptions dashboard(boolean serve) {
    this.dashboardAddress = serve ? (dashboardAddress != null ? dashboardAddress : DashboardAddress.DEFAULT) : null;
    this.dashboardRequested = serve;
    return this;
  }

  /**
   * When workers spill, pause and are restarted, as fractions of their memory limit (default
   * {@link MemoryThresholds#defaults()}: 0.6, 0.8, 0.95).
   */
  public LocalClusterOptions memoryThresholds(MemoryThresholds value) {
    this.memoryThresholds = Objects.requireNonNull(value, "memoryThresholds");
    return this;
  }

  /**
   * Above this share of its memory limit a worker spills its least recently used results to disk
   * (default 0.6; 0 never spills).
   *
   * @throws IllegalArgumentException if not from 0 to 1, or above the pause threshold
   */
  public LocalClusterOptions memoryTarget(double fraction) {
    return memoryThresholds(memoryThresholds.withTarget(fraction));
  }

  /**
   * Above this share of its memory limit a worker starts no new task (default 0.8; 0 never
   * pauses).
   *
   * @throws IllegalArgumentException if not from 0 to 1, or out of order with the others
   */
  public LocalClusterOptions memoryPause(double fraction) {
    return memoryThresholds(memoryThresholds.withPause(fraction));
  }

  /**
   * Above this share of its memory limit (resident memory) a worker process is killed and
   * restarted by its nanny (default 0.95; 0 never; processes only).
   *
   * @throws IllegalArgumentException if not from 0 to 1, or below the pause threshold
   */
  public LocalClusterOptions memoryTerminate(double fraction) {
    return memoryThresholds(memoryThresholds.withTerminate(fraction));
  }

  private static Duration atLeast(String what, Duration value, Duration minimum) {
    Objects.requireNonNull(value, what);
    if (value.compareTo(minimum) < 0) {
      throw new IllegalArgumentException(what + " must be at least " + minimum.toMillis() + " ms, got " + value);
    }
    return value;
  }

  // ---- defaults, resolved when the cluster starts ----

  /** The number of workers to start with. */
  int resolvedWorkers(int cores) {
    if (nWorkers != null) {
      return nWorkers;
    }
    if (threadsPerWorker != null) {
      return Math.max(1, cores / threadsPerWorker);
    }
    return processes ? daskProcesses(cores) : 1;
  }

  /** Threads per worker. */
  int resolvedThreads(int cores) {
    if (threadsPerWorker != null) {
      return threadsPerWorker;
    }
    return Math.max(1, cores / Math.max(1, resolvedWorkers(cores)));
  }

  /** Memory per worker: the machine's divided among the workers first started. */
  long resolvedMemoryLimit(int cores, long machineMemory) {
    if (memoryLimit != null) {
      return memoryLimit;
    }
    return machineMemory / Math.max(1, resolvedWorkers(cores));
  }

  /** The scheduler's listening address. */
  String resolvedSchedulerAddress() {
    if (schedulerAddress != null) {
      return schedulerAddress;
    }
    String scheme = tls != null ? "tls" : "tcp";
    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return scheme + "://" + bracketed + ":" + port;
  }

  /**
   * Dask's split of {@code cores} into worker processes: one per core up to 4, beyond that the
   * smallest factor of {@code cores} at least its square root, so threads and processes balance.
   */
  static int daskProcesses(int cores) {
    if (cores <= 4) {
      return Math.max(1, cores);
    }
    for (int f = (int) Math.ceil(Math.sqrt(cores)); f <= cores; f++) {
      if (cores % f == 0) {
        return f;
      }
    }
    return cores;
  }
}
