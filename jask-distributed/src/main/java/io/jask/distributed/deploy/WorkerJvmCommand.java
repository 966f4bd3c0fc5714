package io.jask.distributed.deploy;

import io.jask.core.util.IncubatorModules;
import io.jask.distributed.worker.MemoryThresholds;
import io.jask.distributed.worker.WorkerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line that starts a worker JVM: this JVM's own {@code java}, class path and
 * incubating modules ({@link IncubatorModules}), a heap that fits the worker's memory limit with
 * room for what the JVM needs outside its heap ({@link #heapFor}), and {@link WorkerMain}'s
 * options. It never holds the token:
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
 * @param thresholds when the worker spills, pauses and is restarted
 * @param localDirectory where the worker spills results, or null for the temporary directory
 */
record WorkerJvmCommand(
    String name,
    String schedulerAddress,
    int nthreads,
    long memoryLimit,
    String listenAddress,
    Duration heartbeatInterval,
    TlsFiles tls,
    List<String> jvmOptions,
    MemoryThresholds thresholds,
    Path localDirectory) {

  /** The smallest heap a worker gets, whatever its memory limit: the JVM and transport need it. */
  static final long MIN_HEAP = 64L << 20;

  /**
   * What a worker JVM needs outside its heap, at least: metaspace, JIT code, thread stacks, GC
   * tables and transport buffers. A quarter of the limit is kept for them when that is more.
   */
  static final long NATIVE_RESERVE = 160L << 20;

  /** A command with the default memory thresholds, spilling to the temporary directory. */
  WorkerJvmCommand(String name, String schedulerAddress, int nthreads, long memoryLimit, String listenAddress,
      Duration heartbeatInterval, TlsFiles tls, List<String> jvmOptions) {
    this(name, schedulerAddress, nthreads, memoryLimit, listenAddress, heartbeatInterval, tls, jvmOptions,
        MemoryThresholds.defaults(), null);
  }

  /**
   * The heap of a worker with this memory limit: the limit less what the JVM needs outside its
   * heap, so that a full heap keeps the process below its terminate threshold and the nanny only
   * restarts a worker whose memory really ran away.
   */
  static long heapFor(long memoryLimit) {
    return Math.max(MIN_HEAP, memoryLimit - Math.max(NATIVE_RESERVE, memoryLimit / 4));
  }

  WorkerJvmCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedulerAddress, "schedulerAddress");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    jvmOptions = List.copyOf(jvmOptions);
    Objects.requireNonNull(thresholds, "thresholds");
  }

  /** The full command, starting with the path of the {@code java} binary. */
  List<String> toList() {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Xmx" + (heapFor(memoryLimit) >> 20) + "m");
    // A worker out of heap is broken for good: exiting lets the scheduler notice at once and
    // recompute its results elsewhere, where a half-dead JVM would hang its tasks.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(IncubatorModules.options());
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
    command.add("--memory-target");
    command.add(Double.toString(thresholds.target()));
    command.add("--memory-pause");
    command.add(Double.toString(thresholds.pause()));
    command.add("--memory-terminate");
    command.add(Double.toString(thresholds.terminate()));
    if (localDirectory != null) {
      command.add("--local-directory");
      command.add(localDirectory.toAbsolutePath().toString());
    }
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
