package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One task of a submitted graph, as the scheduler sees it.
 *
 * @param key the task's key
 * @param dependencies the keys whose results it takes as input: in the same graph, or already known
 *     to the scheduler
 * @param runSpec what a worker runs; the scheduler never looks inside, only passes it on in {@link
 *     SchedulerMessage.ComputeTask}
 * @param userPriority the client-given priority; higher runs earlier (default 0)
 * @param order the task's place in the graph's static order; lower runs earlier
 * @param retries how many times a failure of the task itself is retried before it errs
 * @param workerRestrictions addresses of the workers allowed to run it; empty means any
 * @param resources abstract resources one run needs ({@code "GPU" -> 1.0}); only workers
 *     declaring at least that much of each run it
 */
public record TaskSpec(
    Key key,
    List<Key> dependencies,
    Object runSpec,
    int userPriority,
    long order,
    int retries,
    Set<String> workerRestrictions,
    Map<String, Double> resources) {

  /**
   * @throws NullPointerException if the key, run spec or a collection is null
   * @throws IllegalArgumentException if {@code retries} is negative, a resource amount is not
   *     positive, or the task depends on itself
   */
  public TaskSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(runSpec, () -> "runSpec of task '" + key + "'");
    dependencies = List.copyOf(dependencies);
    if (dependencies.contains(key)) {
      throw new IllegalArgumentException("task '" + key + "' depends on itself");
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries of task '" + key + "' must be >= 0: " + retries);
    }
    // Most tasks have neither: no sorted copies for them (a spec is made per task on both ends).
    workerRestrictions = workerRestrictions.isEmpty()
        ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(workerRestrictions));
    resources = resources.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(resources));
    for (Map.Entry<String, Double> r : resources.entrySet()) {
      if (!(r.getValue() > 0)) {
        throw new IllegalArgumentException(
            "resource '" + r.getKey() + "' of task '" + key + "' must be > 0: " + r.getValue());
      }
    }
  }

  /** A task with default priority, no retries and no restrictions. */
  public static TaskSpec of(Key key, Object runSpec, Key... dependencies) {
    return new TaskSpec(key, List.of(dependencies), runSpec, 0, 0, 0, Set.of(), Map.of());
  }

  /** This task with another place in the graph's order. */
  public TaskSpec withOrder(long newOrder) {
    return new TaskSpec(
        key, dependencies, runSpec, userPriority, newOrder, retries, workerRestrictions, resources);
  }

  /** This task with another client-given priority. */
  public TaskSpec withUserPriority(int newUserPriority) {
    return new TaskSpec(
        key, dependencies, runSpec, newUserPriority, order, retries, workerRestrictions, resources);
  }

  /** This task with another number of retries. */
  public TaskSpec withRetries(int newRetries) {
    return new TaskSpec(
        key, dependencies, runSpec, userPriority, order, newRetries, workerRestrictions, resources);
  }

  /** This task, allowed to run only on the workers with these addresses. */
  public TaskSpec withWorkerRestrictions(Set<String> addresses) {
    return new TaskSpec(key, dependencies, runSpec, userPriority, order, retries, addresses, resources);
  }

  /** This task, needing these resources per run. */
  public TaskSpec withResources(Map<String, Double> needed) {
    return new TaskSpec(
        key, dependencies, runSpec, userPriority, order, retries, workerRestrictions, needed);
  }
}
