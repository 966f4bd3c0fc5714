package io.jask.distributed.comm;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A message as reassembled from its frames, header not yet deserialised.
 *
 * @param envelope whether the sender sent an {@link Envelope}
 * @param header the serialised header
 * @param buffers the raw payloads, each a fresh heap buffer
 */
record RawMessage(boolean envelope, byte[] header, List<ByteBuffer> buffers) {
  /** Payload bytes held, for flow control. */
  long size() {
    long total = header.length;
    for (ByteBuffer buffer : buffers) {
      total += buffer.remaining();
    }
    return total;
  }
}
