package io.jask.core;

import io.jask.core.graph.Key;

/**
 * A task threw. The message names the task's key; {@link #getCause()} is the original exception,
 * with its stack trace as thrown inside the task.
 */
public class TaskFailedException extends JaskException {
  private static final long serialVersionUID = 1L;
  private final Key key;

  public TaskFailedException(Key key, Throwable cause) {
    super("task '" + key + "' failed: " + describe(cause), cause);
    this.key = key;
  }

  /** The key of the task that threw. */
  public Key key() {
    return key;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getName() + (message == null ? "" : ": " + message);
  }
}
