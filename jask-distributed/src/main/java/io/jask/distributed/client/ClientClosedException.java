package io.jask.distributed.client;

import io.jask.core.JaskException;

/** The client was used after it was closed, or after its connection to the scheduler was lost. */
public class ClientClosedException extends JaskException {
  private static final long serialVersionUID = 1L;

  public ClientClosedException(String message) {
    super(message);
  }
}
