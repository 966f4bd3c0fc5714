package io.jask.distributed.comm;

/** Message classes the tests send, and the serializer config that registers them. */
final class TestMessages {
  private TestMessages() {}

  /** A small message. */
  record Ping(int n, String text) {}

  /** One message of a numbered stream from one of several senders. */
  record Numbered(int sender, int seq) {}

  /** Registered nowhere: sending or receiving it must fail. */
  record Unregistered(String secret) {}

  /** Registers the test messages by explicit id, as production code should. */
  static SerializerConfig config() {
    return SerializerConfig.builder()
        .register(Ping.class, 100)
        .register(Numbered.class, 101)
        .build();
  }

  /** A counting serializer over {@link #config()}. */
  static CountingSerializer countingSerializer() {
    return new CountingSerializer(config().newSerializer());
  }
}
