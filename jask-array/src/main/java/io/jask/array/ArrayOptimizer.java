package io.jask.array;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
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
    return BlockwiseFusion.fuse(culled, outputs).fuseLinear(outputs);
  }
}
