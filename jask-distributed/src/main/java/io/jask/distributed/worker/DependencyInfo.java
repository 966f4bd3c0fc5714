package io.jask.distributed.worker;

import java.util.Set;

/**
 * Where a piece of data lives and how large it is, as the scheduler believes: the peer workers
 * that hold it and its size in bytes.
 *
 * @param whoHas the addresses of the peer workers holding the value, sorted; may be empty when
 *     the scheduler knows of none (the task then becomes {@link WorkerTaskState#MISSING})
 * @param nbytes the value's size in bytes, used to batch and throttle transfers
 */
public record DependencyInfo(Set<String> whoHas, long nbytes) {
  /**
   * @throws IllegalArgumentException if {@code nbytes} is negative
   */
  public DependencyInfo {
    whoHas = Copies.sortedSet(whoHas, "who_has");
    if (nbytes < 0) {
      throw new IllegalArgumentException("nbytes must not be negative: " + nbytes);
    }
  }

  /** Data held by the given peers. */
  public static DependencyInfo on(long nbytes, String... peers) {
    return new DependencyInfo(Set.of(peers), nbytes);
  }
}
