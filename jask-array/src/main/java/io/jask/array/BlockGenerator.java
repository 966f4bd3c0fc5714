package io.jask.array;

import java.io.Serializable;

/** Makes one block from where it lies, for {@link Array#fromFunction}. */
@FunctionalInterface
public interface BlockGenerator extends Serializable {
  /** The block described by {@code info}; it must have {@code info.shape()}. */
  NDArray block(BlockInfo info) throws Exception;
}
