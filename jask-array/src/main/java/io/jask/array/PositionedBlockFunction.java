package io.jask.array;

import java.io.Serializable;

/**
 * A function of one block that also knows where the block lies, and reads whole small arrays
 * beside it, for {@link Array#mapBlocksAt}: serialisable, so it can run on remote workers.
 */
@FunctionalInterface
public interface PositionedBlockFunction extends Serializable {
  /**
   * The new block made from {@code block}.
   *
   * @param block the input block
   * @param where where the input block lies in its array
   * @param wholes the extra arrays given to {@link Array#mapBlocksAt}, each whole in one block
   */
  NDArray apply(NDArray block, BlockInfo where, NDArray[] wholes) throws Exception;
}
