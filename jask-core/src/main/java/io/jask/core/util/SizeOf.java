package io.jask.core.util;

import java.util.Collection;
import java.util.Map;

/**
 * Estimates how many bytes a result occupies in memory, as Dask's {@code sizeof} does: exact for
 * primitive arrays and strings, a sum over elements (sampled for large ones) for collections and
 * object arrays, and a fixed guess for other objects. Objects can say for themselves by
 * implementing {@link Sized}.
 */
public final class SizeOf {
  /** What an object of unknown shape is taken to weigh. */
  public static final long DEFAULT = 64;
  private static final long HEADER = 16;
  private static final int SAMPLE = 16;

  private SizeOf() {}

  /** An object that knows its own size in bytes. */
  public interface Sized {
    /** The bytes this object holds, with what it references. */
    long sizeInBytes();
  }

  /** The estimated size of {@code value} in bytes. */
  public static long estimate(Object value) {
    return estimate(value, 0);
  }

  private static long estimate(Object v, int depth) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Sized s) {
      return s.sizeInBytes();
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      return 24;
    }
    if (v instanceof CharSequence s) {
      return 40 + s.length();
    }
    if (v instanceof double[] a) {
      return HEADER + 8L * a.length;
    }
    if (v instanceof long[] a) {
      return HEADER + 8L * a.length;
    }
    if (v instanceof int[] a) {
      return HEADER + 4L * a.length;
    }
    if (v instanceof float[] a) {
      return HEADER + 4L * a.length;
    }
    if (v instanceof short[] a) {
      return HEADER + 2L * a.length;
    }
    if (v instanceof char[] a) {
      return HEADER + 2L * a.length;
    }
    if (v instanceof byte[] a) {
      return HEADER + a.length;
    }
    if (v instanceof boolean[] a) {
      return HEADER + a.length;
    }
    if (depth > 8) {
      return DEFAULT;
    }
    if (v instanceof Object[] a) {
      return HEADER + 8L * a.length + sampled(java.util.Arrays.asList(a), depth);
    }
    if (v instanceof Collection<?> c) {
      return HEADER + 16L * c.size() + sampled(c, depth);
    }
    if (v instanceof Map<?, ?> m) {
      return HEADER + 48L * m.size() + sampled(m.keySet(), depth) + sampled(m.values(), depth);
    }
    return DEFAULT;
  }

  /** The elements' sizes, from the first {@link #SAMPLE} scaled to the whole collection. */
  private static long sampled(Collection<?> items, int depth) {
    int n = items.size();
    if (n == 0) {
      return 0;
    }
    long sum = 0;
    int seen = 0;
    for (Object item : items) {
      sum += estimate(item, depth + 1);
      if (++seen == SAMPLE) {
        break;
      }
    }
    return sum * n / seen;
  }
}
