package io.jask.deploy;

import io.jask.core.util.ByteSize;
import io.jask.distributed.comm.AuthToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a batch cluster ({@link SlurmCluster}, {@link PbsCluster}) asks for its workers, as
 * dask-jobqueue's keyword arguments: each job runs {@code processes} worker JVMs sharing {@code
 * cores} and {@code memory}, for at most {@code walltime}.
 *
 * <pre>{@code
 * SlurmCluster.start(o -> o.cores(8).processes(2).memory("16GB").walltime("01:00:00")
 *     .queue("regular").account("myproject").jvmOptions(List.of("-XX:+UseParallelGC")));
 * }</pre>
 *
 * <p>Every setter fails fast with a message naming the bad value.
 */
public final class JobQueueOptions {
  String jobName = "jask-worker";
  int cores = 1;
  int processes = 1;
  long memory = 1L << 30;
  Duration walltime = Duration.ofMinutes(30);
  String queue;
  String account;
  List<String> extraDirectives = List.of();
  List<String> prologue = List.of();
  String localDirectory;
  Path logDirectory;
  Path sharedDirectory;
  List<String> jvmOptions = List.of();
  String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  String classpath = System.getProperty("java.class.path");
  String schedulerHost = "127.0.0.1";
  int schedulerPort;
  String workerHost = "127.0.0.1";
  Duration lifetime;
  Duration lifetimeStagger;
  Duration heartbeatTimeout = Duration.ofSeconds(30);
  Path commandDirectory;
  Duration pollInterval = Duration.ofMillis(500);
  AuthToken token;

  JobQueueOptions() {}

  /** The jobs' name in the queue, and the prefix of worker names (default {@code jask-worker}). */
  public JobQueueOptions jobName(String value) {
    Objects.requireNonNull(value, "jobName");
    if (!value.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("jobName may hold letters, digits, '_', '.' and '-' only, got '" + value + "'");
    }
    this.jobName = value;
    return this;
  }

  /**
   * Cores per job, shared by its worker processes as task threads (default 1).
   *
   * @throws IllegalArgumentException if below 1
   */
  public JobQueueOptions cores(int value) {
    this.cores = atLeastOne("cores", value);
    return this;
  }

  /**
   * Worker JVMs per job (default 1); each gets {@code cores / processes} threads and {@code memory
   * / processes} memory.
   *
   * @throws IllegalArgumentException if below 1
   */
  public JobQueueOptions processes(int value) {
    this.processes = atLeastOne("processes", value);
    return this;
  }

  /**
   * Memory per job, such as {@code "16GB"} (default 1 GiB).
   *
   * @throws IllegalArgumentException if not a size, or zero
   */
  public JobQueueOptions memory(String size) {
    long bytes = ByteSize.parse(size).bytes();
    if (bytes == 0) {
      throw new IllegalArgumentException("memory must be more than 0 bytes, got '" + size + "'");
    }
    this.memory = bytes;
    return this;
  }

  /**
   * How long a job may run, as {@code HH:MM:SS} (or {@code D-HH:MM:SS}) (default 00:30:00).
   *
   * @throws IllegalArgumentException if it does not parse, or is zero
   */
  public JobQueueOptions walltime(String value) {
    return walltime(Walltime.parse(value));
  }

  /**
   * How long a job may run (default 30 minutes); batch systems count it in whole seconds or minutes.
   *
   * @throws IllegalArgumentException if under one second
   */
  public JobQueueOptions walltime(Duration value) {
    Objects.requireNonNull(value, "walltime");
    if (value.getSeconds() < 1) {
      throw new IllegalArgumentException("walltime must be at least 1 second, got " + value);
    }
    this.walltime = value;
    return this;
  }

  /** The queue (PBS) or partition (SLURM) to submit to (default: the system's default). */
  public JobQueueOptions queue(String value) {
    this.queue = Objects.requireNonNull(value, "queue");
    return this;
  }

  /** The account or project charged for the jobs (default: none given). */
  public JobQueueOptions account(String value) {
    this.account = Objects.requireNonNull(value, "account");
    return this;
  }

  /**
   * More directives for the script's header, without the prefix, such as {@code "--exclusive"}
   * (SLURM) or {@code "-l place=scatter"} (PBS).
   */
  public JobQueueOptions extraDirectives(List<String> values) {
    this.extraDirectives = checkedLines("extraDirectives", values);
    return this;
  }

  /** Shell lines run before the workers start, such as {@code "module load java/17"}. */
  public JobQueueOptions prologue(List<String> values) {
    this.prologue = checkedLines("prologue", values);
    return this;
  }

  /**
   * The directory on the compute node where workers run (the job {@code cd}s there), such as
   * {@code "$TMPDIR"} (default: where the job starts).
   */
  public JobQueueOptions localDirectory(String value) {
    this.localDirectory = Objects.requireNonNull(value, "localDirectory");
    return this;
  }

  /**
   * Where the jobs' output and each worker's log go; kept after the cluster closes (default: the
   * cluster's own directory, deleted when it closes).
   */
  public JobQueueOptions logDirectory(Path value) {
    this.logDirectory = Objects.requireNonNull(value, "logDirectory").toAbsolutePath();
    return this;
  }

  /**
   * Where the cluster keeps its token file and job scripts, in a directory of its own deleted on
   * close; must be readable from the compute nodes (default: the temporary directory, fine when
   * jobs run on this machine).
   */
  public JobQueueOptions sharedDirectory(Path value) {
    this.sharedDirectory = Objects.requireNonNull(value, "sharedDirectory").toAbsolutePath();
    return this;
  }

  /** Extra options for the worker JVMs, such as {@code -XX:+UseParallelGC}. */
  public JobQueueOptions jvmOptions(List<String> values) {
    this.jvmOptions = List.copyOf(values);
    return this;
  }

  /** The {@code java} command on the compute nodes (default: this JVM's own). */
  public JobQueueOptions java(String value) {
    this.java = Objects.requireNonNull(value, "java");
    return this;
  }

  /** The worker JVMs' class path on the compute nodes (default: this JVM's own). */
  public JobQueueOptions classpath(String value) {
    this.classpath = Objects.requireNonNull(value, "classpath");
    return this;
  }

  /**
   * The interface the scheduler listens on; jobs must reach it (default {@code 127.0.0.1}: only
   * jobs on this machine can). On a cluster, the login node's address on the compute network.
   */
  public JobQueueOptions schedulerHost(String value) {
    this.schedulerHost = Objects.requireNonNull(value, "schedulerHost");
    return this;
  }

  /**
   * The scheduler's port (default 0: any free one).
   *
   * @throws IllegalArgumentException if not 0 to 65535
   */
  public JobQueueOptions schedulerPort(int value) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException("schedulerPort must be 0 to 65535, got " + value);
    }
    this.schedulerPort = value;
    return this;
  }

  /**
   * The interface workers listen on, evaluated by the job's shell, such as {@code
   * "$(hostname -i)"} (default {@code 127.0.0.1}).
   */
  public JobQueueOptions workerHost(String value) {
    this.workerHost = Objects.requireNonNull(value, "workerHost");
    return this;
  }

  /**
   * How long each worker lives before it retires gracefully, so that it leaves before the batch
   * system kills it; the cluster submits a replacement job (default: the walltime less a margin
   * of a tenth of it, at least 10 s and at most 5 minutes).
   *
   * @throws IllegalArgumentException if not positive
   */
  public JobQueueOptions lifetime(Duration value) {
    Objects.requireNonNull(value, "lifetime");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive, got " + value);
    }
    this.lifetime = value;
    return this;
  }

  /**
   * How far lifetimes may differ at random, either way, so that workers do not all leave at once
   * (default: half the walltime's margin, at most a minute).
   */
  public JobQueueOptions lifetimeStagger(Duration value) {
    Objects.requireNonNull(value, "lifetimeStagger");
    if (value.isNegative()) {
      throw new IllegalArgumentException("lifetimeStagger must not be negative, got " + value);
    }
    this.lifetimeStagger = value;
    return this;
  }

  /**
   * How long a worker may stay silent before the scheduler takes it for dead (default 30 s).
   *
   * @throws IllegalArgumentException if below 100 ms
   */
  public JobQueueOptions heartbeatTimeout(Duration value) {
    Objects.requireNonNull(value, "heartbeatTimeout");
    if (value.toMillis() < 100) {
      throw new IllegalArgumentException("heartbeatTimeout must be at least 100 ms, got " + value);
    }
    this.heartbeatTimeout = value;
    return this;
  }

  /** The directory holding the batch system's commands (default: found on the PATH). */
  public JobQueueOptions commandDirectory(Path value) {
    this.commandDirectory = Objects.requireNonNull(value, "commandDirectory");
    return this;
  }

  /**
   * How often the cluster checks its jobs, to notice those that ended and replace them (default
   * 500 ms).
   *
   * @throws IllegalArgumentException if below 10 ms
   */
  public JobQueueOptions pollInterval(Duration value) {
    Objects.requireNonNull(value, "pollInterval");
    if (value.toMillis() < 10) {
      throw new IllegalArgumentException("pollInterval must be at least 10 ms, got " + value);
    }
    this.pollInterval = value;
    return this;
  }

  /** The cluster's token (default: a fresh random one). */
  public JobQueueOptions token(AuthToken value) {
    this.token = Objects.requireNonNull(value, "token");
    return this;
  }

  // ---- resolved ----

  /** Task threads per worker. */
  int threadsPerWorker() {
    return Math.max(1, cores / processes);
  }

  /** Memory per worker, in bytes. */
  long memoryPerWorker() {
    return Math.max(1, memory / processes);
  }

  /** The margin between a worker's lifetime and the walltime. */
  Duration margin() {
    Duration tenth = walltime.dividedBy(10);
    Duration min = Duration.ofSeconds(10);
    Duration max = Duration.ofMinutes(5);
    return tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth;
  }

  /** Each worker's lifetime, or null if the walltime is too short for any margin. */
  Duration resolvedLifetime() {
    if (lifetime != null) {
      return lifetime;
    }
    Duration life = walltime.minus(margin());
    return life.isNegative() || life.isZero() ? null : life;
  }

  /** The stagger of lifetimes. */
  Duration resolvedStagger() {
    if (lifetimeStagger != null) {
      return lifetimeStagger;
    }
    if (lifetime != null) {
      return Duration.ZERO;
    }
    Duration half = margin().dividedBy(2);
    return half.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : half;
  }

  /** The path of a batch command: in {@link #commandDirectory} if given, else by name. */
  String command(String name) {
    return commandDirectory == null ? name : commandDirectory.resolve(name).toString();
  }

  private static int atLeastOne(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
    return value;
  }

  private static List<String> checkedLines(String what, List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      Objects.requireNonNull(v, what);
      if (v.contains("\n")) {
        throw new IllegalArgumentException(what + " entries must be single lines, got '" + v + "'");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }
}
