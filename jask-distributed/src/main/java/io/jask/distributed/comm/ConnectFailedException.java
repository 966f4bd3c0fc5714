package io.jask.distributed.comm;

/**
 * A connection could not be opened: nobody listens at the address, the address does not resolve,
 * the connect or handshake timed out, or the peer hung up during the handshake.
 */
public class ConnectFailedException extends CommException {
  private static final long serialVersionUID = 1L;

  public ConnectFailedException(String message) {
    super(message);
  }

  public ConnectFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
