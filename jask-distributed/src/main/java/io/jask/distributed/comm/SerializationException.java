package io.jask.distributed.comm;

import io.jask.core.JaskException;

/**
 * A message could not be serialised or deserialised, most often because its class (or a class
 * inside it) is not registered in the {@link SerializerConfig}, or is registered differently on the
 * two sides. A receiving comm stays open: only that one message is lost.
 */
public class SerializationException extends JaskException {
  private static final long serialVersionUID = 1L;

  public SerializationException(String message) {
    super(message);
  }

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
