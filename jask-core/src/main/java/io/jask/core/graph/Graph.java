package io.jask.core.graph;

import io.jask.core.GraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable task graph: a map from key to task, in insertion order.
 *
 * <p>Building a graph checks that no key is bound to two different tasks; {@link #validate()}
 * and {@link ExecutionPlan#of} check that every dependency exists and that there is no cycle,
 * naming the keys at fault. Graphs of millions of tasks are cheap: tasks live in one array, looked
 * up through one hash map.
 */
public final class Graph implements Iterable<Task> {
  private static final Graph EMPTY = new Graph(new Task[0], new HashMap<>());

  private final Task[] tasks;
  private final Map<Key, Integer> index;
  /** Dependency positions, looked up once on first use; see {@link #edges()}. */
  private volatile Edges edges;

  private Graph(Task[] tasks, Map<Key, Integer> index) {
    this.tasks = tasks;
    this.index = index;
  }

  /** The graph with no tasks. */
  public static Graph empty() {
    return EMPTY;
  }

  /**
   * A graph of the given tasks.
   *
   * @throws GraphException if one key is bound to two tasks that compute different things
   */
  public static Graph of(Task... tasks) {
    return of(Arrays.asList(tasks));
  }

  /** A graph of the given tasks; see {@link #of(Task...)}. */
  public static Graph of(Collection<Task> tasks) {
    Builder b = new Builder(tasks.size());
    tasks.forEach(b::add);
    return b.build();
  }

  /** A builder expecting about {@code expectedSize} tasks. */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  /** The number of tasks. */
  public int size() {
    return tasks.length;
  }

  /** Whether the graph has a task for {@code key}. */
  public boolean contains(Key key) {
    return index.containsKey(key);
  }

  /** The task bound to {@code key}, or {@code null}. */
  public Task get(Key key) {
    Integer i = index.get(key);
    return i == null ? null : tasks[i];
  }

  /** The keys, in insertion order. */
  public List<Key> keys() {
    List<Key> keys = new ArrayList<>(tasks.length);
    for (Task t : tasks) {
      keys.add(t.key());
    }
    return keys;
  }

  /** The {@code i}-th task in insertion order. */
  public Task task(int i) {
    return tasks[i];
  }

  /** The insertion position of {@code key}, or -1. */
  public int indexOf(Key key) {
    Integer i = index.get(key);
    return i == null ? -1 : i;
  }

  @Override
  public Iterator<Task> iterator() {
    return Arrays.asList(tasks).iterator();
  }

  /**
   * This graph and the others together. Tasks shared by several graphs are kept once.
   *
   * @throws GraphException if a key is bound to different tasks in different graphs
   */
  public Graph merge(Graph... others) {
    int size = tasks.length;
    for (Graph g : others) {
      size += g.size();
    }
    Builder b = new Builder(size);
    b.addAll(this);
    for (Graph g : others) {
      b.addAll(g);
    }
    return b.build();
  }

  /**
   * The part of this graph that {@code outputs} need: the outputs and everything they depend on,
   * in this graph's order.
   *
   * @throws GraphException if an output or a needed dependency is not in the graph
   */
  public Graph cull(Collection<Key> outputs) {
    boolean[] needed = markNeeded(outputs);
    Builder b = new Builder(tasks.length);
    for (int i = 0; i < tasks.length; i++) {
      if (needed[i]) {
        b.addUnchecked(tasks[i]);
      }
    }
    return b.build();
  }

  /** Marks the outputs and their transitive dependencies; fails on a missing key. */
  boolean[] markNeeded(Collection<Key> outputs) {
    Edges e = edges();
    boolean[] needed = new boolean[tasks.length];
    int[] stack = new int[Math.max(16, outputs.size())];
    int top = 0;
    for (Key out : outputs) {
      Integer i = index.get(Objects.requireNonNull(out, "output key"));
      if (i == null) {
        throw new GraphException("requested key '" + out + "' is not in the graph", List.of(out));
      }
      if (!needed[i]) {
        needed[i] = true;
        stack[top++] = i;
      }
    }
    while (top > 0) {
      int i = stack[--top];
      for (int k = e.start[i]; k < e.start[i + 1]; k++) {
        int j = e.target[k];
        if (j < 0) {
          throw missing(tasks[i].key(), tasks[i].dependency(k - e.start[i]));
        }
        if (!needed[j]) {
          needed[j] = true;
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
          }
          stack[top++] = j;
        }
      }
    }
    return needed;
  }

  /**
   * Every task's dependencies as positions in this graph: task {@code i}'s are {@code
   * target[start[i] .. start[i+1])}, in {@link Task#dependencies()} order, -1 where a key is
   * missing. Looking keys up is the costly part of planning, so it is done once per graph.
   */
  Edges edges() {
    Edges e = edges;
    if (e == null) {
      int[] start = new int[tasks.length + 1];
      for (int i = 0; i < tasks.length; i++) {
        start[i + 1] = start[i] + tasks[i].dependencyCount();
      }
      int[] target = new int[start[tasks.length]];
      for (int i = 0; i < tasks.length; i++) {
        Task t = tasks[i];
        for (int d = 0; d < t.dependencyCount(); d++) {
          Integer j = index.get(t.dependency(d));
          target[start[i] + d] = j == null ? -1 : j;
        }
      }
      e = new Edges(start, target);
      edges = e;
    }
    return e;
  }

  /** Flat dependency positions; see {@link #edges()}. */
  record Edges(int[] start, int[] target) {}

  static GraphException missing(Key task, Key dependency) {
    return new GraphException("task '" + task + "' depends on '" + dependency
        + "', which is not in the graph", List.of(task, dependency));
  }

  /**
   * Checks that every dependency is in the graph and that there is no cycle.
   *
   * @throws GraphException naming the task and its missing dependency, or the keys of a cycle
   */
  public Graph validate() {
    ExecutionPlan.of(this, keys());
    return this;
  }

  /**
   * Fuses linear chains: a task whose only dependency has no other dependent, and is not in
   * {@code keep}, runs inside that dependent's task. The fused task keeps the key of the chain's
   * last task, so dependents and requested keys are unaffected. Fewer, larger tasks cost less to
   * schedule; results in the middle of a chain are never stored.
   */
  public Graph fuseLinear(Collection<Key> keep) {
    return Fusion.fuseLinear(this, keep);
  }

  /** A builder; {@link #build()} may be called once, and no task may be added after it. */
  public static final class Builder {
    private final List<Task> tasks;
    private final Map<Key, Integer> index;
    /** Set by {@link #build()}: the graph shares {@link #index}, so it must not change any more. */
    private boolean built;

    private Builder(int expectedSize) {
      tasks = new ArrayList<>(expectedSize);
      index = new HashMap<>(Math.max(16, (int) (expectedSize / 0.75f) + 1));
    }

    /**
     * Adds a task; a second task for the same key must compute the same thing and is then
     * dropped.
     *
     * @throws GraphException if the key is already bound to a task that computes something else
     */
    public Builder add(Task task) {
      addIfAbsent(task);
      return this;
    }

    /**
     * Adds a task unless its key is already bound to the same computation.
     *
     * @return whether the task was new
     * @throws GraphException if the key is already bound to a task that computes something else
     * @throws IllegalStateException if {@link #build()} was called
     */
    public boolean addIfAbsent(Task task) {
      checkNotBuilt();
      Integer existing = index.putIfAbsent(task.key(), tasks.size());
      if (existing == null) {
        tasks.add(task);
        return true;
      }
      Task old = tasks.get(existing);
      if (!old.sameComputation(task)) {
        throw new GraphException("key '" + task.key() + "' is bound to two different tasks: "
            + old + " and " + task, List.of(task.key()));
      }
      return false;
    }

    /** Adds every task of {@code graph}. */
    public Builder addAll(Graph graph) {
      for (Task t : graph.tasks) {
        add(t);
      }
      return this;
    }

    /** Adds a task known not to be present yet (culling, fusion): no conflict check. */
    Builder addUnchecked(Task task) {
      checkNotBuilt();
      index.put(task.key(), tasks.size());
      tasks.add(task);
      return this;
    }

    /** Whether a task for {@code key} was added. */
    public boolean contains(Key key) {
      return index.containsKey(key);
    }

    /** The graph. */
    public Graph build() {
      built = true;
      return new Graph(tasks.toArray(new Task[0]), index);
    }

    private void checkNotBuilt() {
      if (built) {
        throw new IllegalStateException("this graph builder was already built: adding to it would change the graph");
      }
    }
  }
}
