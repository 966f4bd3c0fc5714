package io.jask.array;

import io.jask.core.graph.Functions;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Nested;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses per-block array operations into one task per output block, as Dask's blockwise fusion:
 * a per-block task whose only dependent is another per-block task runs inside that task. Unlike
 * {@link Graph#fuseLinear}, the dependent may have several inputs, so {@code (x + y) * z} on
 * freshly generated blocks is one task per block, and no intermediate block is ever stored.
 *
 * <p>Only per-block operations ({@link Fusable}) take part: fusing a reduction's tree or a rechunk
 * that reads many blocks would serialise work that should run in parallel.
 */
final class BlockwiseFusion {
  private BlockwiseFusion() {}

  /** Marks task functions that compute one block from the corresponding input blocks. */
  interface Fusable {}

  /** A function with a cheaper form for results consumed at once inside a fused task. */
  interface Intermediate {
    /** The form to run when the result is not kept (a view instead of a copy, say). */
    TaskFunction asIntermediate();
  }

  /**
   * A function that can make its block in a buffer lent by {@link Scratch}, when the block is
   * consumed inside a fused task whose result cannot refer to it.
   */
  interface Borrowing {
    /** The form that borrows its buffer. */
    TaskFunction borrowing();
  }

  static Graph fuse(Graph graph, Collection<Key> keep) {
    int n = graph.size();
    Set<Key> kept = new HashSet<>(keep);
    int[] dependents = new int[n];
    int[] consumer = new int[n];
    for (int i = 0; i < n; i++) {
      Task t = graph.task(i);
      for (int d = 0; d < t.dependencyCount(); d++) {
        int j = graph.indexOf(t.dependency(d));
        if (j >= 0) {
          dependents[j]++;
          consumer[j] = i;
        }
      }
    }
    boolean[] absorbed = new boolean[n];
    boolean any = false;
    for (int j = 0; j < n; j++) {
      Task t = graph.task(j);
      if (dependents[j] == 1 && fusable(t) && fusable(graph.task(consumer[j])) && !kept.contains(t.key())) {
        absorbed[j] = true;
        any = true;
      }
    }
    if (!any) {
      return graph;
    }
    Graph.Builder out = Graph.builder(n);
    for (int i = 0; i < n; i++) {
      if (absorbed[i]) {
        continue;
      }
      Task t = graph.task(i);
      if (!hasAbsorbedDependency(graph, t, absorbed)) {
        out.add(t);
        continue;
      }
      out.add(new TreeBuilder(graph, absorbed).build(t));
    }
    return out.build();
  }

  private static boolean fusable(Task t) {
    if (!(t.function() instanceof Fusable)) {
      return false;
    }
    for (Object a : t.args()) {
      if (a instanceof Nested) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasAbsorbedDependency(Graph graph, Task t, boolean[] absorbed) {
    for (int d = 0; d < t.dependencyCount(); d++) {
      int j = graph.indexOf(t.dependency(d));
      if (j >= 0 && absorbed[j]) {
        return true;
      }
    }
    return false;
  }

  /** Flattens a root task and the tasks absorbed into it into nodes run in order. */
  private static final class TreeBuilder {
    private final Graph graph;
    private final boolean[] absorbed;
    private final List<Object> externals = new ArrayList<>();
    private final Map<Key, Integer> externalIndex = new HashMap<>();
    private final Map<Key, Integer> nodeIndex = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    TreeBuilder(Graph graph, boolean[] absorbed) {
      this.graph = graph;
      this.absorbed = absorbed;
    }

    Task build(Task root) {
      int last = add(root);
      // Every node but the root feeds the next one directly: it may take its intermediate form.
      for (int i = 0; i < nodes.size() - 1; i++) {
        Node node = nodes.get(i);
        if (node.function() instanceof Intermediate im) {
          nodes.set(i, new Node(node.key(), im.asIntermediate(), node.args()));
        }
      }
      ReducedBinary.rewrite(nodes);
      // A partial reduction always makes new arrays: the blocks made for it may be lent buffers.
      Node top = nodes.get(nodes.size() - 1);
      if (top.function() instanceof BlockTasks.ReducePartial || top.function() instanceof ReducedBinary.ReduceOfBinary) {
        for (int i = 0; i < nodes.size() - 1; i++) {
          Node node = nodes.get(i);
          if (node.function() instanceof Borrowing b) {
            nodes.set(i, new Node(node.key(), b.borrowing(), node.args()));
          }
        }
      }
      if (last != nodes.size() - 1) {
        throw new AssertionError("the root must be the last node");
      }
      return Task.of(root.key(), new FusedBlocks(new ArrayList<>(nodes)), externals.toArray());
    }

    private int add(Task t) {
      Object[] args = t.args();
      Object[] refs = new Object[args.length];
      for (int a = 0; a < args.length; a++) {
        if (args[a] instanceof Key k) {
          int j = graph.indexOf(k);
          if (j >= 0 && absorbed[j]) {
            Integer node = nodeIndex.get(k);
            if (node == null) {
              node = add(graph.task(j));
            }
            refs[a] = new NodeRef(node);
          } else {
            Integer e = externalIndex.get(k);
            if (e == null) {
              e = externals.size();
              externals.add(k);
              externalIndex.put(k, e);
            }
            refs[a] = new ExternalRef(e);
          }
        } else {
          refs[a] = args[a];
        }
      }
      nodes.add(new Node(t.key(), t.function(), refs));
      int index = nodes.size() - 1;
      nodeIndex.put(t.key(), index);
      return index;
    }
  }

  /** An argument that is the result of an earlier node. */
  record NodeRef(int node) implements java.io.Serializable {}

  /** An argument that is the fused task's argument {@code index}. */
  record ExternalRef(int index) implements java.io.Serializable {}

  /** One absorbed (or the root) task: its key, function and arguments as references. */
  record Node(Key key, TaskFunction function, Object[] args) implements java.io.Serializable {}

  /**
   * Runs the nodes in order; the last one is the fused task's result. (A list, not an array: Fory's
   * code generator cannot name arrays of nested classes.)
   */
  record FusedBlocks(List<Node> nodes) implements TaskFunction, Functions.NamedFunction {
    @Override
    public Object call(Object[] external) throws Exception {
      try (Scratch scratch = Scratch.open()) {
        return run(external);
      }
    }

    private Object run(Object[] external) throws Exception {
      int n = nodes.size();
      Object[] results = new Object[n];
      for (int i = 0; i < n; i++) {
        Node node = nodes.get(i);
        Object[] args = new Object[node.args().length];
        for (int a = 0; a < args.length; a++) {
          Object r = node.args()[a];
          if (r instanceof NodeRef ref) {
            args[a] = results[ref.node()];
          } else if (r instanceof ExternalRef ext) {
            args[a] = external[ext.index()];
          } else {
            args[a] = r;
          }
        }
        results[i] = node.function().call(args);
        // Each absorbed node has this one consumer: drop its block as soon as it is used.
        for (Object r : node.args()) {
          if (r instanceof NodeRef ref) {
            results[ref.node()] = null;
          }
        }
      }
      return results[n - 1];
    }

    @Override
    public String name() {
      return Functions.name(nodes.get(nodes.size() - 1).function());
    }

    @Override
    public String identity() {
      StringBuilder sb = new StringBuilder("fused-blocks");
      for (Node node : nodes) {
        sb.append('|').append(node.key());
      }
      return sb.toString();
    }
  }
}
