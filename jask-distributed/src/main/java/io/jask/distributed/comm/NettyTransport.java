package io.jask.distributed.comm;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Dials and listens for every scheme with Netty: NIO sockets for tcp and tls, Netty's local
 * channels for inproc. Everything above the channel (framing, handshake, serialisation) is the same
 * {@link CommPipeline} for all three.
 */
final class NettyTransport {
  private static final AtomicLong INPROC_NAMES = new AtomicLong();

  private NettyTransport() {}

  /**
   * See {@link Connector#connect(String)}.
   *
   * @param loop the loop the channel runs on; null for the shared transport threads
   */
  static CompletableFuture<Comm> connect(CommAddress address, CommOptions options, CommLoop loop) {
    checkTls(address, options);
    if (loop != null) {
      loop.checkCarries(address);
    }
    if (address.scheme().usesSockets() ? address.port() == 0 : address.name().isEmpty()) {
      throw new IllegalArgumentException(
          "cannot connect to "
              + address
              + ": give the peer's "
              + (address.scheme().usesSockets() ? "port" : "name"));
    }
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    // A channel on a shell's own loop lives as long as that loop: it needs no lease.
    SharedEventLoopGroup.Lease lease =
        loop == null ? SharedEventLoopGroup.forScheme(address.scheme()).acquire() : null;
    try {
      Bootstrap bootstrap =
          new Bootstrap()
              .group(lease != null ? lease.group() : loop.eventLoop())
              .channel(address.scheme().usesSockets() ? NioSocketChannel.class : LocalChannel.class)
              .handler(
                  new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                      CommPipeline.initDialled(channel, address, options, promise);
                    }
                  });
      if (address.scheme().usesSockets()) {
        bootstrap
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
      }
      ChannelFuture connected = bootstrap.connect(SocketAddresses.forConnect(address));
      Channel channel = connected.channel();
      if (lease != null) {
        channel.closeFuture().addListener(future -> lease.release());
      } else {
        loop.holds(channel);
      }
      connected.addListener(
          future -> {
            if (!future.isSuccess()) {
              Throwable cause = future.cause();
              String detail = cause.getMessage() != null ? cause.getMessage() : cause.toString();
              promise.completeExceptionally(
                  new ConnectFailedException(
                      "cannot connect to " + address + ": " + detail, cause));
            }
          });
      // A caller that stops waiting (timeout, cancel) must not leave a half-open connection.
      promise.whenComplete(
          (comm, failure) -> {
            if (failure != null) {
              channel.close();
            }
          });
    } catch (RuntimeException e) {
      if (lease != null) {
        lease.release();
      }
      throw e;
    }
    return promise;
  }

  /**
   * See {@link Transports#listen}.
   *
   * @param loop the loop the listener and every channel it accepts run on; null for the shared
   *     transport threads
   */
  static Listener listen(
      CommAddress address, CommOptions options, Consumer<Comm> onAccept, CommLoop loop) {
    checkTls(address, options);
    if (loop != null) {
      loop.checkCarries(address);
      if (loop.inLoop()) {
        throw new IllegalStateException(
            "cannot listen on " + address + " from the thread of " + loop + ": binding waits on it");
      }
    }
    Scheme scheme = address.scheme();
    CommAddress bindAddress =
        !scheme.usesSockets() && address.name().isEmpty()
            ? new CommAddress(scheme, "jask-" + INPROC_NAMES.incrementAndGet(), -1)
            : address;
    SharedEventLoopGroup shared = SharedEventLoopGroup.forScheme(scheme);
    SharedEventLoopGroup.Lease lease = loop == null ? shared.acquire() : null;
    ChannelFuture bound;
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(lease != null ? lease.group() : loop.eventLoop())
              .channel(serverChannelType(scheme))
              .childHandler(
                  new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                      if (lease != null) {
                        SharedEventLoopGroup.Lease child = shared.share(lease);
                        if (child == null) {
                          channel.close(); // accepted while the listener was closing
                          return;
                        }
                        channel.closeFuture().addListener(future -> child.release());
                      } else {
                        loop.holds(channel);
                      }
                      CommPipeline.initAccepted(channel, scheme, options, onAccept::accept);
                    }
                  });
      if (scheme.usesSockets()) {
        bootstrap
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true);
      }
      bound = bootstrap.bind(SocketAddresses.forBind(bindAddress)).awaitUninterruptibly();
    } catch (RuntimeException e) {
      if (lease != null) {
        lease.release();
      }
      throw e;
    }
    if (!bound.isSuccess()) {
      if (lease != null) {
        lease.release();
      }
      Throwable cause = bound.cause();
      String detail = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      throw new CommException("cannot listen on " + bindAddress + ": " + detail, cause);
    }
    Channel server = bound.channel();
    if (lease != null) {
      server.closeFuture().addListener(future -> lease.release());
    }
    NettyListener listener =
        new NettyListener(server, SocketAddresses.format(scheme, server.localAddress()));
    if (loop != null) {
      loop.holds(listener);
    }
    return listener;
  }

  private static Class<? extends ServerChannel> serverChannelType(Scheme scheme) {
    return scheme.usesSockets() ? NioServerSocketChannel.class : LocalServerChannel.class;
  }

  private static void checkTls(CommAddress address, CommOptions options) {
    if (address.scheme() == Scheme.TLS && options.tls() == null) {
      throw new IllegalArgumentException(
          address + " needs TLS certificates: set CommOptions.Builder.tls(TlsConfig)");
    }
  }
}
