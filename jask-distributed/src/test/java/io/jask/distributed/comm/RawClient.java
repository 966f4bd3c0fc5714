package io.jask.distributed.comm;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A connection that speaks raw bytes to a listener, for tests that must send what a well-behaved
 * {@link Comm} never would: no auth frame, a wrong token with a message behind it, garbage. Works
 * for every scheme (tcp, tls with a client certificate, inproc), on its own event loop.
 */
final class RawClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;

  /** Bytes received; guarded by itself. */
  private final ByteArrayOutputStream received;

  private RawClient(EventLoopGroup group, Channel channel, ByteArrayOutputStream received) {
    this.group = group;
    this.channel = channel;
    this.received = received;
  }

  /** Connects to {@code address}; for tls, with {@code tls}'s client certificate. */
  static RawClient connect(String address, TlsConfig tls) throws InterruptedException {
    CommAddress parsed = CommAddress.parse(address);
    boolean sockets = parsed.scheme().usesSockets();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, sockets ? NioIoHandler.newFactory() : LocalIoHandler.newFactory());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(sockets ? NioSocketChannel.class : LocalChannel.class)
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (parsed.scheme() == Scheme.TLS) {
                      SslContext context = tls.clientContext();
                      ch.pipeline()
                          .addLast(context.newHandler(ch.alloc(), parsed.host(), parsed.port()));
                    }
                    ch.pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf bytes = (ByteBuf) msg;
                                byte[] copy = new byte[bytes.readableBytes()];
                                bytes.readBytes(copy);
                                bytes.release();
                                synchronized (received) {
                                  received.writeBytes(copy);
                                }
                              }

                              @Override
                              public void exceptionCaught(
                                  ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                              }
                            });
                  }
                });
    try {
      Channel channel = bootstrap.connect(SocketAddresses.forConnect(parsed)).sync().channel();
      return new RawClient(group, channel, received);
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** Writes {@code payload} as one frame: its length, then its bytes. */
  RawClient writeFrame(byte[] payload) {
    ByteBuf frame =
        Unpooled.buffer(4 + payload.length).writeInt(payload.length).writeBytes(payload);
    channel.writeAndFlush(frame).syncUninterruptibly();
    return this;
  }

  /** Writes {@code bytes} as they are. */
  RawClient writeRaw(byte[] bytes) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    return this;
  }

  /** Whether the listener closed the connection within {@code timeout}. */
  boolean awaitClosed(Duration timeout) {
    return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
  }

  boolean isOpen() {
    return channel.isActive();
  }

  /** The frames received so far, length prefixes stripped. */
  List<byte[]> frames() {
    byte[] all;
    synchronized (received) {
      all = received.toByteArray();
    }
    ByteBuffer in = ByteBuffer.wrap(all);
    List<byte[]> frames = new ArrayList<>();
    while (in.remaining() >= 4) {
      int length = in.getInt();
      if (length > in.remaining()) {
        break;
      }
      byte[] frame = new byte[length];
      in.get(frame);
      frames.add(frame);
    }
    return frames;
  }

  /** The text of the first error frame received, or null if none came. */
  String errorText() {
    for (byte[] frame : frames()) {
      if (frame.length >= 2 && frame[0] == Frames.ERROR) {
        return new String(frame, 2, frame.length - 2, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  // ---- frames a test may want to send ----

  /** {@code payloads} as frames, each behind its length, in one array (so they arrive together). */
  static byte[] framed(byte[]... payloads) {
    ByteBuffer out =
        ByteBuffer.allocate(java.util.Arrays.stream(payloads).mapToInt(p -> 4 + p.length).sum());
    for (byte[] payload : payloads) {
      out.putInt(payload.length).put(payload);
    }
    return out.array();
  }

  static byte[] authFrame(String token) {
    return bytes(Frames.auth(ByteBufAllocator.DEFAULT, token.getBytes(StandardCharsets.UTF_8)));
  }

  /** A plain message frame with {@code serialisedHeader}. */
  static byte[] messageFrame(byte[] serialisedHeader) {
    return concat(
        bytes(Frames.messagePrefix(ByteBufAllocator.DEFAULT, false, 0)), serialisedHeader);
  }

  /** An envelope's header frame, announcing {@code buffers} raw frames to follow. */
  static byte[] envelopeFrame(byte[] serialisedHeader, int buffers) {
    ByteBuf prefix = Frames.messagePrefix(ByteBufAllocator.DEFAULT, true, buffers);
    return concat(bytes(prefix), serialisedHeader);
  }

  static byte[] bytes(ByteBuf buf) {
    try {
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
