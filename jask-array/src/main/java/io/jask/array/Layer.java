package io.jask.array;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Task;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The tasks one array operation adds (Dask's high-level graph layer), and the layers they read.
 * An array's graph is its layer and, transitively, the layers below it; a layer shared by several
 * arrays is added once.
 */
final class Layer {
  final String name;
  final Task[] tasks;
  final Layer[] dependencies;
  /** At least the number of tasks of this layer and those below (shared ones counted again), capped. */
  final int sizeHint;

  Layer(String name, Collection<Task> tasks, Layer... dependencies) {
    this.name = name;
    this.tasks = tasks.toArray(new Task[0]);
    this.dependencies = dependencies;
    long hint = this.tasks.length;
    for (Layer d : dependencies) {
      hint += d.sizeHint;
    }
    this.sizeHint = (int) Math.min(hint, 1 << 22);
  }

  /** The graph of these layers and everything below them. */
  static Graph collect(Layer... roots) {
    long hint = 0;
    for (Layer r : roots) {
      hint += r.sizeHint;
    }
    Graph.Builder b = Graph.builder((int) Math.min(hint, 1 << 22));
    Set<String> seen = new HashSet<>();
    Deque<Layer> stack = new ArrayDeque<>();
    for (Layer r : roots) {
      stack.push(r);
    }
    while (!stack.isEmpty()) {
      Layer l = stack.pop();
      if (!seen.add(l.name)) {
        continue;
      }
      for (Task t : l.tasks) {
        b.addIfAbsent(t);
      }
      for (Layer d : l.dependencies) {
        stack.push(d);
      }
    }
    return b.build();
  }
}
