package io.jask.distributed.comm;

import java.util.Objects;

/**
 * A parsed transport address: {@code tcp://host:port}, {@code tls://host:port} or {@code
 * inproc://name}.
 *
 * <p>Parsing follows dask.distributed where it is silent: an address without a scheme is TCP
 * ({@code "10.0.0.5:8786"} is {@code tcp://10.0.0.5:8786}); an empty host means the loopback
 * address {@code 127.0.0.1}, so {@code tcp://:0} listens on loopback only, on a free port.
 * Listening on every interface takes an explicit {@code tcp://0.0.0.0:port}: being reachable from
 * the network is a choice the user makes, never a default. IPv6 hosts are written in brackets
 * ({@code tcp://[::1]:8786}).
 *
 * @param scheme the transport
 * @param host for {@code tcp} and {@code tls}, the host name or IP literal (without brackets); for
 *     {@code inproc}, the name, which may be empty when listening (a unique one is chosen)
 * @param port for {@code tcp} and {@code tls}, 0 to 65535 (0: any free port, when listening); for
 *     {@code inproc}, always -1
 */
public record CommAddress(Scheme scheme, String host, int port) {
  /** The host an empty host stands for: loopback, so nothing is exposed by accident. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private static final String SEPARATOR = "://";

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the port is out of range, or set for {@code inproc}
   */
  public CommAddress {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (scheme.usesSockets()) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
      if (host.isEmpty()) {
        host = DEFAULT_HOST;
      }
    } else if (port != -1) {
      throw new IllegalArgumentException("an inproc address has no port, got " + port);
    }
  }

  /**
   * Parses {@code address}.
   *
   * @throws IllegalArgumentException naming {@code address} if it has an unknown scheme, no port
   *     (for tcp and tls), a port that is not a number from 0 to 65535, or an unclosed bracket
   */
  public static CommAddress parse(String address) {
    Objects.requireNonNull(address, "address");
    int at = address.indexOf(SEPARATOR);
    Scheme scheme;
    String location;
    if (at < 0) {
      scheme = Scheme.TCP;
      location = address;
    } else {
      try {
        scheme = Scheme.of(address.substring(0, at));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad address '" + address + "': " + e.getMessage(), e);
      }
      location = address.substring(at + SEPARATOR.length());
    }
    if (!scheme.usesSockets()) {
      return new CommAddress(scheme, location, -1);
    }
    return parseHostPort(scheme, location, address);
  }

  private static CommAddress parseHostPort(Scheme scheme, String location, String address) {
    String host;
    String portText;
    if (location.startsWith("[")) {
      int close = location.indexOf(']');
      if (close < 0 || close + 1 >= location.length() || location.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("bad address '" + address + "': expected [ipv6]:port");
      }
      host = location.substring(1, close);
      portText = location.substring(close + 2);
    } else {
      int colon = location.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "bad address '" + address + "': no port (write host:port, or host:0 for any)");
      }
      host = location.substring(0, colon);
      portText = location.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "bad address '" + address + "': write IPv6 hosts in brackets, [::1]:port");
      }
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad address '" + address + "': port '" + portText + "' is not a number", e);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "bad address '" + address + "': port must be 0 to 65535, got " + port);
    }
    return new CommAddress(scheme, host, port);
  }

  /** For {@code inproc}, the name; same as {@link #host()}. */
  public String name() {
    return host;
  }

  /** The address as text, ready for {@link #parse}: {@code tcp://127.0.0.1:8786}. */
  @Override
  public String toString() {
    if (!scheme.usesSockets()) {
      return scheme.text() + SEPARATOR + host;
    }
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme.text() + SEPARATOR + shownHost + ":" + port;
  }
}
