package io.jask.deploy;

import io.jask.distributed.worker.WorkerMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the script a batch cluster submits: the batch system's header, the user's prologue, then
 * the workers, in the foreground of the job so that the batch system can stop them (one worker
 * {@code exec}s; several run side by side and the script waits for them). The token is read from
 * a file only the user can read: it appears neither in the script nor on a command line.
 */
final class JobScript {
  /** The smallest heap a worker JVM gets. */
  private static final long MIN_HEAP = 64L << 20;

  private JobScript() {}

  /**
   * The script.
   *
   * @param schedulerAddress where workers register
   * @param tokenFile the token's file, as the compute nodes see it
   * @param logDirectory where job output and worker logs go
   */
  static String render(BatchSystem system, JobQueueOptions o, String schedulerAddress, String tokenFile,
      String logDirectory) {
    List<String> lines = new ArrayList<>();
    lines.add("#!/usr/bin/env bash");
    lines.add("");
    lines.addAll(system.directives(o, logDirectory));
    lines.add("");
    lines.addAll(o.prologue);
    lines.add("JASK_JOB_ID=\"${" + system.jobIdVariable() + "}\"");
    lines.add("JASK_HOST=\"" + o.workerHost.replace("\"", "\\\"") + "\"");
    if (o.localDirectory != null) {
      lines.add("cd \"" + o.localDirectory.replace("\"", "\\\"") + "\" || exit 1");
    }
    if (o.processes == 1) {
      lines.add("exec " + worker(o, schedulerAddress, tokenFile, logDirectory, 0));
    } else {
      // The batch system signals the whole job; the trap also passes a TERM on to the workers.
      lines.add("trap 'kill $(jobs -p) 2>/dev/null' TERM");
      for (int i = 0; i < o.processes; i++) {
        lines.add(worker(o, schedulerAddress, tokenFile, logDirectory, i) + " &");
      }
      lines.add("wait");
    }
    return String.join("\n", lines) + "\n";
  }

  /** One worker's command line, its output redirected to its own log. */
  private static String worker(JobQueueOptions o, String schedulerAddress, String tokenFile, String logDirectory,
      int index) {
    String name = "\"" + o.jobName + "-${JASK_JOB_ID}-" + index + "\"";
    List<String> words = new ArrayList<>();
    words.add(Shell.quote(o.java));
    words.add("-Xmx" + (Math.max(MIN_HEAP, o.memoryPerWorker()) >> 20) + "m");
    words.add("-XX:+ExitOnOutOfMemoryError");
    o.jvmOptions.forEach(opt -> words.add(Shell.quote(opt)));
    words.add("-cp");
    words.add(Shell.quote(o.classpath));
    words.add(WorkerMain.class.getName());
    words.add(Shell.quote(schedulerAddress));
    words.add("--name");
    words.add(name);
    words.add("--nthreads");
    words.add(Integer.toString(o.threadsPerWorker()));
    words.add("--memory-limit");
    words.add(Long.toString(o.memoryPerWorker()));
    words.add("--listen-address");
    words.add("\"tcp://${JASK_HOST}:0\"");
    words.add("--token-file");
    words.add(Shell.quote(tokenFile));
    Duration lifetime = o.resolvedLifetime();
    if (lifetime != null) {
      words.add("--lifetime");
      words.add(lifetime.toMillis() + "ms");
      Duration stagger = o.resolvedStagger();
      if (!stagger.isZero()) {
        words.add("--lifetime-stagger");
        words.add(stagger.toMillis() + "ms");
      }
    }
    String log = "\"" + logDirectory + "/" + o.jobName + "-${JASK_JOB_ID}-" + index + ".log\"";
    return String.join(" ", words) + " >" + log + " 2>&1";
  }

  /** The name worker {@code index} of job {@code jobId} registers under. */
  static String workerName(JobQueueOptions o, String jobId, int index) {
    return o.jobName + "-" + jobId + "-" + index;
  }

  /** The log file of that worker. */
  static String workerLog(JobQueueOptions o, String logDirectory, String jobId, int index) {
    return logDirectory + "/" + workerName(o, jobId, index) + ".log";
  }
}
