package io.jask.array;

import java.io.Serializable;

/** A function of the corresponding blocks of several arrays, for {@link Array#blockwise}. */
@FunctionalInterface
public interface BlocksFunction extends Serializable {
  /** The output block made from one block of each input, in the order the inputs were given. */
  NDArray apply(NDArray... blocks) throws Exception;
}
