package io.jask.distributed.scheduler;


/**
 * The order in which ready tasks should run; smaller runs first.
 *
 * <p>Compared field by field: a higher {@code user} priority first (the client's {@code
 * priority=} argument), then the older submission ({@code generation}, counted by the scheduler
 * per submitted graph, so graphs run first-come first-served), then the graph's own order ({@code
 * order}, from the client's static ordering of the graph, which keeps memory low by finishing
 * branches before starting new ones).
 *
 * @param user the client-given priority; higher runs earlier
 * @param generation the number of the submission that created the task; lower runs earlier
 * @param order the task's place in its graph's static order; lower runs earlier
 */
public record Priority(int user, long generation, long order) implements Comparable<Priority> {
  @Override
  public int compareTo(Priority other) {
    // Written out rather than a Comparator chain: this runs on every queue operation.
    if (user != other.user) {
      return user > other.user ? -1 : 1;
    }
    if (generation != other.generation) {
      return Long.compare(generation, other.generation);
    }
    return Long.compare(order, other.order);
  }
}
