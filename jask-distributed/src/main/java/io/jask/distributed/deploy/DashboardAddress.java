package io.jask.distributed.deploy;

import io.jask.distributed.comm.CommAddress;
import java.util.Objects;

/**
 * Where a dashboard listens: {@code ":8787"} (loopback, port 8787), {@code "0.0.0.0:8787"},
 * {@code "[::1]:8787"}, or {@code "8787"}. Port 0 picks a free port; for any other port taken, the
 * next free one above it is used.
 *
 * @param host the interface, {@code 127.0.0.1} unless given
 * @param port 0 to 65535
 */
public record DashboardAddress(String host, int port) {
  /** Dask's dashboard port. */
  public static final int DEFAULT_PORT = 8787;

  /** Loopback, port 8787. */
  public static final DashboardAddress DEFAULT = new DashboardAddress(CommAddress.DEFAULT_HOST, DEFAULT_PORT);

  /**
   * @throws IllegalArgumentException if the host is blank or the port out of range
   */
  public DashboardAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the dashboard's host is blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the dashboard's port must be 0 to 65535, got " + port);
    }
  }

  /**
   * Parses {@code [host]:port}, {@code host:port} or {@code port}.
   *
   * @throws IllegalArgumentException naming the text if it is not such an address
   */
  public static DashboardAddress parse(String text) {
    Objects.requireNonNull(text, "dashboard address");
    String t = text.strip();
    String host = CommAddress.DEFAULT_HOST;
    String port = t;
    int colon = t.lastIndexOf(':');
    if (colon >= 0) {
      host = t.substring(0, colon);
      port = t.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new IllegalArgumentException("dashboard address '" + text + "': put an IPv6 host in brackets, as [::1]:8787");
      }
      if (host.isEmpty()) {
        host = CommAddress.DEFAULT_HOST;
      }
    }
    try {
      return new DashboardAddress(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("dashboard address '" + text + "' has no port number (as :8787 or 127.0.0.1:8787)");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dashboard address '" + text + "': " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
