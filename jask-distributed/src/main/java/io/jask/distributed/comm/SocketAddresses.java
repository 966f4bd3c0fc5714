package io.jask.distributed.comm;

import io.netty.channel.local.LocalAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Converts between Jask addresses and the socket addresses Netty channels use. */
final class SocketAddresses {
  private SocketAddresses() {}

  /** Where to bind for {@code address}; resolves the host now, on the caller's thread. */
  static SocketAddress forBind(CommAddress address) {
    if (!address.scheme().usesSockets()) {
      return new LocalAddress(address.name());
    }
    InetSocketAddress bind = new InetSocketAddress(address.host(), address.port());
    if (bind.isUnresolved()) {
      throw new IllegalArgumentException(
          "cannot listen on " + address + ": unknown host '" + address.host() + "'");
    }
    return bind;
  }

  /** Where to connect for {@code address}; left unresolved, so Netty resolves it off-thread. */
  static SocketAddress forConnect(CommAddress address) {
    if (!address.scheme().usesSockets()) {
      return new LocalAddress(address.name());
    }
    return InetSocketAddress.createUnresolved(address.host(), address.port());
  }

  /**
   * {@code socket} written as a {@code scheme} address, for messages and {@link Comm}'s getters.
   */
  static String format(Scheme scheme, SocketAddress socket) {
    if (socket instanceof InetSocketAddress inet) {
      String host =
          inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
      int scope = host.indexOf('%');
      return new CommAddress(scheme, scope < 0 ? host : host.substring(0, scope), inet.getPort())
          .toString();
    }
    if (socket instanceof LocalAddress local) {
      return Scheme.INPROC.text() + "://" + local.id();
    }
    return scheme.text() + "://" + socket;
  }
}
