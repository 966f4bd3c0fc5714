package io.jask.deploy;

import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start an {@link SshCluster}, as Dask's {@code SSHCluster}: the hosts (the first runs the
 * scheduler, the others the workers; a single host runs both), how to log in, and how to run Java
 * there.
 *
 * <pre>{@code
 * SshCluster.start(o -> o.hosts("login1", "node1", "node2")
 *     .connect(SshConnectOptions.defaults().withUser("alice").withIdentityFile(Path.of("/home/alice/.ssh/id_ed25519")))
 *     .java("/opt/java17/bin/java").classpath("/home/alice/jask/jask.jar")
 *     .nWorkers(4).threadsPerWorker(8).memoryLimit("16GB"));
 * }</pre>
 */
public final class SshClusterOptions {
  List<String> hosts;
  SshConnectOptions connect = SshConnectOptions.defaults();
  int nWorkers = 1;
  int threadsPerWorker = 1;
  long memoryLimit = 1L << 30;
  String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  String classpath = System.getProperty("java.class.path");
  List<String> schedulerJvmOptions = List.of();
  List<String> workerJvmOptions = List.of();
  int schedulerPort;
  String remoteDirectory = "/tmp";
  Duration startTimeout = Duration.ofSeconds(60);
  Duration heartbeatTimeout = Duration.ofSeconds(30);
  int dashboardPort = DashboardTunnel.DEFAULT_PORT;
  AuthToken token;

  SshClusterOptions() {}

  /**
   * The hosts, as SSH reaches them: the first runs the scheduler; workers go to the others in
   * turn, or to the first when it is the only one. Scheduler and workers listen on these names.
   *
   * @throws IllegalArgumentException if none is given or one is blank
   */
  public SshClusterOptions hosts(String... values) {
    return hosts(List.of(values));
  }

  /** See {@link #hosts(String...)}. */
  public SshClusterOptions hosts(List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("hosts: give at least one host");
    }
    for (String h : values) {
      if (h == null || h.isBlank() || h.contains(" ")) {
        throw new IllegalArgumentException("hosts: not a host name: '" + h + "'");
      }
    }
    this.hosts = List.copyOf(values);
    return this;
  }

  /** How to log in (default {@link SshConnectOptions#defaults()}). */
  public SshClusterOptions connect(SshConnectOptions value) {
    this.connect = Objects.requireNonNull(value, "connect");
    return this;
  }

  /**
   * Workers to start with (default 1).
   *
   * @throws IllegalArgumentException if negative
   */
  public SshClusterOptions nWorkers(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("nWorkers cannot be negative, got " + value);
    }
    this.nWorkers = value;
    return this;
  }

  /**
   * Task threads per worker (default 1).
   *
   * @throws IllegalArgumentException if below 1
   */
  public SshClusterOptions threadsPerWorker(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("threadsPerWorker must be at least 1, got " + value);
    }
    this.threadsPerWorker = value;
    return this;
  }

  /**
   * Memory per worker, such as {@code "4GB"} (default 1 GiB); the worker's heap is sized to it.
   *
   * @throws IllegalArgumentException if not a size, or zero
   */
  public SshClusterOptions memoryLimit(String size) {
    long bytes = ByteSize.parse(size).bytes();
    if (bytes == 0) {
      throw new IllegalArgumentException("memoryLimit must be more than 0 bytes, got '" + size + "'");
    }
    this.memoryLimit = bytes;
    return this;
  }

  /**
   * The {@code java} command on the hosts (default: this JVM's path, right when the hosts share
   * this machine's layout). A remote command's environment has no {@code JAVA_HOME} unless the
   * login files set it, so give a full path.
   */
  public SshClusterOptions java(String value) {
    this.java = Objects.requireNonNull(value, "java");
    return this;
  }

  /** The class path on the hosts, holding Jask and the user's classes (default: this JVM's). */
  public SshClusterOptions classpath(String value) {
    this.classpath = Objects.requireNonNull(value, "classpath");
    return this;
  }

  /** Extra options for the scheduler JVM. */
  public SshClusterOptions schedulerJvmOptions(List<String> values) {
    this.schedulerJvmOptions = List.copyOf(values);
    return this;
  }

  /** Extra options for the worker JVMs. */
  public SshClusterOptions workerJvmOptions(List<String> values) {
    this.workerJvmOptions = List.copyOf(values);
    return this;
  }

  /**
   * The scheduler's port (default 0: any free one).
   *
   * @throws IllegalArgumentException if not 0 to 65535
   */
  public SshClusterOptions schedulerPort(int value) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException("schedulerPort must be 0 to 65535, got " + value);
    }
    this.schedulerPort = value;
    return this;
  }

  /**
   * Where on each host the cluster makes its private directory (token, logs), deleted on close
   * (default {@code /tmp}).
   */
  public SshClusterOptions remoteDirectory(String value) {
    this.remoteDirectory = Objects.requireNonNull(value, "remoteDirectory");
    return this;
  }

  /**
   * How long the scheduler or a worker may take to start and register (default 60 s).
   *
   * @throws IllegalArgumentException if not positive
   */
  public SshClusterOptions startTimeout(Duration value) {
    Objects.requireNonNull(value, "startTimeout");
    if (value.toMillis() < 1) {
      throw new IllegalArgumentException("startTimeout must be positive, got " + value);
    }
    this.startTimeout = value;
    return this;
  }

  /**
   * How long a worker may stay silent before the scheduler takes it for dead (default 30 s).
   *
   * @throws IllegalArgumentException if below 100 ms
   */
  public SshClusterOptions heartbeatTimeout(Duration value) {
    Objects.requireNonNull(value, "heartbeatTimeout");
    if (value.toMillis() < 100) {
      throw new IllegalArgumentException("heartbeatTimeout must be at least 100 ms, got " + value);
    }
    this.heartbeatTimeout = value;
    return this;
  }

  /** The dashboard's port on the scheduler host, for {@link SshCluster#dashboard()} (default 8787). */
  public SshClusterOptions dashboardPort(int value) {
    if (value < 1 || value > 65_535) {
      throw new IllegalArgumentException("dashboardPort must be 1 to 65535, got " + value);
    }
    this.dashboardPort = value;
    return this;
  }

  /** The cluster's token (default: a fresh random one). */
  public SshClusterOptions token(AuthToken value) {
    this.token = Objects.requireNonNull(value, "token");
    return this;
  }

  /** The hosts workers go to. */
  List<String> workerHosts() {
    return hosts.size() == 1 ? hosts : hosts.subList(1, hosts.size());
  }
}
