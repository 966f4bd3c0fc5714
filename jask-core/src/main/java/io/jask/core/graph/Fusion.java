package io.jask.core.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Linear-chain fusion; see {@link Graph#fuseLinear}. */
final class Fusion {
  private Fusion() {}

  static Graph fuseLinear(Graph graph, Collection<Key> keep) {
    int n = graph.size();
    Set<Key> kept = new HashSet<>(keep);
    int[] dependentCount = new int[n];
    int[] onlyDependency = new int[n];
    for (int i = 0; i < n; i++) {
      Task t = graph.task(i);
      onlyDependency[i] = -1;
      for (int d = 0; d < t.dependencyCount(); d++) {
        int j = graph.indexOf(t.dependency(d));
        if (j >= 0) {
          dependentCount[j]++;
        }
      }
      if (t.dependencyCount() == 1) {
        onlyDependency[i] = graph.indexOf(t.dependency(0));
      }
    }
    // absorbedInto[j] = i when task j runs inside task i.
    boolean[] absorbed = new boolean[n];
    for (int i = 0; i < n; i++) {
      int j = onlyDependency[i];
      if (j >= 0 && j != i && dependentCount[j] == 1 && !kept.contains(graph.task(j).key())) {
        absorbed[j] = true;
      }
    }
    Graph.Builder out = Graph.builder(n);
    List<Task> chain = new ArrayList<>();
    boolean[] emitted = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (absorbed[i]) {
        continue;
      }
      chain.clear();
      int v = i;
      chain.add(graph.task(v));
      emitted[v] = true;
      while (onlyDependency[v] >= 0 && absorbed[onlyDependency[v]] && !emitted[onlyDependency[v]]) {
        v = onlyDependency[v];
        chain.add(graph.task(v));
        emitted[v] = true;
      }
      out.addUnchecked(chain.size() == 1 ? chain.get(0) : fused(chain));
    }
    // A cycle of single dependencies has no chain end to start from: keep its tasks as they are,
    // so that validation reports the cycle instead of fusion hiding it.
    for (int i = 0; i < n; i++) {
      if (!emitted[i]) {
        out.addUnchecked(graph.task(i));
      }
    }
    return out.build();
  }

  /** {@code chain} runs last-first: {@code chain.get(size-1)} is the head, {@code chain.get(0)} the result. */
  private static Task fused(List<Task> chain) {
    Task[] inOrder = new Task[chain.size()];
    for (int k = 0; k < inOrder.length; k++) {
      inOrder[k] = chain.get(inOrder.length - 1 - k);
    }
    Task head = inOrder[0];
    Task last = inOrder[inOrder.length - 1];
    return Task.of(last.key(), new FusedFunction(inOrder), head.args());
  }

  /** Runs a chain of tasks: the head with the fused task's arguments, each next on the previous result. */
  record FusedFunction(Task[] chain) implements TaskFunction, Functions.NamedFunction {
    @Override
    public Object call(Object[] headArgs) throws Exception {
      Object result = chain[0].function().call(headArgs);
      Object[] single = new Object[1];
      for (int k = 1; k < chain.length; k++) {
        single[0] = result;
        result = chain[k].run(single);
      }
      return result;
    }

    @Override
    public String name() {
      return Functions.name(chain[chain.length - 1].function());
    }

    @Override
    public String identity() {
      StringBuilder sb = new StringBuilder("fused");
      for (Task t : chain) {
        sb.append('|').append(t.key());
      }
      return sb.toString();
    }
  }
}
