package io.jask.core;

/**
 * The thread waiting for a computation was interrupted. The computation was cancelled: tasks
 * already running finish, no new ones start. The thread's interrupt status is set again.
 */
public class ComputationInterruptedException extends JaskException {
  private static final long serialVersionUID = 1L;

  public ComputationInterruptedException(String message, InterruptedException cause) {
    super(message, cause);
  }
}
