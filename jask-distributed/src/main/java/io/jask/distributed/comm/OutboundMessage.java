package io.jask.distributed.comm;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A message ready for the wire: the serialised header and the raw buffers beside it. Written to the
 * channel as one object so that its frames stay together even when several threads send at once;
 * {@link MessageFrameEncoder} splits it into frames on the transport thread.
 *
 * @param envelope whether the receiver should rebuild an {@link Envelope}
 * @param header the serialised header
 * @param buffers raw payloads, sent from position to limit
 */
record OutboundMessage(boolean envelope, byte[] header, List<ByteBuffer> buffers) {
  /**
   * Serialises {@code message} with {@code serializer}.
   *
   * @throws SerializationException if the serializer cannot write it
   * @throws FrameTooLargeException if the header or a buffer exceeds {@code maxFrame}
   */
  static OutboundMessage of(Object message, Serializer serializer, int maxFrame, String peer) {
    OutboundMessage out;
    if (message instanceof Envelope envelope) {
      out = new OutboundMessage(true, serializer.serialize(envelope.header()), envelope.buffers());
    } else {
      out = new OutboundMessage(false, serializer.serialize(message), List.of());
    }
    out.checkSize(maxFrame, peer);
    return out;
  }

  private void checkSize(int maxFrame, String peer) {
    if ((long) Frames.MESSAGE_PREFIX + header.length > maxFrame) {
      throw new FrameTooLargeException(
          "message to "
              + peer
              + " has a serialised header of "
              + header.length
              + " bytes, over the frame limit of "
              + maxFrame
              + " bytes; send large data as Envelope buffers, or raise maxFrameSize on both sides");
    }
    if (buffers.size() > Frames.MAX_BUFFERS) {
      throw new ProtocolException(
          "message to "
              + peer
              + " has "
              + buffers.size()
              + " buffers, more than "
              + Frames.MAX_BUFFERS);
    }
    for (int i = 0; i < buffers.size(); i++) {
      int size = buffers.get(i).remaining();
      if (size > maxFrame) {
        throw new FrameTooLargeException(
            "message to "
                + peer
                + " has a buffer (#"
                + i
                + ") of "
                + size
                + " bytes, over the frame limit of "
                + maxFrame
                + " bytes; raise maxFrameSize on both sides, or split the buffer");
      }
    }
  }
}
