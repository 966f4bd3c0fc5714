package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Splits an {@link OutboundMessage} into its frames: the message frame (prefix and serialised
 * header), then one frame per raw buffer. The {@link Frames#prepender() prepender} further out
 * adds each frame's length.
 *
 * <p>Over sockets, buffers are wrapped, not copied: the bytes a caller passed in an {@link
 * Envelope} go to the socket as they are, and are in the kernel (or encrypted) by the time the
 * send completes. Netty's local channel instead hands the very buffer to the peer, which reads it
 * later; so for {@code inproc} buffers are copied, and a sender may reuse its buffer once the send
 * completes on every transport.
 */
@ChannelHandler.Sharable
final class MessageFrameEncoder extends MessageToMessageEncoder<OutboundMessage> {
  private static final MessageFrameEncoder WRAPPING = new MessageFrameEncoder(false);
  private static final MessageFrameEncoder COPYING = new MessageFrameEncoder(true);

  private final boolean copyBuffers;

  private MessageFrameEncoder(boolean copyBuffers) {
    super(OutboundMessage.class);
    this.copyBuffers = copyBuffers;
  }

  /** The encoder for {@code scheme}. */
  static MessageFrameEncoder forScheme(Scheme scheme) {
    return scheme.usesSockets() ? WRAPPING : COPYING;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, OutboundMessage message, List<Object> out) {
    // One buffer for prefix and header: a composite of the two would be merged into a fresh heap
    // buffer, and that copied again into direct memory, on every write to a socket.
    byte[] header = message.header();
    ByteBuf frame = ctx.alloc().ioBuffer(Frames.MESSAGE_PREFIX + header.length);
    Frames.writeMessagePrefix(frame, message.envelope(), message.buffers().size());
    out.add(frame.writeBytes(header));
    for (ByteBuffer buffer : message.buffers()) {
      // duplicate(): neither wrapping nor copying may move the caller's position.
      ByteBuffer view = buffer.duplicate();
      out.add(copyBuffers ? Unpooled.copiedBuffer(view) : Unpooled.wrappedBuffer(view));
    }
  }
}
