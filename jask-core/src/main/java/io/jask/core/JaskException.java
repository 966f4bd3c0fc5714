package io.jask.core;

/**
 * The root of Jask's exceptions. Everything Jask throws on its own account is one of these;
 * a failed task arrives as a {@link TaskFailedException} carrying the user's exception as cause.
 */
public class JaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JaskException(String message) {
    super(message);
  }

  public JaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
