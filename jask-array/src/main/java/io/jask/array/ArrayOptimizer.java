package io.jask.array;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import java.util.List;

/**
 * The graph optimisations applied before an array graph runs: culling to the requested blocks
 * (a slice computes only the blocks it reads), then fusing linear chains (an elementwise chain
 * on one input becomes one task per block, whose intermediate blocks are never stored).
 */
public final class ArrayOptimizer {
  private ArrayOptimizer() {}

  /** {@code graph} culled to what {@code outputs} need, with linear chains fused. */
  public static Graph optimize(Graph graph, List<Key> outputs) {
    return graph.cull(outputs).fuseLinear(outputs);
  }
}
