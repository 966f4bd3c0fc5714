package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The dialling side of the handshake: sends the auth frame as soon as the connection is up (a TLS
 * handler holds it back until its own handshake is done), then waits for the listener's answer.
 * Auth-ok completes the promise with a comm; an error frame, a TLS failure, a hang-up or the
 * handshake timeout fails it with an exception naming the dialled address.
 */
final class ClientHandshake extends ChannelInboundHandlerAdapter {
  private final CommOptions options;
  private final CommAddress address;
  private final String peer;
  private final CompletableFuture<Comm> promise;
  private ScheduledFuture<?> timeout;
  private boolean started;
  private boolean finished;

  ClientHandshake(CommOptions options, CommAddress address, CompletableFuture<Comm> promise) {
    this.options = options;
    this.address = address;
    this.peer = address.toString();
    this.promise = promise;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    long millis = options.handshakeTimeout().toMillis();
    timeout =
        ctx.executor()
            .schedule(
                () ->
                    fail(
                        ctx,
                        new ConnectFailedException(
                            "handshake with " + peer + " not completed within " + millis + " ms")),
                millis,
                TimeUnit.MILLISECONDS);
    ctx.writeAndFlush(Frames.auth(ctx.alloc(), options.token().bytes()));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (finished || !(msg instanceof ByteBuf frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      answer(ctx, frame);
    } finally {
      frame.release();
    }
  }

  private void answer(ChannelHandlerContext ctx, ByteBuf frame) {
    byte type = frame.isReadable() ? frame.readByte() : 0;
    if (type == Frames.AUTH_OK) {
      String mismatch = Frames.readMagic(frame) ? Frames.readVersion(frame) : "no Jask magic";
      if (mismatch != null) {
        fail(ctx, new ProtocolException(peer + " answered the handshake wrongly: " + mismatch));
      } else {
        succeed(ctx);
      }
    } else if (type == Frames.ERROR) {
      Frames.PeerError error = Frames.readError(frame);
      fail(ctx, error.code().toException(peer, error.text()));
    } else {
      fail(
          ctx,
          new ProtocolException(
              peer
                  + " answered the handshake with a frame of type "
                  + Frames.describeType(type)
                  + "; is it a Jask listener?"));
    }
  }

  private void succeed(ChannelHandlerContext ctx) {
    finish();
    String local = SocketAddresses.format(address.scheme(), ctx.channel().localAddress());
    ChannelComm comm = CommPipeline.authenticated(ctx, options, local, peer);
    if (!promise.complete(comm)) {
      comm.close(); // the caller gave up waiting
    }
  }

  private void fail(ChannelHandlerContext ctx, CommException failure) {
    if (finished) {
      return;
    }
    finish();
    promise.completeExceptionally(failure);
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    CommException problem = Failures.describe(cause, peer);
    if (problem instanceof CommClosedException) {
      problem =
          new ConnectFailedException(
              "connection to " + peer + " lost during the handshake: " + problem.getMessage(),
              cause);
    }
    fail(ctx, problem);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
      fail(
          ctx,
          new AuthenticationException(
              "TLS handshake with " + peer + " failed: " + tls.cause().getMessage(), tls.cause()));
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(ctx, new ConnectFailedException(peer + " closed the connection during the handshake"));
    ctx.fireChannelInactive();
  }

  private void finish() {
    finished = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
