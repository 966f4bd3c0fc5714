package io.jask.distributed.client;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@link Client#wait} found: the futures done (in any way: finished, failed, cancelled,
 * lost) and those not done, each in the order given.
 *
 * @param <T> the type of the results
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> notDone) {
  public WaitResult {
    done = Collections.unmodifiableSet(new LinkedHashSet<>(done));
    notDone = Collections.unmodifiableSet(new LinkedHashSet<>(notDone));
  }
}
