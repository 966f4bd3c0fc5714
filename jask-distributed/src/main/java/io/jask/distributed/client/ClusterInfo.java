package io.jask.distributed.client;

import io.jask.distributed.protocol.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster as the scheduler sees it now: its address, its workers, and its dashboard.
 *
 * @param schedulerAddress the scheduler's address
 * @param workers the connected workers, in the order they joined
 * @param dashboardLink the dashboard's link with its token, if the scheduler serves one
 */
public record ClusterInfo(String schedulerAddress, List<WorkerInfo> workers, Optional<String> dashboardLink) {
  /**
   * One worker.
   *
   * @param address where it serves its results
   * @param name its name
   * @param nthreads how many tasks it runs at once
   * @param memoryLimit its memory limit in bytes; 0 for none
   * @param status RUNNING, PAUSED (memory above its pause threshold) or CLOSING
   * @param managedBytes the results it holds in memory, as of its last heartbeat
   * @param unmanagedBytes the rest of its process's memory in use (heap and native)
   * @param spilledBytes the in-memory size of the results it spilled to disk
   */
  public record WorkerInfo(String address, String name, int nthreads, long memoryLimit, String status,
      long managedBytes, long unmanagedBytes, long spilledBytes) {}

  public ClusterInfo {
    workers = List.copyOf(workers);
    Objects.requireNonNull(dashboardLink, "dashboardLink");
  }

  static ClusterInfo of(Messages.ClusterIdentity identity) {
    List<WorkerInfo> workers = new ArrayList<>();
    for (Messages.WorkerInfo w : identity.workers()) {
      workers.add(new WorkerInfo(w.address(), w.name(), w.nthreads(), w.memoryLimit(), w.status(),
          w.managedBytes(), w.unmanagedBytes(), w.spilledBytes()));
    }
    return new ClusterInfo(identity.schedulerAddress(), workers,
        Optional.ofNullable(identity.services().get(io.jask.distributed.deploy.DashboardLauncher.SERVICE)));
  }

  /** The threads of all workers together. */
  public int totalThreads() {
    return workers.stream().mapToInt(WorkerInfo::nthreads).sum();
  }

  /** The memory limits of all workers together, in bytes; 0 if any worker has no limit. */
  public long totalMemory() {
    long total = 0;
    for (WorkerInfo w : workers) {
      if (w.memoryLimit() == 0) {
        return 0;
      }
      total += w.memoryLimit();
    }
    return total;
  }
}
