package io.jask.distributed.worker;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A task's place in line: a sequence of numbers compared lexicographically, lower first, as
 * Dask's priority tuples. A shorter sequence that is a prefix of a longer one comes first.
 *
 * <p>The scheduler sends one with each task; the worker appends a decreasing counter, so among
 * tasks with equal scheduler priority the one it was given last runs first.
 */
public final class Priority implements Comparable<Priority>, Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] levels;

  private Priority(long[] levels) {
    this.levels = levels;
  }

  /** A priority made of these levels, most significant first. */
  public static Priority of(long... levels) {
    return new Priority(levels.clone());
  }

  /** This priority with one more, least significant, level. */
  public Priority then(long level) {
    long[] longer = Arrays.copyOf(levels, levels.length + 1);
    longer[levels.length] = level;
    return new Priority(longer);
  }

  /** The levels, most significant first. */
  public long[] levels() {
    return levels.clone();
  }

  @Override
  public int compareTo(Priority other) {
    return Arrays.compare(levels, other.levels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Priority p && Arrays.equals(levels, p.levels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(levels);
  }

  @Override
  public String toString() {
    return Arrays.toString(levels);
  }
}
