package io.jask.core.graph;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The name of one task's result in a graph.
 *
 * <p>A key is a name ({@code "inc-3f2a…"}) and, for blocks of chunked collections, an optional
 * block index ({@code ("add-3f2a…", 0, 1)}). Keys compare by value and cache their hash, so they
 * are cheap to use in maps. The part of the name before the token ({@code "inc"}) is the key's
 * {@linkplain #group() group}: what progress bars and the dashboard count and colour by.
 */
public final class Key implements Comparable<Key>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final int[] NO_INDEX = {};

  private final String name;
  private final int[] index;
  private final int hash;

  private Key(String name, int[] index) {
    this.name = name;
    this.index = index;
    this.hash = 31 * name.hashCode() + Arrays.hashCode(index);
  }

  /**
   * A key made of a name alone.
   *
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public static Key of(String name) {
    return of(name, NO_INDEX);
  }

  /**
   * A key for one block of a chunked collection: a name plus a block index.
   *
   * @throws IllegalArgumentException if {@code name} is empty or an index is negative
   */
  public static Key of(String name, int... index) {
    Objects.requireNonNull(name, "key name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a key name must not be empty");
    }
    for (int i : index) {
      if (i < 0) {
        throw new IllegalArgumentException(
            "block index of key '" + name + "' must not be negative: " + Arrays.toString(index));
      }
    }
    return new Key(name, index.length == 0 ? NO_INDEX : index.clone());
  }

  /** The name without the block index. */
  public String name() {
    return name;
  }

  /** The block index; empty for a plain key. */
  public int[] index() {
    return index.length == 0 ? NO_INDEX : index.clone();
  }

  /**
   * The group this key belongs to: the name with its trailing token removed, as Dask's {@code
   * key_split} does ({@code "inc-5f1e…"} → {@code "inc"}, {@code "total"} → {@code "total"}).
   */
  public String group() {
    int end = name.length();
    while (true) {
      int dash = name.lastIndexOf('-', end - 1);
      if (dash <= 0 || !isToken(name, dash + 1, end)) {
        return name.substring(0, end);
      }
      end = dash;
    }
  }

  /** Whether {@code s[from, to)} looks like a generated token: at least 8 lowercase hex digits. */
  private static boolean isToken(String s, int from, int to) {
    if (to - from < 8) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Key k && hash == k.hash && name.equals(k.name) && Arrays.equals(index, k.index);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Key other) {
    int byName = name.compareTo(other.name);
    return byName != 0 ? byName : Arrays.compare(index, other.index);
  }

  /** {@code name} for a plain key, {@code (name, i, j)} for a block key. */
  @Override
  public String toString() {
    if (index.length == 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder("(").append(name);
    for (int i : index) {
      sb.append(", ").append(i);
    }
    return sb.append(')').toString();
  }
}
