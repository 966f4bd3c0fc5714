package io.jask.distributed.deploy;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.worker.MemoryThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A worker JVM under a nanny in this JVM, for {@code jask worker --nanny}: this JVM starts the
 * worker as a child process, restarts it when it dies, exceeds its terminate threshold or is asked
 * to restart, and stops it when this JVM stops. Each incarnation writes its output to its own log
 * file in {@code logDirectory}.
 *
 * @param name the worker's name
 * @param schedulerAddress where it registers
 * @param token the cluster's token, handed to the child on its standard input
 * @param nthreads task threads
 * @param memoryLimit bytes; the child's heap is sized to fit it
 * @param listenAddress where it serves peers and clients
 * @param tls the certificate files for {@code tls://}, or null
 * @param thresholds when it spills, pauses and is restarted
 * @param localDirectory where it spills, or null for the temporary directory
 * @param logDirectory where its output goes
 */
public record NannyWorker(String name, String schedulerAddress, AuthToken token, int nthreads, long memoryLimit,
    String listenAddress, TlsFiles tls, MemoryThresholds thresholds, Path localDirectory, Path logDirectory) {

  /** Checks the parts that must be there. */
  public NannyWorker {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedulerAddress, "schedulerAddress");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(logDirectory, "logDirectory");
    if (nthreads < 1) {
      throw new IllegalArgumentException("a worker needs at least 1 thread, got " + nthreads);
    }
  }

  /**
   * Starts the worker under its nanny.
   *
   * @return the nanny; {@link WorkerProcess#finished()} completes when it has stopped for good
   */
  public WorkerProcess start() {
    Nanny nanny = new Nanny(name, incarnation -> new JvmWorkerProcess(
        new WorkerJvmCommand(name, schedulerAddress, nthreads, memoryLimit, listenAddress, Duration.ofSeconds(1), tls,
            List.of(), thresholds, localDirectory),
        token, logDirectory.resolve("jask-" + name + "-" + incarnation + ".log")),
        thresholds.terminateBytes(memoryLimit));
    nanny.start();
    return nanny;
  }
}
