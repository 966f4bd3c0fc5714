package io.jask.distributed.comm;

/**
 * The comm is closed: by this side, by the peer, or because the connection broke or the peer broke
 * the protocol. Every send and receive on a closed comm fails with one of these; its cause, when
 * there is one, says why the comm closed.
 */
public class CommClosedException extends CommException {
  private static final long serialVersionUID = 1L;

  public CommClosedException(String message) {
    super(message);
  }

  public CommClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
