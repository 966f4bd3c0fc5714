package io.jask.distributed.comm;

import java.nio.ByteBuffer;

/**
 * Turns message objects into bytes and back. Comms call it only for the header object of a message,
 * never for the raw buffers of an {@link Envelope}, and on the receiving side only for connections
 * that have authenticated.
 *
 * <p>Implementations must be thread-safe: senders serialise on their own threads, receivers
 * deserialise on transport threads. {@link SerializerConfig#newSerializer()} gives Jask's
 * implementation, on Apache Fory with mandatory class registration.
 */
public interface Serializer {
  /**
   * The bytes of {@code message}.
   *
   * @throws SerializationException if {@code message} (or an object inside it) cannot be
   *     serialised, for example because its class is not registered
   */
  byte[] serialize(Object message);

  /**
   * The object {@code bytes} were made from.
   *
   * @throws SerializationException if the bytes are not a message this serializer understands, or
   *     name a class that is not registered; no instance of such a class is created
   */
  Object deserialize(byte[] bytes);

  /**
   * The object the bytes from {@code bytes}' position to its limit were made from; the buffer may
   * be direct, and its position is left as it was. Comms use it to decode straight from received
   * frames; this default copies the bytes into an array first.
   *
   * @throws SerializationException as {@link #deserialize(byte[])}
   */
  default Object deserialize(ByteBuffer bytes) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return deserialize(copy);
  }
}
