package io.jask.distributed.comm;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Lays out a channel's pipeline, the same for every scheme (see the package documentation for the
 * picture). Until the handshake succeeds, a pipeline has no stage that deserialises: {@link
 * #authenticated} adds those, after the handshake handler has checked the token.
 */
final class CommPipeline {
  static final String TLS = "tls";
  static final String FRAMES = "frames";
  static final String PREPENDER = "prepender";
  static final String ENCODER = "encoder";
  static final String HANDSHAKE = "handshake";
  static final String ASSEMBLER = "assembler";
  static final String DECODER = "decoder";
  static final String COMM = "comm";

  private CommPipeline() {}

  /**
   * The pipeline of a connection a listener accepted: waits for the peer's auth frame.
   *
   * @param onAccepted given the comm once the peer has authenticated
   */
  static void initAccepted(
      Channel channel, Scheme scheme, CommOptions options, Consumer<ChannelComm> onAccepted) {
    String peer = SocketAddresses.format(scheme, channel.remoteAddress());
    String local = SocketAddresses.format(scheme, channel.localAddress());
    ChannelPipeline pipeline = channel.pipeline();
    if (scheme == Scheme.TLS) {
      SslHandler tls = options.tls().serverContext().newHandler(channel.alloc());
      tls.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
      pipeline.addLast(TLS, tls);
    }
    addFraming(pipeline, scheme, peer);
    pipeline.addLast(HANDSHAKE, new ServerHandshake(options, local, peer, onAccepted));
  }

  /**
   * The pipeline of a connection this side dials: sends the auth frame once connected.
   *
   * @param promise completed with the comm once the listener has accepted the token, or failed
   */
  static void initDialled(
      Channel channel, CommAddress address, CommOptions options, CompletableFuture<Comm> promise) {
    String peer = address.toString();
    ChannelPipeline pipeline = channel.pipeline();
    if (address.scheme() == Scheme.TLS) {
      // Host and port let the engine send SNI and, if enabled, verify the host name.
      SslHandler tls =
          options.tls().clientContext().newHandler(channel.alloc(), address.host(), address.port());
      tls.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
      pipeline.addLast(TLS, tls);
    }
    addFraming(pipeline, address.scheme(), peer);
    pipeline.addLast(HANDSHAKE, new ClientHandshake(options, address, promise));
  }

  private static void addFraming(ChannelPipeline pipeline, Scheme scheme, String peer) {
    pipeline.addLast(FRAMES, new FrameDecoder(Frames.PRE_AUTH_MAX_FRAME, peer));
    pipeline.addLast(PREPENDER, Frames.prepender());
    pipeline.addLast(ENCODER, MessageFrameEncoder.forScheme(scheme));
  }

  /**
   * Turns a pipeline that has just authenticated into a comm's: removes the handshake handler, adds
   * the message stages, and raises the frame limit to {@link CommOptions#maxFrameSize()}. Runs on
   * the channel's event loop, inside the handshake handler's {@code channelRead}.
   */
  static ChannelComm authenticated(
      ChannelHandlerContext handshake, CommOptions options, String local, String peer) {
    ChannelPipeline pipeline = handshake.pipeline();
    pipeline.remove(handshake.handler());
    ChannelComm comm = new ChannelComm(handshake.channel(), options, local, peer);
    pipeline.addLast(ASSEMBLER, new MessageAssembler(peer));
    pipeline.addLast(DECODER, new MessageDecoder(options.serializer(), peer));
    pipeline.addLast(COMM, comm.handler());
    // Last, because replacing the frame decoder hands on any bytes that came right after the
    // auth frame: the stages above must already be there to take them.
    pipeline.replace(FRAMES, FRAMES, new FrameDecoder(options.maxFrameSize(), peer));
    return comm;
  }
}
