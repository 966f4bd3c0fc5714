package io.jask.core.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic tokens: the same values give the same token, in this JVM and in any other.
 *
 * <p>Values are hashed by content: primitives and their boxes, strings, enums, keys, arrays,
 * lists (in order), sets and maps (in any order), records (by component), {@link Tokenizable}
 * objects, functions ({@linkplain Functions#identity by the method they call} and what they
 * capture), common value types ({@code Path}, {@code URI}, {@code UUID}, {@code java.time}), and
 * other {@code Serializable} objects by their serialised form. An object with none of these shapes
 * gets a fresh random token, so two such calls are never mistaken for the same computation.
 */
public final class Tokens {
  private static final int MAX_DEPTH = 256;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String SESSION_HEX = String.format("%016x", new SecureRandom().nextLong());
  private static final AtomicLong COUNTER = new AtomicLong();

  private Tokens() {}

  /** A 32-hex-digit token of the given values. */
  public static String tokenize(Object... values) {
    Hasher128 h = new Hasher128();
    h.putLong(values.length);
    for (Object v : values) {
      feed(h, v, 0);
    }
    return h.hex();
  }

  /**
   * A token no other call in any JVM returns (with overwhelming probability): this JVM's random
   * 64-bit session id and a counter, in hex. It costs no system call and no lock.
   */
  public static String unique() {
    char[] out = new char[32];
    SESSION_HEX.getChars(0, 16, out, 0);
    long n = COUNTER.incrementAndGet();
    for (int i = 31; i >= 16; i--) {
      out[i] = HEX[(int) (n & 0xF)];
      n >>>= 4;
    }
    return new String(out);
  }

  private static void feed(Hasher128 h, Object v, int depth) {
    if (depth > MAX_DEPTH) {
      h.putString(unique()); // self-referencing or absurdly deep: never treat as equal
      return;
    }
    if (v == null) {
      h.putLong(0x6E756C6CL);
    } else if (v instanceof String s) {
      h.putLong(1).putString(s);
    } else if (v instanceof Integer i) {
      h.putLong(2).putLong(i);
    } else if (v instanceof Long l) {
      h.putLong(22).putLong(l);
    } else if (v instanceof Short s) {
      h.putLong(23).putLong(s);
    } else if (v instanceof Byte b) {
      h.putLong(24).putLong(b);
    } else if (v instanceof Double d) {
      h.putLong(3).putLong(Double.doubleToLongBits(d));
    } else if (v instanceof Float f) {
      h.putLong(4).putLong(Float.floatToIntBits(f));
    } else if (v instanceof Boolean b) {
      h.putLong(5).putLong(b ? 1 : 0);
    } else if (v instanceof Character c) {
      h.putLong(6).putLong(c);
    } else if (v instanceof Key k) {
      // By name and index: toString() cannot tell Key.of("(a, 1)") from Key.of("a", 1).
      int[] index = k.index();
      h.putLong(7).putString(k.name()).putLong(index.length);
      for (int i : index) {
        h.putLong(i);
      }
    } else if (v instanceof Tokenizable t) {
      h.putLong(8).putString(v.getClass().getName());
      feed(h, t.tokenIdentity(), depth + 1);
    } else if (v instanceof Enum<?> e) {
      h.putLong(9).putString(e.getDeclaringClass().getName()).putString(e.name());
    } else if (v.getClass().isArray()) {
      feedArray(h, v, depth);
    } else if (v instanceof List<?> list) {
      h.putLong(10).putLong(list.size());
      for (Object o : list) {
        feed(h, o, depth + 1);
      }
    } else if (v instanceof Set<?> set) {
      feedUnordered(h, 11, set, depth);
    } else if (v instanceof Map<?, ?> map) {
      feedUnordered(h, 12, map.entrySet(), depth);
    } else if (v instanceof Map.Entry<?, ?> e) {
      h.putLong(13);
      feed(h, e.getKey(), depth + 1);
      feed(h, e.getValue(), depth + 1);
    } else if (v instanceof Optional<?> o) {
      h.putLong(14);
      feed(h, o.orElse(null), depth + 1);
    } else if (v instanceof Record) {
      feedRecord(h, (Record) v, depth);
    } else if (Functions.isFunction(v)) {
      h.putLong(15).putString(Functions.identity(v));
    } else if (isValueType(v)) {
      h.putLong(16).putString(v.getClass().getName()).putString(v.toString());
    } else if (v instanceof Collection<?> c) {
      h.putLong(17).putString(v.getClass().getName()).putLong(c.size());
      for (Object o : c) {
        feed(h, o, depth + 1);
      }
    } else if (v instanceof Serializable s) {
      h.putLong(18).putString(v.getClass().getName()).putString(serializedHex(s));
    } else {
      h.putLong(19).putString(unique());
    }
  }

  private static void feedUnordered(Hasher128 h, long tag, Collection<?> items, int depth) {
    long high = 0;
    long low = 0;
    for (Object o : items) {
      Hasher128 item = new Hasher128();
      feed(item, o, depth + 1);
      high += item.high();
      low += item.low();
    }
    h.putLong(tag).putLong(items.size()).putLong(high).putLong(low);
  }

  private static void feedRecord(Hasher128 h, Record r, int depth) {
    h.putLong(20).putString(r.getClass().getName());
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        feed(h, c.getAccessor().invoke(r), depth + 1);
      } catch (ReflectiveOperationException | RuntimeException e) {
        h.putString(unique());
      }
    }
  }

  private static void feedArray(Hasher128 h, Object v, int depth) {
    h.putLong(21).putString(v.getClass().getName());
    if (v instanceof double[] a) {
      h.putLong(a.length);
      for (double d : a) {
        h.putLong(Double.doubleToLongBits(d));
      }
    } else if (v instanceof long[] a) {
      h.putLong(a.length);
      for (long x : a) {
        h.putLong(x);
      }
    } else if (v instanceof int[] a) {
      h.putLong(a.length);
      for (int x : a) {
        h.putLong(x);
      }
    } else if (v instanceof float[] a) {
      h.putLong(a.length);
      for (float x : a) {
        h.putLong(Float.floatToIntBits(x));
      }
    } else if (v instanceof short[] a) {
      h.putLong(a.length);
      for (short x : a) {
        h.putLong(x);
      }
    } else if (v instanceof byte[] a) {
      h.putLong(a.length);
      for (byte x : a) {
        h.putLong(x);
      }
    } else if (v instanceof char[] a) {
      h.putString(new String(a));
    } else if (v instanceof boolean[] a) {
      h.putLong(a.length);
      for (boolean x : a) {
        h.putLong(x ? 1 : 0);
      }
    } else {
      Object[] a = (Object[]) v;
      h.putLong(a.length);
      for (Object o : a) {
        feed(h, o, depth + 1);
      }
    }
  }

  private static boolean isValueType(Object v) {
    return v instanceof Path || v instanceof URI || v instanceof UUID || v instanceof BigInteger
        || v instanceof BigDecimal || v instanceof TemporalAccessor || v instanceof Class<?>;
  }

  private static String serializedHex(Serializable s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    } catch (IOException | RuntimeException e) {
      return unique();
    }
    byte[] b = bytes.toByteArray();
    Hasher128 h = new Hasher128();
    h.putLong(b.length);
    for (byte x : b) {
      h.putLong(x);
    }
    return h.hex();
  }
}
