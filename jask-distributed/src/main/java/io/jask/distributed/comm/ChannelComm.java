package io.jask.distributed.comm;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Comm} over a Netty channel that has authenticated; the same class serves tcp, tls and
 * inproc. Sending serialises on the caller's thread and writes one {@link OutboundMessage}, so
 * concurrent senders never interleave frames. Receiving takes from an {@link InboundQueue} that the
 * pipeline's last stage, {@link #handler()}, fills.
 */
final class ChannelComm implements Comm {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelComm.class);
  private static final long CLOSE_GRACE_MILLIS = 1000;

  private final Channel channel;
  private final Serializer serializer;
  private final int maxFrameSize;
  private final String localAddress;
  private final String peerAddress;
  private final InboundQueue inbound;
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

  /** Why the comm closed; null while open. Set once, by whichever close comes first. */
  private final AtomicReference<CommClosedException> closeReason = new AtomicReference<>();

  ChannelComm(Channel channel, CommOptions options, String localAddress, String peerAddress) {
    this.channel = channel;
    this.serializer = options.serializer();
    this.maxFrameSize = options.maxFrameSize();
    this.localAddress = localAddress;
    this.peerAddress = peerAddress;
    this.inbound = new InboundQueue(this::applyBackpressure);
    channel.closeFuture().addListener(future -> channelClosed());
  }

  @Override
  public CompletableFuture<Void> send(Object message) {
    Objects.requireNonNull(message, "message");
    CommClosedException reason = closeReason.get();
    if (reason != null) {
      return CompletableFuture.failedFuture(cannotSend(reason));
    }
    OutboundMessage out;
    try {
      out = OutboundMessage.of(message, serializer, maxFrameSize, peerAddress);
    } catch (SerializationException | ProtocolException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    channel
        .writeAndFlush(out)
        .addListener(
            future -> {
              if (future.isSuccess()) {
                result.complete(null);
              } else {
                result.completeExceptionally(writeFailed(future.cause()));
              }
            });
    return result;
  }

  @Override
  public CompletableFuture<Object> receive() {
    return inbound.take();
  }

  @Override
  public void close() {
    closeWith(new CommClosedException("comm with " + peerAddress + " was closed by this side"));
    inbound.close(closeReason.get(), true);
    channel.close();
  }

  @Override
  public boolean isClosed() {
    return closeReason.get() != null;
  }

  @Override
  public CompletableFuture<Void> closeFuture() {
    return closeFuture.copy(); // callers cannot complete ours
  }

  @Override
  public String localAddress() {
    return localAddress;
  }

  @Override
  public String peerAddress() {
    return peerAddress;
  }

  @Override
  public String toString() {
    return "Comm[" + localAddress + " -> " + peerAddress + (isClosed() ? ", closed]" : "]");
  }

  /** Whether the channel reads from its connection now (false while backpressure holds it). */
  boolean reading() {
    return channel.config().isAutoRead();
  }

  /** The pipeline's last stage: feeds the queue and turns failures into a close. */
  ChannelHandler handler() {
    return new Handler();
  }

  /** Records why the comm closed, unless it already had a reason; true if this call set it. */
  private boolean closeWith(CommClosedException reason) {
    return closeReason.compareAndSet(null, reason);
  }

  private void channelClosed() {
    closeWith(new CommClosedException(peerAddress + " closed the connection"));
    // Messages that arrived before the peer closed are still delivered.
    inbound.close(closeReason.get(), false);
    closeFuture.complete(null);
  }

  /** Stops or resumes reading from the socket to follow the queue's high and low marks. */
  private void applyBackpressure() {
    try {
      // On the event loop, reading the queue's state then: the last task run sees the latest.
      channel.eventLoop().execute(() -> channel.config().setAutoRead(inbound.shouldRead()));
    } catch (RejectedExecutionException e) {
      // The transport is shutting down; the channel is closed with it.
    }
  }

  private CommClosedException cannotSend(CommClosedException reason) {
    return new CommClosedException(
        "cannot send to " + peerAddress + ": " + reason.getMessage(),
        reason.getCause() != null ? reason.getCause() : reason);
  }

  private CommException writeFailed(Throwable cause) {
    CommClosedException reason = closeReason.get();
    if (reason != null) {
      return cannotSend(reason);
    }
    CommException problem = Failures.describe(cause, peerAddress);
    return problem instanceof CommClosedException
        ? problem
        : new CommClosedException(
            "sending to " + peerAddress + " failed: " + problem.getMessage(), problem);
  }

  private final class Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Inbound message) {
        inbound.offer(message);
      } else if (msg instanceof Frames.PeerError error) {
        CommException problem = error.code().toException(peerAddress, error.text());
        closeWith(new CommClosedException(problem.getMessage(), problem));
        ctx.close();
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      CommException problem = Failures.describe(cause, peerAddress);
      CommClosedException reason =
          problem instanceof CommClosedException closed
              ? closed
              : new CommClosedException(
                  "comm with " + peerAddress + " closed: " + problem.getMessage(), problem);
      if (!closeWith(reason)) {
        ctx.close();
        return;
      }
      if (problem instanceof ProtocolException) {
        LOG.warn("closing comm {}: {}", ChannelComm.this, problem.getMessage());
        // Tell the peer why, then close; the stream is no longer trustworthy either way.
        ctx.writeAndFlush(Frames.error(ctx.alloc(), Failures.code(problem), problem.getMessage()))
            .addListener(ChannelFutureListener.CLOSE);
        // A peer that does not read would hold the answer, and so the close, back: bound it.
        ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      } else {
        LOG.debug("closing comm {}: {}", ChannelComm.this, problem.getMessage());
        ctx.close();
      }
    }
  }
}
