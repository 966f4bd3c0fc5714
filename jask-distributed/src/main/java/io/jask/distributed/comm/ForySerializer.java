package io.jask.distributed.comm;

import io.jask.core.graph.Key;
import java.nio.ByteBuffer;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;

/**
 * {@link Serializer} on Apache Fory, strict: only registered classes (and the JDK types Fory allows
 * by default) are written or read, and an unknown class on the wire is an error rather than an
 * inert placeholder.
 *
 * <p>Fory freezes its registrations at the first use, so all of them are applied here, at
 * construction, from the immutable {@link SerializerConfig}.
 */
final class ForySerializer implements Serializer {
  private static final String HINT =
      " (are the same classes registered, with the same ids or names and in the same order,"
          + " on both sides?)";

  /** Largest output buffer a pooled Fory keeps between messages. */
  private static final int BUFFER_LIMIT_BYTES = 4 << 20;

  private final ThreadSafeFory fory;

  ForySerializer(SerializerConfig config) {
    this.fory =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .requireClassRegistration(true)
            .withDeserializeUnknownClass(false)
            // Both ends run the same protocol version (the handshake checks it), so messages need
            // not carry their classes' field layouts: smaller, and about a quarter faster.
            .withCompatibleMode(CompatibleMode.SCHEMA_CONSISTENT)
            // Task graphs share arguments between tasks: keep shared references shared.
            .withRefTracking(true)
            // ...but not strings: they are values, and tracking each one costs a map entry.
            .ignoreStringRef(true)
            // Batches of thousands of tasks run to megabytes; a smaller buffer is regrown for each.
            .withBufferSizeLimitBytes(BUFFER_LIMIT_BYTES)
            // Registration is required, so Fory's warning about unregistered classes is noise.
            .suppressClassRegistrationWarnings(true)
            .withCodegen(ForyCodegen.enabled())
            .buildThreadSafeFory();
    for (SerializerConfig.Registration registration : config.registrations()) {
      if (registration.id() >= 0) {
        fory.register(registration.type(), registration.id());
      } else if (registration.name() != null) {
        fory.register(registration.type(), registration.name());
      } else {
        fory.register(registration.type());
      }
      if (registration.type() == Key.class) {
        fory.registerSerializer(Key.class, resolver -> new KeySerializer(resolver.getConfig()));
      }
    }
  }

  @Override
  public byte[] serialize(Object message) {
    try {
      return fory.serialize(message);
    } catch (RuntimeException | StackOverflowError e) {
      throw new SerializationException(
          "cannot serialise " + describe(message) + ": " + rootMessage(e), e);
    }
  }

  @Override
  public Object deserialize(byte[] bytes) {
    try {
      return fory.deserialize(bytes);
    } catch (RuntimeException | StackOverflowError e) {
      throw new SerializationException(
          "cannot deserialise a message of " + bytes.length + " bytes: " + rootMessage(e) + HINT,
          e);
    }
  }

  @Override
  public Object deserialize(ByteBuffer bytes) {
    int size = bytes.remaining();
    try {
      return fory.deserialize(bytes.duplicate());
    } catch (RuntimeException | StackOverflowError e) {
      throw new SerializationException(
          "cannot deserialise a message of " + size + " bytes: " + rootMessage(e) + HINT, e);
    }
  }

  private static String describe(Object message) {
    return message == null ? "null" : "a " + message.getClass().getName();
  }

  /** Fory wraps the telling failure in generic ones; the innermost message says what happened. */
  static String rootMessage(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return message != null ? message : failure.getClass().getName();
  }
}
