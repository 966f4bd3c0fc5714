package io.jask.distributed.protocol;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A failure as it travels from a worker's task to the scheduler and on to clients: the exception's
 * class name, its message, and the stack trace as text, as printed where it was thrown, so that the
 * caller sees where the remote task threw. Neither the scheduler nor the client needs the exception
 * object itself.
 *
 * @param exceptionClass the fully qualified class name of the exception, or one of the names the
 *     scheduler itself produces ({@link #KILLED_WORKER}, {@link #LOST_DATA}, {@link
 *     #MISSING_DEPENDENCY})
 * @param message the exception's message; empty if it had none
 * @param stackTrace the remote stack trace, or for the scheduler's own errors the story of the
 *     task; empty if unknown
 */
public record ErrorInfo(String exceptionClass, String message, String stackTrace) {
  /** The task was running on too many workers that died ({@code allowedFailures} exceeded). */
  public static final String KILLED_WORKER = "io.jask.distributed.KilledWorkerException";

  /** Data with no lineage (scattered, not computed) was lost with every worker that held it. */
  public static final String LOST_DATA = "io.jask.distributed.LostDataException";

  /** The cluster was restarted ({@code client.restart()}) before the task ended. */
  public static final String RESTARTED = "io.jask.distributed.ClusterRestartedException";

  /** A submitted task depends on a key that is neither in its graph nor known to the scheduler. */
  public static final String MISSING_DEPENDENCY = "io.jask.distributed.MissingDependencyException";

  /**
   * A failure description; a null message or stack trace becomes empty.
   *
   * @throws NullPointerException if {@code exceptionClass} is null
   */
  public ErrorInfo {
    Objects.requireNonNull(exceptionClass, "exceptionClass");
    message = message == null ? "" : message;
    stackTrace = stackTrace == null ? "" : stackTrace;
  }

  /** The error of a {@link Throwable} caught on this JVM, with its stack trace as text. */
  public static ErrorInfo of(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return new ErrorInfo(t.getClass().getName(), t.getMessage(), trace.toString());
  }

  /** {@code class: message}, the way Java prints an exception. */
  @Override
  public String toString() {
    return message.isEmpty() ? exceptionClass : exceptionClass + ": " + message;
  }
}
