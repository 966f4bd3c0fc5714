package io.jask.array;

import java.io.Serializable;

/**
 * Somewhere an {@link Array} can be {@linkplain Array#store stored}, block by block, from whichever
 * thread or worker computed the block: writes of different blocks may run concurrently.
 */
@FunctionalInterface
public interface ArrayTarget extends Serializable {
  /** Writes {@code block}, whose first element lies at {@code offset} in the whole array. */
  void write(long[] offset, NDArray block) throws Exception;
}
