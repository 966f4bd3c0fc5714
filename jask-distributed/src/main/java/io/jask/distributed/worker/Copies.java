package io.jask.distributed.worker;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable, sorted copies of the collections that events carry. Sorted so that the state
 * machine, which iterates them, does the same thing on every run: {@code Map.copyOf} would
 * iterate in an order that changes from one JVM to the next.
 */
final class Copies {
  private Copies() {}

  static <K extends Comparable<? super K>, V> SortedMap<K, V> sortedMap(Map<K, V> map, String what) {
    Objects.requireNonNull(map, what);
    if (map.isEmpty()) {
      return Collections.emptySortedMap(); // most events carry no resources, root tasks no dependencies
    }
    TreeMap<K, V> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, what + " key"), Objects.requireNonNull(v, what + " value")));
    return Collections.unmodifiableSortedMap(copy);
  }

  static <T extends Comparable<? super T>> SortedSet<T> sortedSet(Collection<T> items, String what) {
    Objects.requireNonNull(items, what);
    if (items.isEmpty()) {
      return Collections.emptySortedSet();
    }
    TreeSet<T> copy = new TreeSet<>();
    for (T item : items) {
      copy.add(Objects.requireNonNull(item, what + " element"));
    }
    return Collections.unmodifiableSortedSet(copy);
  }

  static <T> List<T> list(Collection<T> items, String what) {
    Objects.requireNonNull(items, what);
    return List.copyOf(items);
  }

  static String peer(String peer) {
    Objects.requireNonNull(peer, "peer address");
    if (peer.isEmpty()) {
      throw new IllegalArgumentException("a peer address must not be empty");
    }
    return peer;
  }
}
