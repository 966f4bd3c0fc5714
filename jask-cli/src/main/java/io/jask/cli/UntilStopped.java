package io.jask.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Keeps a server running until it ends by itself, the JVM is told to stop (SIGINT, SIGTERM), or
 * the calling thread is interrupted; then closes it cleanly.
 */
final class UntilStopped {
  private UntilStopped() {}

  /**
   * Blocks until {@code ended} completes or a stop is asked for, then runs {@code close} once.
   *
   * @param ended completes when the server has ended on its own (never, for a scheduler)
   * @param close closes the server; idempotent
   */
  static void run(CompletableFuture<?> ended, Runnable close) {
    CompletableFuture<Void> stop = new CompletableFuture<>();
    ended.whenComplete((ok, error) -> stop.complete(null));
    // On SIGINT/SIGTERM the JVM runs this hook, and exits once it returns: close there.
    Thread hook = new Thread(() -> {
      close.run();
      stop.complete(null);
    }, "jask-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      stop.get();
    } catch (InterruptedException e) {
      interrupted = true; // restored after closing, which waits for the server's threads
    } catch (ExecutionException e) {
      throw new IllegalStateException("stop is only ever completed normally", e);
    } finally {
      close.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run; nothing to undo
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
