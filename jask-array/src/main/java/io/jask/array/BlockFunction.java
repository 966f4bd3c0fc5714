package io.jask.array;

import java.io.Serializable;

/** A function of one block, for {@link Array#mapBlocks}: serialisable, so it can run on remote workers. */
@FunctionalInterface
public interface BlockFunction extends Serializable {
  /** The new block made from {@code block}. */
  NDArray apply(NDArray block) throws Exception;
}
