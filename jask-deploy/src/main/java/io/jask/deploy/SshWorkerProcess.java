package io.jask.deploy;

import io.jask.distributed.deploy.WorkerProcess;
import io.jask.distributed.worker.WorkerMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A worker JVM on a remote host, started over SSH in the background ({@link RemoteProcess}). It
 * reads the token from a file in the cluster's private directory on that host. {@link #finished()}
 * completes when the cluster finds the process gone ({@link #poll()}) or stops it.
 */
final class SshWorkerProcess implements WorkerProcess {
  private final String name;
  private final SshSession host;
  private final String directory;
  private final List<String> command;
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();
  private RemoteProcess process;

  SshWorkerProcess(String name, SshSession host, String directory, List<String> command) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = Objects.requireNonNull(host, "host");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.command = List.copyOf(command);
  }

  /** The command line of a worker registering with {@code schedulerAddress}; it holds no secret. */
  static List<String> command(SshClusterOptions o, String name, String hostName, String schedulerAddress,
      String tokenFile) {
    List<String> c = new ArrayList<>();
    c.add(o.java);
    c.add("-Xmx" + (Math.max(64L << 20, o.memoryLimit) >> 20) + "m");
    c.add("-XX:+ExitOnOutOfMemoryError");
    c.addAll(o.workerJvmOptions);
    c.add("-cp");
    c.add(o.classpath);
    c.add(WorkerMain.class.getName());
    c.add(schedulerAddress);
    c.add("--name");
    c.add(name);
    c.add("--nthreads");
    c.add(Integer.toString(o.threadsPerWorker));
    c.add("--memory-limit");
    c.add(Long.toString(o.memoryLimit));
    c.add("--listen-address");
    c.add("tcp://" + (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":0");
    c.add("--token-file");
    c.add(tokenFile);
    return c;
  }

  @Override
  public String name() {
    return name;
  }

  /** The host it runs on, as given. */
  @Override
  public String location() {
    return host();
  }

  /** The host it runs on, as given. */
  String host() {
    return host.host();
  }

  /** Its process id on its host, or -1 before it started. */
  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  @Override
  public synchronized void start() {
    if (process != null || finished.isDone()) {
      throw new IllegalStateException("worker " + name + " was started before");
    }
    try {
      process = RemoteProcess.start(host, directory, command, directory + "/" + name + ".log");
    } catch (RuntimeException e) {
      finished.complete(-1);
      throw e;
    }
  }

  @Override
  public CompletableFuture<Integer> finished() {
    return finished;
  }

  /** Checks over SSH whether it still runs; completes {@link #finished()} if not. */
  synchronized boolean poll() {
    if (process == null || finished.isDone()) {
      return !finished.isDone();
    }
    if (!process.alive()) {
      finished.complete(-1);
      return false;
    }
    return true;
  }

  /** Stops its process group: SIGTERM, then SIGKILL after {@code grace}. */
  @Override
  public synchronized void stop(Duration grace) {
    if (process != null && !finished.isDone()) {
      process.stop(grace);
      finished.complete(-1);
    }
  }

  @Override
  public synchronized Optional<String> output() {
    return process == null ? Optional.empty() : Optional.of(process.output());
  }

  @Override
  public String toString() {
    return "SshWorkerProcess[" + name + ", " + process + "]";
  }
}
