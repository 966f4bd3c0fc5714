package io.jask.distributed.comm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A message with raw binary payloads beside it, as dask.distributed's "frames": the {@link
 * #header()} is serialised, each buffer travels as its own raw frame and is never seen by the
 * {@link Serializer}. Array chunks and other large blocks of bytes go here, so they cross the wire
 * without being re-encoded.
 *
 * <p>Sending reads each buffer from its position to its limit without moving either; the buffers
 * must not change until the send's future completes, and may be reused after. On the receiving
 * side each buffer is a new heap buffer, position 0, limit its length, owned by the receiver.
 *
 * <p>A comm delivers what was sent: an {@code Envelope} arrives as an {@code Envelope} (even with
 * no buffers), any other object as itself.
 *
 * @param header the message proper, serialised by the comm's {@link Serializer}; not null
 * @param buffers the raw payloads, in order; each at most {@link CommOptions#maxFrameSize()} bytes
 */
public record Envelope(Object header, List<ByteBuffer> buffers) {
  /** Checks for nulls and copies the list (not the buffers). */
  public Envelope {
    Objects.requireNonNull(header, "header");
    buffers = List.copyOf(buffers);
  }

  /** An envelope around {@code header} and {@code buffers}. */
  public static Envelope of(Object header, ByteBuffer... buffers) {
    return new Envelope(header, List.of(buffers));
  }

  /** An envelope around {@code header} and byte arrays, wrapped without copying. */
  public static Envelope ofArrays(Object header, byte[]... arrays) {
    List<ByteBuffer> wrapped = new ArrayList<>(arrays.length);
    for (byte[] array : arrays) {
      wrapped.add(ByteBuffer.wrap(array));
    }
    return new Envelope(header, wrapped);
  }

  /** The total size of the buffers, in bytes. */
  public long bufferBytes() {
    long total = 0;
    for (ByteBuffer buffer : buffers) {
      total += buffer.remaining();
    }
    return total;
  }

  /** The header and the buffers' sizes, not their contents. */
  @Override
  public String toString() {
    StringBuilder sizes = new StringBuilder();
    for (ByteBuffer buffer : buffers) {
      sizes.append(sizes.length() == 0 ? "" : ", ").append(buffer.remaining());
    }
    return "Envelope[header=" + header + ", buffers=[" + sizes + "] bytes]";
  }
}
