package io.jask.core;

import io.jask.core.graph.Key;
import java.util.List;

/**
 * A task graph that cannot run: a cycle, a missing dependency, or one key bound to two different
 * tasks. {@link #keys()} names the keys at fault.
 */
public class GraphException extends JaskException {
  private static final long serialVersionUID = 1L;
  private final List<Key> keys;

  public GraphException(String message, List<Key> keys) {
    super(message);
    this.keys = List.copyOf(keys);
  }

  /** The keys at fault: the cycle in order, the task and its missing dependency, or the key bound twice. */
  public List<Key> keys() {
    return keys;
  }
}
