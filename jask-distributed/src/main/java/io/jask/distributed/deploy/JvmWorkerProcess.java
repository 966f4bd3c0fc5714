package io.jask.distributed.deploy;

import io.jask.core.JaskException;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.worker.WorkerMain;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a child JVM on this machine ({@code processes(true)}), running {@link WorkerMain}.
 *
 * <p>The token is written to the child's standard input, never onto its command line or into its
 * environment (both readable by others, and the environment is inherited by whatever the worker's
 * tasks start). The pipe then stays open: when this JVM stops the worker, or dies, the pipe ends
 * and the worker stops itself. Standard output and error go to a log file.
 */
final class JvmWorkerProcess implements WorkerProcess {
  private final WorkerJvmCommand command;
  private final AuthToken token;
  private final Path logFile;
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();
  private Process process;
  private OutputStream stdin;

  JvmWorkerProcess(WorkerJvmCommand command, AuthToken token, Path logFile) {
    this.command = Objects.requireNonNull(command, "command");
    this.token = Objects.requireNonNull(token, "token");
    this.logFile = Objects.requireNonNull(logFile, "logFile");
  }

  @Override
  public String name() {
    return command.name();
  }

  @Override
  public synchronized void start() {
    if (process != null || finished.isDone()) {
      throw new IllegalStateException("worker " + name() + " was started before");
    }
    ProcessBuilder builder = new ProcessBuilder(command.toList())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    // The child reads its token from stdin only; a token in our own environment is not its business.
    builder.environment().remove(WorkerMain.TOKEN_VARIABLE);
    try {
      process = builder.start();
    } catch (IOException e) {
      finished.complete(-1);
      throw new JaskException("cannot start worker " + name() + " (" + command.toList().get(0) + "): " + e.getMessage(), e);
    }
    process.onExit().thenAccept(p -> finished.complete(p.exitValue()));
    stdin = process.getOutputStream();
    try {
      stdin.write((token.value() + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      // The child died at once; finished() and its log say why.
    }
  }

  /** The child's process id, or -1 before it started. */
  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  @Override
  public CompletableFuture<Integer> finished() {
    return finished;
  }

  /**
   * Ends the child's standard input (it stops on its own), then after half of {@code grace} sends
   * SIGTERM, and after the rest SIGKILL. Processes the worker started are killed too.
   */
  @Override
  public synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    // Taken before the worker exits: afterwards its children are orphans we could not find.
    List<ProcessHandle> descendants = process.descendants().toList();
    closeStdin();
    long half = Math.max(1, grace.toMillis() / 2);
    if (!waitFor(half) && process.isAlive()) {
      process.destroy();
      if (!waitFor(half)) {
        process.destroyForcibly();
        waitFor(TimeUnit.SECONDS.toMillis(10));
      }
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private void closeStdin() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already broken: the child is gone or going
    }
  }

  private boolean waitFor(long millis) {
    try {
      return process.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  @Override
  public Optional<String> output() {
    try {
      return Optional.of(new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "JvmWorkerProcess[" + name() + ", pid " + pid() + "]";
  }
}
