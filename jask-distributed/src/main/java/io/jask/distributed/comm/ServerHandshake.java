package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side of the handshake. The first frame must be an auth frame with Jask's magic,
 * this protocol version and the shared token; the token is compared in constant time. On success it
 * answers auth-ok and turns the pipeline into a comm's; on anything else it answers an error frame
 * (just "authentication failed" for a bad token or a stranger, never the token) and closes. Frames
 * that arrive after a refusal are dropped unread. A connection that has not authenticated within
 * the handshake timeout is closed too.
 *
 * <p>Nothing in this handler deserialises: it reads bytes at fixed offsets.
 */
final class ServerHandshake extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ServerHandshake.class);
  private static final String AUTH_FAILED = "authentication failed";
  private static final long CLOSE_GRACE_MILLIS = 1000;

  private final CommOptions options;
  private final String local;
  private final String peer;
  private final Consumer<ChannelComm> onAccepted;

  /** Fires the handshake timeout; null until the connection is active. */
  private ScheduledFuture<?> timeout;

  /** Set once the handshake has succeeded or failed; later frames are dropped. */
  private boolean finished;

  ServerHandshake(
      CommOptions options, String local, String peer, Consumer<ChannelComm> onAccepted) {
    this.options = options;
    this.local = local;
    this.peer = peer;
    this.onAccepted = onAccepted;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      startTimer(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startTimer(ctx);
    ctx.fireChannelActive();
  }

  private void startTimer(ChannelHandlerContext ctx) {
    if (timeout == null && !finished) {
      long millis = options.handshakeTimeout().toMillis();
      timeout =
          ctx.executor()
              .schedule(
                  () ->
                      refuse(
                          ctx,
                          WireError.TIMEOUT,
                          "handshake not completed within " + millis + " ms",
                          "handshake timed out"),
                  millis,
                  TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (finished || !(msg instanceof ByteBuf frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      check(ctx, frame);
    } finally {
      frame.release();
    }
  }

  private void check(ChannelHandlerContext ctx, ByteBuf frame) {
    byte type = frame.isReadable() ? frame.readByte() : 0;
    if (type != Frames.AUTH) {
      refuse(
          ctx,
          WireError.AUTH_FAILED,
          AUTH_FAILED,
          "first frame is not an auth frame (type " + Frames.describeType(type) + ")");
      return;
    }
    if (!Frames.readMagic(frame)) {
      refuse(ctx, WireError.AUTH_FAILED, AUTH_FAILED, "auth frame without Jask's magic");
      return;
    }
    String mismatch = Frames.readVersion(frame);
    if (mismatch != null) {
      refuse(ctx, WireError.PROTOCOL, mismatch, mismatch);
      return;
    }
    if (!options.token().matches(ByteBufUtil.getBytes(frame))) {
      refuse(ctx, WireError.AUTH_FAILED, AUTH_FAILED, "wrong token");
      return;
    }
    accept(ctx);
  }

  private void accept(ChannelHandlerContext ctx) {
    finish();
    ctx.writeAndFlush(Frames.authOk(ctx.alloc()));
    ChannelComm comm = CommPipeline.authenticated(ctx, options, local, peer);
    LOG.debug("accepted {} on {}", peer, local);
    try {
      onAccepted.accept(comm);
    } catch (RuntimeException e) {
      LOG.error("the accept handler of {} failed on a comm from {}; closing it", local, peer, e);
      comm.close();
    }
  }

  /**
   * Answers an error frame and closes.
   *
   * @param reply what the peer is told
   * @param detail what the log says (may tell more than the peer should learn)
   */
  private void refuse(ChannelHandlerContext ctx, WireError code, String reply, String detail) {
    if (finished) {
      return;
    }
    finish();
    LOG.warn("refused connection from {} to {}: {}", peer, local, detail);
    ChannelFuture answered = ctx.writeAndFlush(Frames.error(ctx.alloc(), code, reply));
    if (!(ctx.channel() instanceof LocalChannel)) {
      // Over a socket the answer reaches the peer before the close does. An inproc peer could
      // see the close first and drop the answer unread, so it is left to close on reading it.
      answered.addListener(ChannelFutureListener.CLOSE);
    }
    // The answer may never be written or read (a peer that does not read, a TLS handshake that
    // never finished): close regardless after a grace period.
    ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (finished) {
      ctx.close();
      return;
    }
    CommException problem = Failures.describe(cause, peer);
    if (problem instanceof AuthenticationException || problem instanceof CommClosedException) {
      // A failed TLS handshake or a dropped connection: no channel left to answer on.
      finish();
      LOG.warn("refused connection from {} to {}: {}", peer, local, problem.getMessage());
      ctx.close();
    } else {
      refuse(ctx, Failures.code(problem), problem.getMessage(), problem.getMessage());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess() && !finished) {
      finish();
      LOG.warn(
          "refused connection from {} to {}: {}",
          peer,
          local,
          Failures.describe(tls.cause(), peer).getMessage());
      ctx.close();
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    finish();
    ctx.fireChannelInactive();
  }

  private void finish() {
    finished = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
