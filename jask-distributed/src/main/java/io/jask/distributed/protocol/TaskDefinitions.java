package io.jask.distributed.protocol;

import io.jask.core.JaskException;
import io.jask.core.graph.FunctionCall;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Encodes a task's definition, the run spec a client sends and a worker runs, so that a function
 * shared by many tasks is encoded and decoded once rather than once per task.
 *
 * <p>A call of a lambda or method reference that captures nothing (its class has no instance
 * fields, so every instance is the same function) is written as {@link #SPLIT}, the function's
 * bytes, then the key, arity and arguments. The client encodes such a function once per class;
 * the worker decodes each distinct function byte sequence once and shares the result between
 * tasks, in a cache of at most {@link #CACHED_FUNCTIONS} entries. Any other task (a lambda with
 * captured values, an object with state, a constant) is encoded whole with {@link Payloads}, as
 * before, and decoded afresh every time, so tasks never share mutable state through the cache.
 * {@link #decode} reads both forms.
 */
public final class TaskDefinitions {
  /** First byte of the split form; whole-task {@link Payloads} bytes start with a small bitmap. */
  static final byte SPLIT = 'J';

  /** Most decoded functions kept by a worker; the least recently used goes first. */
  static final int CACHED_FUNCTIONS = 256;

  /** A function whose bytes run longer than this is decoded for each task rather than kept. */
  private static final int MAX_CACHED_FUNCTION_BYTES = 64 * 1024;

  /** Per stateless function class: its bytes, once encoded. */
  private static final ClassValue<AtomicReference<byte[]>> ENCODED_FUNCTIONS = new ClassValue<>() {
    @Override
    protected AtomicReference<byte[]> computeValue(Class<?> type) {
      return new AtomicReference<>();
    }
  };

  private static final FunctionCache DECODED = new FunctionCache(CACHED_FUNCTIONS);

  private TaskDefinitions() {}

  /**
   * The run spec of {@code task}.
   *
   * @throws JaskException naming the class at fault if the task cannot be encoded
   */
  public static byte[] encode(Task task) {
    if (!(task.function() instanceof FunctionCall call) || !isStateless(call.fn().getClass())) {
      return Payloads.encode(task);
    }
    byte[] function = encodedFunction(call.fn());
    byte[] rest = Payloads.encode(new CallParts(task.key(), call.arity(), task.args()));
    return ByteBuffer.allocate(1 + Integer.BYTES + function.length + rest.length)
        .put(SPLIT)
        .putInt(function.length)
        .put(function)
        .put(rest)
        .array();
  }

  /**
   * The task {@code runSpec} defines, in either form {@link #encode} writes.
   *
   * @param what what the bytes are, for the error message ("the definition of task 'inc-…'")
   * @throws JaskException naming {@code what} if the bytes cannot be decoded
   */
  public static Task decode(byte[] runSpec, String what) {
    return decode(runSpec, () -> what);
  }

  /**
   * As {@link #decode(byte[], String)}, with the description made only if the bytes cannot be
   * decoded: a worker decodes every task it runs, and naming each would cost more than decoding.
   */
  public static Task decode(byte[] runSpec, Supplier<String> what) {
    if (runSpec.length == 0 || runSpec[0] != SPLIT) {
      return (Task) Payloads.decode(runSpec, what);
    }
    if (runSpec.length < 1 + Integer.BYTES) {
      throw new JaskException("cannot deserialise " + what.get() + ": " + runSpec.length + " bytes are too few");
    }
    int length = ByteBuffer.wrap(runSpec, 1, Integer.BYTES).getInt();
    int start = 1 + Integer.BYTES;
    if (length < 0 || length > runSpec.length - start) {
      throw new JaskException("cannot deserialise " + what.get() + ": its function is said to take " + length
          + " bytes of " + runSpec.length);
    }
    Object fn = DECODED.get(runSpec, start, length, what);
    byte[] rest = Arrays.copyOfRange(runSpec, start + length, runSpec.length);
    if (!(Payloads.decode(rest, what) instanceof CallParts parts)) {
      throw new JaskException("cannot deserialise " + what.get() + ": its arguments are not a call's");
    }
    return Task.of(parts.key(), new FunctionCall(fn, parts.arity()), parts.args());
  }

  /** Decoded functions the cache holds now; for tests. */
  static int cachedFunctions() {
    return DECODED.size();
  }

  /** Functions decoded from bytes so far, cached or not; for tests. */
  static long functionDecodes() {
    return DECODED.decodes();
  }

  private static byte[] encodedFunction(Object fn) {
    AtomicReference<byte[]> holder = ENCODED_FUNCTIONS.get(fn.getClass());
    byte[] bytes = holder.get();
    if (bytes == null) {
      bytes = Payloads.encode(fn); // a race encodes twice: the bytes are equal either way
      holder.set(bytes);
    }
    return bytes;
  }

  /**
   * Whether every instance of {@code type} is the same function: a serializable lambda or method
   * reference (a synthetic class) without instance fields, that is, one that captures nothing.
   */
  static boolean isStateless(Class<?> type) {
    return STATELESS.get(type);
  }

  private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      if (!type.isSynthetic() || !Serializable.class.isAssignableFrom(type)) {
        return false;
      }
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            return false;
          }
        }
      }
      return true;
    }
  };

  /** What a split run spec holds besides its function. */
  record CallParts(Key key, int arity, Object[] args) {}

  /** Decoded stateless functions by their bytes, least recently used first. */
  static final class FunctionCache {
    private final Map<Bytes, Object> functions;
    private final AtomicLong decodes = new AtomicLong();

    FunctionCache(int capacity) {
      this.functions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, Object> eldest) {
          return size() > capacity;
        }
      };
    }

    Object get(byte[] source, int start, int length, Supplier<String> what) {
      Bytes probe = new Bytes(source, start, length);
      synchronized (functions) {
        Object fn = functions.get(probe);
        if (fn != null) {
          return fn;
        }
      }
      Object fn = Payloads.decode(Arrays.copyOfRange(source, start, start + length), what);
      decodes.incrementAndGet();
      if (length <= MAX_CACHED_FUNCTION_BYTES && isStateless(fn.getClass())) {
        Bytes key = new Bytes(Arrays.copyOfRange(source, start, start + length), 0, length);
        synchronized (functions) {
          functions.putIfAbsent(key, fn);
        }
      }
      return fn;
    }

    long decodes() {
      return decodes.get();
    }

    int size() {
      synchronized (functions) {
        return functions.size();
      }
    }
  }

  /** A range of a byte array, compared by content. */
  private static final class Bytes {
    private final byte[] array;
    private final int start;
    private final int length;
    private final int hash;

    Bytes(byte[] array, int start, int length) {
      this.array = array;
      this.start = start;
      this.length = length;
      int h = 1;
      for (int i = start; i < start + length; i++) {
        h = 31 * h + array[i];
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b
          && Arrays.equals(array, start, start + length, b.array, b.start, b.start + b.length);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
