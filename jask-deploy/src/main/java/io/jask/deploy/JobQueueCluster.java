package io.jask.deploy;

import io.jask.core.JaskException;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.deploy.Adaptive;
import io.jask.distributed.deploy.Cluster;
import io.jask.distributed.deploy.ClusterScaling;
import io.jask.distributed.deploy.SchedulerControl;
import io.jask.distributed.deploy.WorkerChange;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster whose workers run in batch jobs, as dask-jobqueue's {@code JobQueueCluster}: the
 * scheduler runs in this JVM, and each job runs {@code processes} workers that register with it.
 * {@link SlurmCluster} and {@link PbsCluster} differ only in their {@link BatchSystem}.
 *
 * <pre>
 *  this JVM: SchedulerServer ◀──register── worker JVMs, in the foreground of job scripts
 *      │ monitor (every pollInterval): which jobs still run? which workers registered?
 *      └─▶ sbatch/qsub job.sh when fewer jobs than the target; scancel/qdel to scale down
 * </pre>
 *
 * <p>The cluster keeps its target number of jobs: a job that ends for any reason (cancelled by
 * someone, killed, its workers retired at the end of their lifetime before the walltime) is
 * replaced, and the scheduler reschedules the work its workers held, so the computation carries
 * on. A job that ends before any of its workers registered counts as a failed start; after three
 * in a row the cluster stops submitting and {@link #waitForWorkers} reports the jobs' output.
 *
 * <p>Scaling up returns once the jobs are submitted (they may wait in the queue for long); {@link
 * #waitForWorkers} waits for them. Scaling down cancels queued jobs first, then retires workers
 * gracefully through the scheduler and cancels their jobs.
 */
public abstract sealed class JobQueueCluster implements Cluster permits SlurmCluster, PbsCluster {
  private static final Logger log = LoggerFactory.getLogger(JobQueueCluster.class);
  /** How long a retirement may take to copy a worker's results away before it is stopped anyway. */
  private static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(30);
  /** Failed starts in a row after which no more jobs are submitted. */
  private static final int MAX_FAILED_STARTS = 3;

  private final BatchSystem system;
  private final JobQueueOptions options;
  private final ClusterFiles files;
  private final Path tokenFile;
  private final String logDirectory;
  private final SchedulerServer scheduler;
  private final CommOptions commOptions;
  private final ClusterScaling scaling;
  private final Thread monitor;
  /** Job id → job, in submission order; guarded by {@code this}. */
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  /** Guarded by {@code this}. */
  private final List<Duration> joinTimes = new ArrayList<>();
  private int targetJobs;
  private int scripts;
  private int failedStarts;
  private String lastFailure;
  private final Thread shutdownHook;
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closed;

  /** One submitted job; guarded by the cluster. */
  private static final class Job {
    final String id;
    final long submittedNanos = System.nanoTime();
    /** Names of its workers that have registered at some point. */
    final Set<String> joined = new HashSet<>();
    /** When its first worker registered (nanoTime), or 0. */
    long joinedNanos;
    /**
     * Whether its workers are near the end of their lifetime and a replacement has been asked
     * for: it no longer counts towards the target.
     */
    boolean replaced;

    Job(String id) {
      this.id = id;
    }
  }

  JobQueueCluster(BatchSystem system, JobQueueOptions options) {
    this.system = system;
    this.options = options;
    this.files = ClusterFiles.create(options.sharedDirectory);
    SchedulerServer started = null;
    try {
      AuthToken token = options.token != null ? options.token : AuthToken.generate();
      this.tokenFile = files.writeToken(token);
      Path logs = options.logDirectory != null ? options.logDirectory : files.path().resolve("logs");
      Files.createDirectories(logs);
      this.logDirectory = logs.toString();
      this.commOptions = Protocol.commOptions(token, null);
      String host = options.schedulerHost.contains(":") ? "[" + options.schedulerHost + "]" : options.schedulerHost;
      started = SchedulerServer.start("tcp://" + host + ":" + options.schedulerPort, commOptions,
          SchedulerConfig.defaults(), options.heartbeatTimeout);
      this.scheduler = started;
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.close();
      }
      deleteQuietly();
      throw e instanceof RuntimeException re ? re : new JaskException("cannot create the log directory: " + e, e);
    }
    this.scaling = new ClusterScaling(this, SchedulerControl.of(scheduler));
    this.monitor = new Thread(this::watchJobs, "jask-" + system.name().toLowerCase() + "-jobs");
    this.monitor.setDaemon(true);
    this.monitor.start();
    // Remote processes and batch jobs outlive this JVM unless stopped: stop them if it exits first.
    this.shutdownHook = new Thread(this::close, "jask-" + getClass().getSimpleName() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The cluster's own directory (token, scripts, default logs); for tests. */
  Path directory() {
    return files.path();
  }

  /** The batch system's name. */
  public String batchSystem() {
    return system.name();
  }

  /** The script each job runs, exactly as it is submitted. */
  public String jobScript() {
    return JobScript.render(system, options, scheduler.address(), tokenFile.toString(), logDirectory);
  }

  @Override
  public String schedulerAddress() {
    return scheduler.address();
  }

  @Override
  public CommOptions commOptions() {
    return commOptions;
  }

  @Override
  public List<String> workers() {
    if (closed) {
      return List.of();
    }
    return scheduler.identitySnapshot().workers().stream().map(Messages.WorkerInfo::address).toList();
  }

  /** The ids of the jobs submitted and not known to have ended, oldest first. */
  public synchronized List<String> jobIds() {
    return List.copyOf(jobs.keySet());
  }

  /**
   * For each job whose first worker has registered: how long it took from submission to that
   * registration, oldest first.
   */
  public synchronized List<Duration> joinTimes() {
    return List.copyOf(joinTimes);
  }

  @Override
  public synchronized int requestedWorkers() {
    return targetJobs * options.processes;
  }

  /** The ids of the jobs whose workers are near the end of their lifetime and are being replaced. */
  public synchronized List<String> retiringJobIds() {
    return jobs.values().stream().filter(j -> j.replaced).map(j -> j.id).toList();
  }

  /**
   * Asks for {@code n} workers: {@code ceil(n / processes)} jobs. Returns once jobs are submitted
   * or cancelled; see {@link #waitForWorkers}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws JaskException with the batch system's output if a submission fails
   */
  @Override
  public void scale(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a cluster cannot have " + n + " workers");
    }
    scaleJobs((n + options.processes - 1) / options.processes);
  }

  /**
   * Asks for {@code n} jobs: submits or cancels jobs until that many are queued or running.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException if the cluster is closed
   */
  public synchronized void scaleJobs(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a cluster cannot have " + n + " jobs");
    }
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
    targetJobs = n;
    failedStarts = 0;
    lastFailure = null;
    int live = liveJobs();
    if (live < n) {
      submit(n - live);
    } else if (live > n) {
      shrink(live - n);
    }
  }

  /**
   * Waits until at least {@code n} workers have registered.
   *
   * @throws JaskException naming the job and with its output if jobs keep ending before their
   *     workers register, or if {@code timeout} passes first
   */
  public void waitForWorkers(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (workers().size() < n) {
      synchronized (this) {
        if (failedStarts >= MAX_FAILED_STARTS) {
          throw new JaskException(MAX_FAILED_STARTS + " " + system.name() + " jobs in a row ended before their"
              + " workers registered with the scheduler at " + schedulerAddress() + "; the last: " + lastFailure);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new JaskException("only " + workers().size() + " of " + n + " workers registered within "
            + timeout.toSeconds() + " s; jobs: " + jobIds()
            + (lastFailure == null ? "" : "; a job ended before its workers registered: " + lastFailure));
      }
      pause(Duration.ofMillis(50));
    }
  }

  @Override
  public Adaptive adapt(Adaptive.Options adaptiveOptions) {
    return scaling.adapt(adaptiveOptions);
  }

  @Override
  public AutoCloseable onWorkersChanged(Consumer<WorkerChange> listener) {
    return scaling.onWorkersChanged(listener);
  }

  /** Each worker's log so far, by worker name, for the jobs this cluster knows. */
  @Override
  public synchronized Map<String, String> logs() {
    Map<String, String> logs = new LinkedHashMap<>();
    for (Job job : jobs.values()) {
      for (int i = 0; i < options.processes; i++) {
        Path file = Path.of(JobScript.workerLog(options, logDirectory, job.id, i));
        try {
          logs.put(JobScript.workerName(options, job.id, i), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          // not started yet
        }
      }
    }
    return logs;
  }

  // ---- jobs ----

  private void submit(int count) {
    String script = jobScript();
    for (int i = 0; i < count; i++) {
      Path file = files.path().resolve("job-" + (++scripts) + ".sh");
      try {
        Files.writeString(file, script, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new JaskException("cannot write the job script " + file + ": " + e, e);
      }
      List<String> command = system.submit(options, file.toString());
      CommandResult r = LocalCommand.run(command, null, BatchSystem.COMMAND_TIMEOUT);
      if (!r.ok()) {
        throw new JaskException(String.join(" ", command) + " failed (exit status " + r.exitStatus() + "): "
            + Shell.tail(r.output(), 2000));
      }
      String id = system.jobId(r.stdout());
      jobs.put(id, new Job(id));
      log.info("Submitted {} job {}", system.name(), id);
    }
  }

  /** The jobs that count towards the target: all but those being replaced. */
  private int liveJobs() {
    return (int) jobs.values().stream().filter(j -> !j.replaced).count();
  }

  private void shrink(int excess) {
    List<String> cancel = new ArrayList<>();
    // Queued jobs first, newest first: cancelling them loses nothing.
    List<Job> newestFirst = new ArrayList<>(jobs.values());
    newestFirst.removeIf(j -> j.replaced);
    java.util.Collections.reverse(newestFirst);
    for (Job job : newestFirst) {
      if (cancel.size() < excess && job.joined.isEmpty()) {
        cancel.add(job.id);
      }
    }
    if (cancel.size() < excess) {
      int more = excess - cancel.size();
      List<Messages.WorkerInfo> retired =
          scaling.scheduler().retireWorkers(List.of(), more * options.processes, RETIRE_TIMEOUT);
      Map<String, Integer> retiredPerJob = new HashMap<>();
      for (Messages.WorkerInfo w : retired) {
        String job = jobOf(w.name());
        if (job != null && jobs.containsKey(job) && !cancel.contains(job)) {
          retiredPerJob.merge(job, 1, Integer::sum);
        }
      }
      retiredPerJob.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
          .limit(more)
          .forEach(e -> cancel.add(e.getKey()));
      for (Job job : newestFirst) {
        if (cancel.size() < excess && !cancel.contains(job.id)) {
          cancel.add(job.id);
        }
      }
    }
    cancelJobs(cancel);
    Set<String> names = new HashSet<>();
    for (String id : cancel) {
      for (int i = 0; i < options.processes; i++) {
        names.add(JobScript.workerName(options, id, i));
      }
    }
    long deadline = System.nanoTime() + RETIRE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline
        && scheduler.identitySnapshot().workers().stream().anyMatch(w -> names.contains(w.name()))) {
      pause(Duration.ofMillis(50));
    }
  }

  private void cancelJobs(List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    ids.forEach(jobs::remove);
    List<String> command = system.cancel(options, ids);
    CommandResult r = LocalCommand.run(command, null, BatchSystem.COMMAND_TIMEOUT);
    if (!r.ok()) {
      log.warn("{} failed (exit status {}): {}", String.join(" ", command), r.exitStatus(), r.output());
    } else {
      log.info("Cancelled {} jobs {}", system.name(), ids);
    }
  }

  /** The job id in a worker's name ({@code jobName-ID-i}), or null for another worker. */
  private String jobOf(String workerName) {
    String prefix = options.jobName + "-";
    int dash = workerName.lastIndexOf('-');
    if (!workerName.startsWith(prefix) || dash <= prefix.length()) {
      return null;
    }
    return workerName.substring(prefix.length(), dash);
  }

  private void watchJobs() {
    while (!closed) {
      try {
        Thread.sleep(options.pollInterval.toMillis());
        check();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          log.warn("Checking the {} jobs failed: {}", system.name(), e.toString());
        }
      }
    }
  }

  /** Notes workers that joined, forgets jobs that ended, and submits jobs to make up the target. */
  private void check() {
    // Jobs submitted after these snapshots were taken are judged next time.
    long snapshot = System.nanoTime();
    Set<String> registered = new HashSet<>();
    for (Messages.WorkerInfo w : scheduler.identitySnapshot().workers()) {
      registered.add(w.name());
    }
    Optional<Set<String>> active = system.activeJobs(options);
    synchronized (this) {
      if (closed) {
        return;
      }
      for (Job job : List.copyOf(jobs.values())) {
        if (job.submittedNanos - snapshot > 0) {
          continue;
        }
        boolean present = false;
        for (int i = 0; i < options.processes; i++) {
          String name = JobScript.workerName(options, job.id, i);
          if (registered.contains(name)) {
            present = true;
            if (job.joined.isEmpty()) {
              job.joinedNanos = System.nanoTime();
              Duration took = Duration.ofNanos(job.joinedNanos - job.submittedNanos);
              joinTimes.add(took);
              log.info("{} job {}: first worker registered {} ms after submission", system.name(), job.id,
                  took.toMillis());
            }
            job.joined.add(name);
          }
        }
        boolean ended = active.isPresent()
            ? !active.get().contains(job.id) && !present
            : !job.joined.isEmpty() && !present;
        if (ended) {
          jobs.remove(job.id);
          if (job.joined.isEmpty()) {
            failedStarts++;
            lastFailure = "job " + job.id + " ended before its workers registered" + outputOf(job);
            log.warn("{} {}", system.name(), lastFailure);
          } else {
            failedStarts = 0;
            log.info("{} job {} ended; its workers have left", system.name(), job.id);
          }
        }
      }
      markReplaced();
      int live = liveJobs();
      if (live < targetJobs && failedStarts < MAX_FAILED_STARTS) {
        log.info("{} jobs running or queued, {} wanted: submitting more", live, targetJobs);
        submit(targetJobs - live);
      }
    }
  }

  /**
   * Marks the jobs whose workers will soon reach the end of their lifetime, early enough that a
   * replacement can start first and take over their results: the lead is twice the longest time
   * a job has taken to join, and at least 5 s.
   */
  private void markReplaced() {
    Duration lifetime = options.resolvedLifetime();
    if (lifetime == null) {
      return;
    }
    long longestJoin = joinTimes.stream().mapToLong(Duration::toNanos).max().orElse(0);
    long lead = Math.max(2 * longestJoin, Duration.ofSeconds(5).toNanos());
    long due = lifetime.minus(options.resolvedStagger()).toNanos() - lead;
    long now = System.nanoTime();
    for (Job job : jobs.values()) {
      if (!job.replaced && job.joinedNanos != 0 && now - job.joinedNanos >= due) {
        job.replaced = true;
        log.info("{} job {}: its workers near the end of their lifetime; a replacement is due", system.name(), job.id);
      }
    }
  }

  private String outputOf(Job job) {
    StringBuilder out = new StringBuilder();
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(logDirectory, options.jobName + "-" + job.id + ".err"));
    candidates.add(Path.of(logDirectory, options.jobName + "-" + job.id + ".out"));
    for (int i = 0; i < options.processes; i++) {
      candidates.add(Path.of(JobScript.workerLog(options, logDirectory, job.id, i)));
    }
    for (Path p : candidates) {
      try {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
          out.append("\n--- ").append(p.getFileName()).append(" ---\n").append(Shell.tail(text, 2000));
        }
      } catch (IOException e) {
        // not written
      }
    }
    return out.length() == 0 ? " (it wrote no output)" : "; its output:" + out;
  }

  // ---- closing ----

  /**
   * Stops adapting, cancels every job, waits until the batch system no longer lists them, stops
   * the scheduler and deletes the cluster's directory (and with it the logs, unless a log
   * directory was given). Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return; // closed, or closing on another thread (this JVM's shutdown hook, say)
    }
    scaling.close();
    List<String> ids;
    synchronized (this) {
      closed = true;
      ids = new ArrayList<>(jobs.keySet());
      targetJobs = 0;
    }
    monitor.interrupt();
    try {
      monitor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      cancelJobs(ids);
    }
    awaitJobsGone(ids);
    scheduler.close();
    deleteQuietly();
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook will find the cluster closed
      }
    }
    log.info("{} cluster at {} closed", system.name(), scheduler.address());
  }

  private void awaitJobsGone(List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Set<String>> active;
      try {
        active = system.activeJobs(options);
      } catch (RuntimeException e) {
        log.warn("Cannot list the {} jobs: {}", system.name(), e.toString());
        return;
      }
      if (active.isEmpty() || ids.stream().noneMatch(active.get()::contains)) {
        return;
      }
      pause(Duration.ofMillis(100));
    }
    log.warn("{} jobs {} were still listed a minute after they were cancelled", system.name(), ids);
  }

  private void deleteQuietly() {
    try {
      files.delete();
    } catch (IOException e) {
      log.warn("Could not delete the cluster's directory {}: {}", files.path(), e.toString());
    }
  }

  @Override
  public String toString() {
    String name = getClass().getSimpleName();
    if (closed) {
      return name + "[" + scheduler.address() + ", closed]";
    }
    int registered = scheduler.identitySnapshot().workers().size();
    synchronized (this) {
      return name + "[" + scheduler.address() + ", jobs=" + jobs.size() + " of " + targetJobs
          + ", workers=" + registered + ", " + options.cores + " cores and " + io.jask.core.util.ByteSize.ofBytes(options.memory)
          + " per job, " + options.processes + " per job]";
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while waiting for jobs", e);
    }
  }
}
