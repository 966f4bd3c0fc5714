package io.jask.distributed.scheduler;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sets that are allocated on first insertion. Most tasks have empty waiter, wanter, replica and
 * error sets most of the time; a million tasks should not cost a million empty hash tables each.
 * Iteration order is insertion order, so the scheduler stays deterministic.
 */
final class LazySets {
  private LazySets() {}

  /** {@code set} plus {@code item}: the same set, or a new one if {@code set} was null. */
  static <T> Set<T> plus(Set<T> set, T item) {
    Set<T> s = set == null ? new LinkedHashSet<>(4) : set;
    s.add(item);
    return s;
  }

  /** Removes {@code item}; whether it was there. */
  static <T> boolean remove(Set<T> set, T item) {
    return set != null && set.remove(item);
  }

  /**
   * The set itself, or an empty set for null. Callers only read it (this is the scheduler's hot
   * path, so there is no read-only wrapper) and copy it before changing the set while iterating.
   */
  static <T> Set<T> view(Set<T> set) {
    return set == null ? Collections.emptySet() : set;
  }

  static <T> boolean isEmpty(Set<T> set) {
    return set == null || set.isEmpty();
  }

  static <T> boolean contains(Set<T> set, T item) {
    return set != null && set.contains(item);
  }
}
