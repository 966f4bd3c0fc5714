package io.jask.distributed.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A failure as it travels to the scheduler and on to the client: the exception's class name, its
 * message and its stack trace as text, so that the caller sees where the remote task threw.
 *
 * @param exceptionClass the fully qualified class name of the exception
 * @param message the exception's message; empty when it had none
 * @param stackTrace the stack trace, as {@link Throwable#printStackTrace()} writes it
 */
public record ErrorInfo(String exceptionClass, String message, String stackTrace) {
  /** A failure description; a null message or stack trace becomes empty. */
  public ErrorInfo {
    Objects.requireNonNull(exceptionClass, "exceptionClass");
    message = message == null ? "" : message;
    stackTrace = stackTrace == null ? "" : stackTrace;
  }

  /** The description of {@code error}, stack trace included. */
  public static ErrorInfo of(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return new ErrorInfo(error.getClass().getName(), error.getMessage(), trace.toString());
  }

  @Override
  public String toString() {
    return message.isEmpty() ? exceptionClass : exceptionClass + ": " + message;
  }
}
