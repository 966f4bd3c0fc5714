package io.jask.distributed.protocol;

import io.jask.core.JaskException;
import java.util.function.Supplier;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;

/**
 * Encodes what users put into tasks and get out of them: task definitions (with their functions,
 * lambdas included) and results, of any class on the shared classpath.
 *
 * <p>Unlike wire messages, payload classes cannot be registered in advance, so this codec accepts
 * any class. It is only ever applied to bytes that arrived on a connection that has already
 * authenticated with the cluster's token (see {@code io.jask.distributed.comm}): a peer who can
 * send payloads could equally submit tasks, so this grants nothing more, exactly as Dask's pickle.
 */
public final class Payloads {
  private static final ThreadSafeFory FORY = Fory.builder()
      .withLanguage(Language.JAVA)
      .requireClassRegistration(false)
      // Every process of a cluster runs the same classpath, as Dask's pickle assumes: values need
      // not carry their classes' field layouts (a task's definition shrinks by a quarter and
      // decodes about twice as fast).
      .withCompatibleMode(CompatibleMode.SCHEMA_CONSISTENT)
      .withRefTracking(true)
      .withClassLoader(Payloads.class.getClassLoader())
      .withCodegen(io.jask.distributed.comm.ForyCodegen.enabled())
      .buildThreadSafeFory();

  private Payloads() {}

  /**
   * The bytes of {@code value}.
   *
   * @throws JaskException naming the value's class if it cannot be encoded
   */
  public static byte[] encode(Object value) {
    try {
      return FORY.serialize(value);
    } catch (RuntimeException e) {
      throw new JaskException("cannot serialise a " + (value == null ? "null" : value.getClass().getName())
          + " to send it to another process: " + e.getMessage(), e);
    }
  }

  /**
   * The value {@code bytes} encode.
   *
   * @param what what the bytes are, for the error message ("the result of 'inc-…'")
   * @throws JaskException naming {@code what} if the bytes cannot be decoded (a class missing from
   *     this process's classpath, corrupt bytes)
   */
  public static Object decode(byte[] bytes, String what) {
    return decode(bytes, () -> what);
  }

  /**
   * As {@link #decode(byte[], String)}, with the description made only if the bytes cannot be
   * decoded: for hot paths, where building it for every value would cost more than decoding.
   */
  public static Object decode(byte[] bytes, Supplier<String> what) {
    try {
      return FORY.deserialize(bytes);
    } catch (RuntimeException | LinkageError e) {
      throw new JaskException("cannot deserialise " + what.get() + ": " + e.getMessage()
          + " (is the class on this process's classpath?)", e);
    }
  }
}
