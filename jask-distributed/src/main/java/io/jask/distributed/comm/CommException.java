package io.jask.distributed.comm;

import io.jask.core.JaskException;

/**
 * A failure of the transport: a connection that could not be made, was refused, broke the wire
 * protocol or was closed. Messages name the address of the other side.
 */
public class CommException extends JaskException {
  private static final long serialVersionUID = 1L;

  public CommException(String message) {
    super(message);
  }

  public CommException(String message, Throwable cause) {
    super(message, cause);
  }
}
