package io.jask.deploy;

import io.jask.core.JaskException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a batch system's command ({@code sbatch}, {@code squeue}, {@code qdel}…) on this machine. */
final class LocalCommand {
  private LocalCommand() {}

  /**
   * Runs {@code command} with {@code stdin} (or none), waits up to {@code timeout}.
   *
   * @throws JaskException naming the command if it cannot be started or does not finish in time
   */
  static CommandResult run(List<String> command, String stdin, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new JaskException("cannot run " + command.get(0) + ": " + e.getMessage()
          + " (is it installed and on the PATH?)", e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // it did not read its input; its exit status and output say why
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new JaskException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new CommandResult(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while running " + command.get(0), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new JaskException("cannot read the output of " + command.get(0) + ": " + e, e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
