package io.jask.array;

import java.io.Serializable;
import java.util.List;

/**
 * A reduction along one axis whose partial results are objects of its own choosing, for {@link
 * Array#reduceBlocks}: dask.array's {@code reduction} with {@code concatenate=False}. A partial
 * need not be shaped like a block, so it can be as compact as the statistic allows (sums with
 * counts kept per row where no value was missing, say). Serialisable, with its partials: they
 * travel between workers.
 *
 * @param <P> the partial result
 */
public interface BlockReduction<P> extends Serializable {
  /**
   * The partial result of one block.
   *
   * @param block the input block
   * @param where where the block lies in its array
   * @param wholes the extra arrays given to {@link Array#reduceBlocks}, each whole in one block
   */
  P partial(NDArray block, BlockInfo where, NDArray[] wholes) throws Exception;

  /**
   * The partials of neighbouring blocks along the reduced axis merged into one. It must not modify
   * them: a partial may be read by other tasks too.
   */
  P combine(List<P> partials);

  /** The output block of shape {@code shape} made from the partial of all blocks along the axis. */
  NDArray finish(P partial, int[] shape);

  /**
   * The output block of shape {@code shape} made from the last level of the tree: the partials
   * (at most {@code splitEvery}, in order along the axis) that together cover every block along
   * it, as Dask's {@code aggregate}. By default they are combined, then finished; a reduction
   * that can finish straight from several partials overrides this and spares the combined copy.
   */
  default NDArray finish(List<P> partials, int[] shape) {
    return finish(partials.size() == 1 ? partials.get(0) : combine(partials), shape);
  }

  /**
   * This reduction as the merging and finishing tasks carry it: without what only {@link
   * #partial} uses (how to read a chunk from its file, say), which every such task would
   * otherwise carry to its worker. Itself by default.
   */
  default BlockReduction<P> merging() {
    return this;
  }

  /**
   * The reduction whose partial and merging tasks this one uses: reductions that make and merge
   * the same partials but finish them differently (a mean and a sum, say) return equal ones, and
   * so share those tasks, keys included: the data is then read once for all of them. Itself by
   * default.
   */
  default BlockReduction<P> accumulation() {
    return this;
  }
}
