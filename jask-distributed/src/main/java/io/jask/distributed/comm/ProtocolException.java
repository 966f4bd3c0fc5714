package io.jask.distributed.comm;

/**
 * The peer broke Jask's wire protocol: a malformed or unexpected frame, or a protocol version this
 * side does not speak. The connection it came on is closed; nothing else is.
 */
public class ProtocolException extends CommException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
