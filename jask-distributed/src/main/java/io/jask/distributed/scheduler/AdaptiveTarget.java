package io.jask.distributed.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * How many workers the scheduler's load asks for now, as Dask's {@code adaptive_target}, and
 * which workers it could lose first when that is fewer than it has.
 *
 * @param workers the number of workers wanted: enough that the work queued and processing
 *     would take about the target duration, or more when memory runs short; never below the
 *     workers that are busy
 * @param workersToClose when {@code workers} is below the connected workers, the addresses of the
 *     idle workers to retire first (those holding the least data); otherwise empty
 */
public record AdaptiveTarget(int workers, List<String> workersToClose) {
  /** Checks the count and copies the list. */
  public AdaptiveTarget {
    if (workers < 0) {
      throw new IllegalArgumentException("a target of " + workers + " workers");
    }
    workersToClose = List.copyOf(Objects.requireNonNull(workersToClose, "workersToClose"));
  }
}
