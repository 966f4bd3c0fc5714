package io.jask.distributed.comm;

/** The code in an error frame: tells the receiver which exception to raise. */
enum WireError {
  /** Wrong token or no auth frame: the receiver raises {@link AuthenticationException}. */
  AUTH_FAILED(1),
  /** The peer broke the protocol or speaks another version: {@link ProtocolException}. */
  PROTOCOL(2),
  /** The handshake took too long: {@link ConnectFailedException}. */
  TIMEOUT(3),
  /** A frame over the size limit: {@link FrameTooLargeException}. */
  FRAME_TOO_LARGE(4),
  /** Anything else: {@link CommException}. */
  INTERNAL(5);

  private final byte code;

  WireError(int code) {
    this.code = (byte) code;
  }

  byte code() {
    return code;
  }

  /** The error with {@code code}; unknown codes (from a newer peer) read as {@link #INTERNAL}. */
  static WireError of(byte code) {
    for (WireError error : values()) {
      if (error.code == code) {
        return error;
      }
    }
    return INTERNAL;
  }

  /** The exception for this error, received from {@code peer} with {@code text}. */
  CommException toException(String peer, String text) {
    String message = peer + " closed the connection: " + text;
    return switch (this) {
      case AUTH_FAILED -> new AuthenticationException(message);
      case PROTOCOL -> new ProtocolException(message);
      case TIMEOUT -> new ConnectFailedException(message);
      case FRAME_TOO_LARGE -> new FrameTooLargeException(message);
      case INTERNAL -> new CommException(message);
    };
  }
}
