package io.jask.distributed.comm;

import java.util.Locale;

/** The transports Jask speaks, named by the scheme part of an address. */
public enum Scheme {
  /** Plain TCP through Netty's NIO transport: {@code tcp://host:port}. */
  TCP("tcp"),
  /** TCP inside TLS with mutual certificate authentication: {@code tls://host:port}. */
  TLS("tls"),
  /**
   * Inside this JVM, without sockets: {@code inproc://name}. Frames, authentication and
   * serialisation are the same as over TCP, so tests on it hold for the others.
   */
  INPROC("inproc");

  private final String text;

  Scheme(String text) {
    this.text = text;
  }

  /** The scheme as written in addresses, for example {@code "tcp"}. */
  public String text() {
    return text;
  }

  /** Whether addresses of this scheme are a host and a port (not a name). */
  public boolean usesSockets() {
    return this != INPROC;
  }

  /**
   * The scheme written {@code text} (any case).
   *
   * @throws IllegalArgumentException if no scheme is written so
   */
  public static Scheme of(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Scheme scheme : values()) {
      if (scheme.text.equals(lower)) {
        return scheme;
      }
    }
    throw new IllegalArgumentException(
        "unknown transport scheme '" + text + "'; expected tcp, tls or inproc");
  }
}
