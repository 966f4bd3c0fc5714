package io.jask.array;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph optimisations applied before an array graph runs: culling to the requested blocks
 * (a slice computes only the blocks it reads), blockwise fusion (a chain of per-block operations,
 * with any number of inputs, becomes one task per block whose intermediate blocks are never
 * stored), then fusion of the remaining linear chains.
 */
public final class ArrayOptimizer {
  private ArrayOptimizer() {}

  /** {@code graph} culled to what {@code outputs} need, per-block operations and linear chains fused. */
  public static Graph optimize(Graph graph, List<Key> outputs) {
    Graph culled = graph.cull(outputs);
    Graph fused = BlockwiseFusion.fuse(culled, outputs);
    // Tasks that stand for kept results (persisted blocks) stay tasks of their own: a distributed
    // client must see their keys to use the results where they lie, not run them inside others.
    List<Key> keep = new ArrayList<>(outputs);
    for (Task t : fused) {
      if (t.dependencyCount() == 0 && !(t.function() instanceof BlockwiseFusion.Fusable)) {
        keep.add(t.key());
      }
    }
    return fused.fuseLinear(keep);
  }
}
