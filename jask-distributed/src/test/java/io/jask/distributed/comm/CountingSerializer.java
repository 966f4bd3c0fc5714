package io.jask.distributed.comm;

import java.util.concurrent.atomic.AtomicLong;

/** Wraps a serializer and counts its calls and the bytes they handled. */
final class CountingSerializer implements Serializer {
  private final Serializer delegate;
  final AtomicLong serializeCalls = new AtomicLong();
  final AtomicLong deserializeCalls = new AtomicLong();
  final AtomicLong bytesSeen = new AtomicLong();

  CountingSerializer(Serializer delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] serialize(Object message) {
    serializeCalls.incrementAndGet();
    byte[] bytes = delegate.serialize(message);
    bytesSeen.addAndGet(bytes.length);
    return bytes;
  }

  @Override
  public Object deserialize(byte[] bytes) {
    deserializeCalls.incrementAndGet();
    bytesSeen.addAndGet(bytes.length);
    return delegate.deserialize(bytes);
  }
}
