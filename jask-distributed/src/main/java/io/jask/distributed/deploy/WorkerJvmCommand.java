package io.jask.distributed.deploy;

import io.jask.distributed.worker.WorkerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line that starts a worker JVM: this JVM's own {@code java} and class path, a heap
 * sized to the worker's memory limit, and {@link WorkerMain}'s options. It never holds the token:
 * a command line is readable by every user of the machine, so the token goes through the child's
 * standard input instead.
 *
 * @param name the worker's name
 * @param schedulerAddress where the worker registers
 * @param nthreads task threads
 * @param memoryLimit bytes; the heap is sized to it
 * @param listenAddress where the worker serves peers and clients
 * @param heartbeatInterval how often the worker reports to the scheduler
 * @param tls the cluster's certificate files, or null
 * @param jvmOptions extra options for the worker JVM, before the main class
 */
record WorkerJvmCommand(
    String name,
    String schedulerAddress,
    int nthreads,
    long memoryLimit,
    String listenAddress,
    Duration heartbeatInterval,
    TlsFiles tls,
    List<String> jvmOptions) {

  /** The smallest heap a worker gets, whatever its memory limit: the JVM and transport need it. */
  static final long MIN_HEAP = 64L << 20;

  WorkerJvmCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedulerAddress, "schedulerAddress");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** The full command, starting with the path of the {@code java} binary. */
  List<String> toList() {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Xmx" + (Math.max(MIN_HEAP, memoryLimit) >> 20) + "m");
    // A worker out of heap is broken for good: exiting lets the scheduler notice at once and
    // recompute its results elsewhere, where a half-dead JVM would hang its tasks.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorkerMain.class.getName());
    command.add(schedulerAddress);
    command.add("--name");
    command.add(name);
    command.add("--nthreads");
    command.add(Integer.toString(nthreads));
    command.add("--memory-limit");
    command.add(Long.toString(memoryLimit));
    command.add("--listen-address");
    command.add(listenAddress);
    command.add("--heartbeat-interval");
    command.add(Long.toString(Math.max(1, heartbeatInterval.toMillis())));
    command.add("--token-stdin");
    if (tls != null) {
      command.add("--tls-cert");
      command.add(tls.certificateChain().toAbsolutePath().toString());
      command.add("--tls-key");
      command.add(tls.privateKey().toAbsolutePath().toString());
      command.add("--tls-ca");
      command.add(tls.trustedAuthorities().toAbsolutePath().toString());
    }
    return command;
  }

  /** This JVM's own {@code java}, so workers run the same Java as the cluster's owner. */
  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
