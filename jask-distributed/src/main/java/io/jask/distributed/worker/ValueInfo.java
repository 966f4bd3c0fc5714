package io.jask.distributed.worker;

import java.util.Objects;

/**
 * What the shell learnt about a value it stored: its size and the name of its class.
 *
 * @param nbytes the value's size in bytes, never negative
 * @param typeName the value's class name, for the scheduler and the dashboard
 */
public record ValueInfo(long nbytes, String typeName) {
  /**
   * @throws IllegalArgumentException if {@code nbytes} is negative
   */
  public ValueInfo {
    if (nbytes < 0) {
      throw new IllegalArgumentException("nbytes must not be negative: " + nbytes);
    }
    Objects.requireNonNull(typeName, "typeName");
  }
}
