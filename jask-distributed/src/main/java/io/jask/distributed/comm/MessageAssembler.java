package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins frames into messages: a message frame, then as many raw frames as it announces, become one
 * {@link RawMessage}; an error frame becomes a {@link Frames.PeerError}. Anything else is a {@link
 * ProtocolException} naming the peer. Only in the pipeline after authentication.
 *
 * <p>Raw frames are copied once, into heap buffers the receiver owns, so no reference-counted
 * transport memory ever leaves the pipeline. The header of a message without raw frames is passed
 * on uncopied, as a retained view of its frame, which {@link MessageDecoder} (the next stage)
 * deserialises and releases at once.
 */
final class MessageAssembler extends MessageToMessageDecoder<ByteBuf> {
  private final String peer;

  /** Message frame being completed; meaningful only while {@link #missing} > 0. */
  private boolean envelope;

  private ByteBuf header;
  private List<ByteBuffer> buffers;

  /** Raw frames still to come for the current message; 0 between messages. */
  private int missing;

  MessageAssembler(String peer) {
    super(ByteBuf.class);
    this.peer = peer;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    if (missing > 0) {
      ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
      frame.readBytes(copy);
      buffers.add(copy.flip());
      if (--missing == 0) {
        out.add(new RawMessage(envelope, header, List.copyOf(buffers)));
        header = null;
        buffers = null;
      }
      return;
    }
    if (!frame.isReadable()) {
      throw new ProtocolException("malformed frame from " + peer + ": empty frame");
    }
    byte type = frame.readByte();
    switch (type) {
      case Frames.MESSAGE -> readMessage(frame, out);
      case Frames.ERROR -> out.add(Frames.readError(frame));
      case Frames.AUTH, Frames.AUTH_OK ->
          throw new ProtocolException(
              "malformed frame from "
                  + peer
                  + ": handshake frame "
                  + Frames.describeType(type)
                  + " after the handshake");
      default ->
          throw new ProtocolException(
              "malformed frame from " + peer + ": unknown frame type " + Frames.describeType(type));
    }
  }

  private void readMessage(ByteBuf frame, List<Object> out) {
    if (frame.readableBytes() < Frames.MESSAGE_PREFIX - 1) {
      throw new ProtocolException("malformed frame from " + peer + ": truncated message frame");
    }
    byte flags = frame.readByte();
    if ((flags & ~Frames.FLAG_ENVELOPE) != 0) {
      throw new ProtocolException(
          "malformed frame from " + peer + ": unknown message flags " + Frames.describeType(flags));
    }
    int count = frame.readInt();
    if (count < 0 || count > Frames.MAX_BUFFERS) {
      throw new ProtocolException(
          "malformed frame from "
              + peer
              + ": "
              + Integer.toUnsignedString(count)
              + " buffers announced, at most "
              + Frames.MAX_BUFFERS
              + " allowed");
    }
    boolean isEnvelope = (flags & Frames.FLAG_ENVELOPE) != 0;
    if (!isEnvelope && count > 0) {
      // Only envelopes carry buffers; accepting them here would drop them without a word.
      throw new ProtocolException(
          "malformed frame from " + peer + ": " + count + " buffers announced outside an envelope");
    }
    if (count == 0) {
      out.add(new RawMessage(isEnvelope, frame.retainedSlice(), List.of()));
      return;
    }
    envelope = isEnvelope;
    // Held across frames: a heap copy, so that nothing needs releasing if the connection drops.
    header = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(frame));
    buffers = new ArrayList<>(Math.min(count, 64));
    missing = count;
  }
}
