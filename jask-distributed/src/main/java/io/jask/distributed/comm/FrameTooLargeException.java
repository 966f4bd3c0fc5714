package io.jask.distributed.comm;

/**
 * A frame is larger than {@link CommOptions#maxFrameSize()}: sending it was refused, or the peer
 * sent one and its connection was closed.
 */
public class FrameTooLargeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  public FrameTooLargeException(String message) {
    super(message);
  }

  public FrameTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
