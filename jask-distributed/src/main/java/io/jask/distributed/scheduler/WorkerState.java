package io.jask.distributed.scheduler;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the scheduler knows about one connected worker. Mutable, owned by the scheduler's
 * single thread; only {@link Registry} changes the task-related fields.
 */
final class WorkerState {
  /** The worker's address, which is its id; {@code registry.workers.get(address) == this}. */
  final String address;

  /** How many tasks it runs at once; at least 1. */
  final int nthreads;

  /** Its memory limit in bytes; 0 means none. */
  final long memoryLimit;

  /** The resources it declared, in total. */
  final Map<String, Double> resources;

  /** Whether it takes new tasks. */
  WorkerStatus status = WorkerStatus.RUNNING;

  /**
   * The tasks processing on it (sent, not yet reported back), each with its estimated run time in
   * microseconds, fixed when it was sent. Exactly the tasks whose {@link TaskState#processingOn} is
   * this worker.
   */
  final Map<TaskState, Long> processing = new LinkedHashMap<>();

  /** The sum of {@link #processing}'s estimates: the work queued on it, in microseconds. */
  long occupancyMicros;

  /** The resources its processing tasks hold: for each resource, the sum of their needs. */
  final Map<String, Double> usedResources = new TreeMap<>();

  /** The tasks whose results it holds; symmetric with {@link TaskState#whoHas()}. */
  final Set<TaskState> hasWhat = new LinkedHashSet<>();

  /** The sum of the sizes of {@link #hasWhat}, in bytes. */
  long nbytes;

  /** The results it holds in memory, in bytes, as of its last heartbeat. */
  long managedBytes;

  /** The rest of its process's memory in use, in bytes, as of its last heartbeat. */
  long unmanagedBytes;

  /** The in-memory size of the results it has spilled to disk, as of its last heartbeat. */
  long spilledBytes;

  WorkerState(String address, int nthreads, long memoryLimit, Map<String, Double> resources) {
    this.address = address;
    this.nthreads = nthreads;
    this.memoryLimit = memoryLimit;
    this.resources = resources;
  }

  /** Whether it has at least {@code needed} of every resource, in total. */
  boolean hasResources(Map<String, Double> needed) {
    for (Map.Entry<String, Double> need : needed.entrySet()) {
      Double total = resources.get(need.getKey());
      if (total == null || total < need.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many tasks it may process before it is saturated: {@code max(1, ceil(nthreads *
   * saturation))}, unbounded when saturation is infinite.
   */
  int slots(double saturation) {
    if (Double.isInfinite(saturation)) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(nthreads * saturation)));
  }

  @Override
  public String toString() {
    return "<worker " + address + " " + status + ", processing " + processing.size() + ">";
  }
}
