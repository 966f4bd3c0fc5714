package io.jask.distributed.comm;

/** What the decoding end of the pipeline hands to the comm, one per received message. */
sealed interface Inbound {
  /** Payload bytes, for flow control. */
  long size();

  /** A message, deserialised. */
  record Delivered(Object message, long size) implements Inbound {}

  /** A message whose header could not be deserialised; the stream itself is intact. */
  record Undecodable(SerializationException error, long size) implements Inbound {}
}
