package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits the byte stream into frames (see {@link Frames}), stripping the length prefix. A length
 * over the limit fails at once, before any of the frame is buffered, with a {@link
 * FrameTooLargeException} naming the size, the limit and the peer; everything after it is
 * discarded, since the stream can no longer be trusted, and the connection is closed by whoever
 * handles the exception.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  /** Frames at least this large get their buffer sized up front. */
  private static final long PRESIZE_THRESHOLD = 1 << 20;

  private final int maxFrame;
  private final String peer;
  private boolean failed;

  FrameDecoder(int maxFrame, String peer) {
    super(maxFrame, 0, Frames.LENGTH_BYTES, 0, Frames.LENGTH_BYTES, true);
    this.maxFrame = maxFrame;
    this.peer = peer;
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return null;
    }
    if (in.readableBytes() >= Frames.LENGTH_BYTES) {
      long length = in.getUnsignedInt(in.readerIndex());
      if (length > maxFrame) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw new FrameTooLargeException(
            "frame of "
                + length
                + " bytes from "
                + peer
                + " exceeds the limit of "
                + maxFrame
                + " bytes");
      }
    }
    return super.decode(ctx, in);
  }
}
