package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A message as reassembled from its frames, header not yet deserialised. It lives only between
 * {@link MessageAssembler} and {@link MessageDecoder}; its reference count is its header's, so
 * Netty releases it after decoding, or wherever else in the pipeline it ends up.
 *
 * @param envelope whether the sender sent an {@link Envelope}
 * @param header the serialised header: a reference-counted view of the received frame, readable
 *     from its reader index to its writer index
 * @param buffers the raw payloads, each a fresh heap buffer
 */
record RawMessage(boolean envelope, ByteBuf header, List<ByteBuffer> buffers)
    implements ReferenceCounted {
  /** Payload bytes held, for flow control. */
  long size() {
    long total = header.readableBytes();
    for (ByteBuffer buffer : buffers) {
      total += buffer.remaining();
    }
    return total;
  }

  @Override
  public int refCnt() {
    return header.refCnt();
  }

  @Override
  public RawMessage retain() {
    header.retain();
    return this;
  }

  @Override
  public RawMessage retain(int increment) {
    header.retain(increment);
    return this;
  }

  @Override
  public RawMessage touch() {
    header.touch();
    return this;
  }

  @Override
  public RawMessage touch(Object hint) {
    header.touch(hint);
    return this;
  }

  @Override
  public boolean release() {
    return header.release();
  }

  @Override
  public boolean release(int decrement) {
    return header.release(decrement);
  }
}
