package io.jask.distributed.comm;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Deserialises message headers: the one place received bytes meet the {@link Serializer}. It is
 * added to a pipeline only once the peer has authenticated, so nothing an unauthenticated peer
 * sends can reach it. A header that fails to deserialise becomes an {@link Inbound.Undecodable} for
 * that message alone.
 */
final class MessageDecoder extends MessageToMessageDecoder<RawMessage> {
  private final Serializer serializer;
  private final String peer;

  MessageDecoder(Serializer serializer, String peer) {
    super(RawMessage.class);
    this.serializer = serializer;
    this.peer = peer;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, RawMessage raw, List<Object> out) {
    try {
      Object header = serializer.deserialize(raw.header().nioBuffer());
      Object message = raw.envelope() ? new Envelope(header, raw.buffers()) : header;
      out.add(new Inbound.Delivered(message, raw.size()));
    } catch (RuntimeException e) {
      String problem = e instanceof SerializationException ? e.getMessage() : e.toString();
      out.add(
          new Inbound.Undecodable(
              new SerializationException("message from " + peer + " lost: " + problem, e),
              raw.size()));
    }
    // MessageToMessageDecoder releases raw, and with it the received frame, after this returns.
  }
}
