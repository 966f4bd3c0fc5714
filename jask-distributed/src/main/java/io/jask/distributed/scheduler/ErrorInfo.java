package io.jask.distributed.scheduler;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A failure as it travels between workers, scheduler and clients: the exception's class name, its
 * message, and the stack trace as text, as printed where it was thrown. The scheduler never needs
 * the exception object itself.
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
   * @throws NullPointerException if any part is null (use empty strings for unknown parts)
   */
  public ErrorInfo {
    Objects.requireNonNull(exceptionClass, "exceptionClass");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(stackTrace, "stackTrace");
  }

  /** The error of a {@link Throwable} caught on this JVM, with its stack trace as text. */
  public static ErrorInfo of(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String message = t.getMessage();
    return new ErrorInfo(t.getClass().getName(), message == null ? "" : message, trace.toString());
  }

  /** {@code class: message}, the way Java prints an exception. */
  @Override
  public String toString() {
    return message.isEmpty() ? exceptionClass : exceptionClass + ": " + message;
  }
}
