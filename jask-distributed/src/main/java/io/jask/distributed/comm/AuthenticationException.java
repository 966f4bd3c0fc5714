package io.jask.distributed.comm;

/**
 * The peer refused this side's credentials, or this side refused the peer's: a wrong token, or a
 * TLS certificate that is missing or not signed by the configured certificate authority. The
 * message never contains the token.
 */
public class AuthenticationException extends CommException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
