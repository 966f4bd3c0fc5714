package io.jask.array;

import java.io.Serializable;

/**
 * The intermediate results of a reduction that is computed in pieces (per chunk, then combined in
 * a tree), for the reductions whose partial result is not simply a smaller array.
 */
final class Partials {
  private Partials() {}

  /**
   * The moments of some elements: per output element the count, the mean and the sum of squared
   * deviations from the mean (null when only the mean is wanted). All float64, reduced axes kept
   * with length 1.
   */
  record Moments(NDArray count, NDArray mean, NDArray m2) implements Serializable {}

  /**
   * Candidate positions of an arg-reduction: per output element the best value so far and its
   * position (int64; along the axis, or flat in the whole array).
   */
  record Arg(NDArray value, NDArray index) implements Serializable {}
}
