package io.jask.core.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Estimates how many bytes a result occupies on the heap, as Dask's {@code sizeof} does. The
 * figures follow the layout of a 64-bit HotSpot JVM with compressed references (12-byte object
 * headers, 16-byte array headers, 4-byte references, everything padded to 8 bytes):
 *
 * <ul>
 *   <li>primitive arrays and strings: exact (a string is its object plus its byte array, one byte
 *       per character when every character is Latin-1, two otherwise);
 *   <li>boxed numbers: exact;
 *   <li>collections, maps and object arrays: the container's own structure (backing array,
 *       entries) plus the sizes of their elements, measured one by one up to {@value #SAMPLE}
 *       elements and extrapolated from an even sample beyond;
 *   <li>objects implementing {@link Sized}: what they say;
 *   <li>any other object: {@link #DEFAULT}.
 * </ul>
 *
 * <p>The workers count results with it against their memory limit, so an estimate that is far too
 * low lets a worker run out of memory before it spills.
 */
public final class SizeOf {
  /** What an object of unknown shape is taken to weigh. */
  public static final long DEFAULT = 64;

  private static final long OBJECT_HEADER = 12;
  private static final long ARRAY_HEADER = 16;
  private static final long REFERENCE = 4;
  /** A String object: header, value reference, hash, coder and hashIsZero fields. */
  private static final long STRING_OBJECT = 24;
  /** A HashMap.Node or LinkedHashMap.Entry-like entry (LinkedHashMap's is 40). */
  private static final long MAP_ENTRY = 32;
  /** How many elements of a container are measured one by one before sampling. */
  private static final int SAMPLE = 64;
  /** How deep nested containers are followed before the rest counts as {@link #DEFAULT}. */
  private static final int MAX_DEPTH = 8;

  private SizeOf() {}

  /** An object that knows its own size in bytes. */
  public interface Sized {
    /** The bytes this object holds, with what it references. */
    long sizeInBytes();
  }

  /** The estimated size of {@code value} in bytes; 0 for null. */
  public static long estimate(Object value) {
    return estimate(value, 0);
  }

  /** {@code bytes} rounded up to the JVM's 8-byte object alignment. */
  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private static long primitiveArray(long length, int elementBytes) {
    return align(ARRAY_HEADER + length * elementBytes);
  }

  /** The heap size of a string: its object and its compact or UTF-16 byte array. */
  static long ofString(CharSequence s) {
    int n = s.length();
    boolean latin1 = true;
    for (int i = 0; i < n && latin1; i++) {
      latin1 = s.charAt(i) <= 0xFF;
    }
    long chars = latin1 ? n : 2L * n;
    if (s instanceof String) {
      return STRING_OBJECT + align(ARRAY_HEADER + chars);
    }
    // StringBuilder and friends: an object with a byte array, usually with spare capacity.
    return align(OBJECT_HEADER + 12) + align(ARRAY_HEADER + chars);
  }

  private static long estimate(Object v, int depth) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Sized s) {
      return Math.max(0, s.sizeInBytes());
    }
    if (v instanceof Long || v instanceof Double) {
      return 24;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      return 16; // Integer, Float, Short, Byte, Boolean, Character: header + 4 bytes, padded
    }
    if (v instanceof CharSequence s) {
      return ofString(s);
    }
    if (v instanceof double[] a) {
      return primitiveArray(a.length, 8);
    }
    if (v instanceof long[] a) {
      return primitiveArray(a.length, 8);
    }
    if (v instanceof int[] a) {
      return primitiveArray(a.length, 4);
    }
    if (v instanceof float[] a) {
      return primitiveArray(a.length, 4);
    }
    if (v instanceof short[] a) {
      return primitiveArray(a.length, 2);
    }
    if (v instanceof char[] a) {
      return primitiveArray(a.length, 2);
    }
    if (v instanceof byte[] a) {
      return primitiveArray(a.length, 1);
    }
    if (v instanceof boolean[] a) {
      return primitiveArray(a.length, 1);
    }
    if (depth > MAX_DEPTH) {
      return DEFAULT;
    }
    if (v instanceof Object[] a) {
      return align(ARRAY_HEADER + REFERENCE * a.length) + elements(java.util.Arrays.asList(a), depth);
    }
    if (v instanceof Collection<?> c) {
      return collectionStructure(c) + elements(c, depth);
    }
    if (v instanceof Map<?, ?> m) {
      int n = m.size();
      long table = align(ARRAY_HEADER + REFERENCE * tableCapacity(n));
      return 48 + table + MAP_ENTRY * n + elements(m.keySet(), depth) + elements(m.values(), depth);
    }
    return DEFAULT;
  }

  /** The bytes a collection itself uses besides its elements. */
  private static long collectionStructure(Collection<?> c) {
    int n = c.size();
    if (c instanceof RandomAccess) {
      // ArrayList and the immutable lists: an object and a reference array (capacity ~ size).
      return 24 + align(ARRAY_HEADER + REFERENCE * n);
    }
    if (c instanceof java.util.Set<?>) {
      // HashSet wraps a HashMap; TreeSet's nodes are of a similar size.
      return 16 + 48 + align(ARRAY_HEADER + REFERENCE * tableCapacity(n)) + MAP_ENTRY * n;
    }
    // LinkedList, ArrayDeque and others: about one node of three references per element.
    return 32 + 24L * n;
  }

  /** HashMap's table length for {@code n} entries at its default load factor of 0.75. */
  private static long tableCapacity(int n) {
    if (n == 0) {
      return 0;
    }
    long needed = (long) Math.ceil(n / 0.75);
    return Long.highestOneBit(Math.max(1, needed - 1)) << 1;
  }

  /**
   * The elements' sizes: every one for up to {@link #SAMPLE} elements, else an even sample of
   * {@link #SAMPLE} scaled to the whole collection.
   */
  private static long elements(Collection<?> items, int depth) {
    int n = items.size();
    if (n == 0) {
      return 0;
    }
    if (n <= SAMPLE) {
      long sum = 0;
      for (Object item : items) {
        sum += estimate(item, depth + 1);
      }
      return sum;
    }
    List<?> list = items instanceof List<?> l && items instanceof RandomAccess ? l : null;
    long sum = 0;
    if (list != null) {
      for (int i = 0; i < SAMPLE; i++) {
        sum += estimate(list.get((int) ((long) i * n / SAMPLE)), depth + 1);
      }
    } else {
      // Without random access, take every k-th element in one pass.
      int step = n / SAMPLE;
      int index = 0;
      int taken = 0;
      List<Object> picked = new ArrayList<>(SAMPLE);
      for (Object item : items) {
        if (index++ % step == 0 && taken++ < SAMPLE) {
          picked.add(item);
        }
      }
      for (Object item : picked) {
        sum += estimate(item, depth + 1);
      }
      return sum * n / picked.size();
    }
    return sum * n / SAMPLE;
  }
}
