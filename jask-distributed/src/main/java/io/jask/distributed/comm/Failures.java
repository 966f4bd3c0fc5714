package io.jask.distributed.comm;

import io.netty.handler.codec.CodecException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns what Netty and the JDK throw into Jask's exceptions, each naming the peer. */
final class Failures {
  private Failures() {}

  /** The Jask exception for {@code failure} on the connection with {@code peer}. */
  static CommException describe(Throwable failure, String peer) {
    Throwable cause = unwrap(failure);
    if (cause instanceof CommException known) {
      return known;
    }
    if (cause instanceof NotSslRecordException) {
      // Netty's message quotes the bytes received: from a plain client, that is its token.
      return new AuthenticationException(
          "TLS with " + peer + " failed: plain text received, not a TLS connection", cause);
    }
    String detail = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    if (cause instanceof SSLException) {
      return new AuthenticationException("TLS with " + peer + " failed: " + detail, cause);
    }
    if (cause instanceof CodecException) {
      return new ProtocolException("malformed data from " + peer + ": " + detail, cause);
    }
    if (cause instanceof IOException) {
      return new CommClosedException("connection with " + peer + " lost: " + detail, cause);
    }
    return new CommException("comm with " + peer + " failed: " + cause, cause);
  }

  /** The code an error frame about {@code problem} carries. */
  static WireError code(CommException problem) {
    if (problem instanceof FrameTooLargeException) {
      return WireError.FRAME_TOO_LARGE;
    }
    if (problem instanceof ProtocolException) {
      return WireError.PROTOCOL;
    }
    if (problem instanceof AuthenticationException) {
      return WireError.AUTH_FAILED;
    }
    return WireError.INTERNAL;
  }

  /** Strips the wrappers Netty's codecs and the JDK's futures put around the real failure. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null
        && cause.getCause() != cause
        && (isCodecWrapper(cause)
            || cause instanceof CompletionException
            || cause instanceof ExecutionException)) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * Netty's codecs wrap whatever a decoder throws in a DecoderException with no text of its own.
   */
  private static boolean isCodecWrapper(Throwable t) {
    return t instanceof CodecException
        && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()));
  }
}
