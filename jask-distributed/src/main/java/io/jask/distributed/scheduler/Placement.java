package io.jask.distributed.scheduler;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a ready task should run. Data stays where it was made: a task goes to the worker where its
 * inputs' bytes already are, unless that worker is so busy that moving the inputs elsewhere would
 * start it sooner. Root tasks instead fill free slots in priority order (see {@link #pickIdle}).
 * Every choice is deterministic: ties are broken by the worker's address.
 */
final class Placement {
  private final Registry registry;

  Placement(Registry registry) {
    this.registry = registry;
  }

  /** Whether {@code ws} may be given {@code ts} now: running, allowed, with the resources. */
  boolean canRun(WorkerState ws, TaskState ts) {
    return ws.status == WorkerStatus.RUNNING
        && (ts.workerRestrictions.isEmpty() || ts.workerRestrictions.contains(ws.address))
        && ws.hasResources(ts.resources);
  }

  /**
   * Whether {@code ts} is a root task, held in the scheduler's queue while workers are saturated:
   * it may run anywhere, and it has no dependencies, or it belongs to a group larger than twice the
   * cluster's threads whose tasks depend on only a handful of tasks in all (Dask's root-ish rule).
   */
  boolean isRootish(TaskState ts) {
    if (!ts.isUnrestricted()) {
      return false;
    }
    if (ts.dependencies().isEmpty()) {
      return true;
    }
    return ts.group.size > 2 * registry.totalThreads && ts.group.hasFewDependencies();
  }

  /**
   * The best worker for a ready task that is not queued as a root task, or null if no connected,
   * running worker may run it. The candidates are the allowed workers holding some of its inputs
   * (all allowed workers if none does); the winner is the one where it would start soonest: queued
   * work per thread plus the time to fetch the inputs it lacks, then the fewest bytes held, then
   * the address.
   */
  WorkerState decideWorker(TaskState ts) {
    Set<WorkerState> candidates = new LinkedHashSet<>();
    for (TaskState dep : ts.dependencies()) {
      for (WorkerState ws : dep.whoHas()) {
        if (canRun(ws, ts)) {
          candidates.add(ws);
        }
      }
    }
    if (candidates.isEmpty()) {
      for (WorkerState ws : registry.workers.values()) {
        if (canRun(ws, ts)) {
          candidates.add(ws);
        }
      }
    }
    WorkerState best = null;
    double bestStart = 0;
    for (WorkerState ws : candidates) {
      double start = startTimeMicros(ts, ws);
      if (best == null
          || start < bestStart
          || (start == bestStart
              && (ws.nbytes < best.nbytes
                  || (ws.nbytes == best.nbytes && ws.address.compareTo(best.address) < 0)))) {
        best = ws;
        bestStart = start;
      }
    }
    return best;
  }

  /** When {@code ts} would start on {@code ws}: its queue per thread plus fetching inputs. */
  double startTimeMicros(TaskState ts, WorkerState ws) {
    return (double) ws.occupancyMicros / ws.nthreads + transferMicros(ts, ws);
  }

  /** How long fetching the inputs {@code ws} lacks would take, at the configured bandwidth. */
  double transferMicros(TaskState ts, WorkerState ws) {
    return missingBytes(ts, ws) * 1e6 / registry.config.bandwidth();
  }

  /** The bytes of {@code ts}'s inputs that {@code ws} does not hold. */
  long missingBytes(TaskState ts, WorkerState ws) {
    long bytes = 0;
    for (TaskState dep : ts.dependencies()) {
      if (!dep.whoHas().contains(ws)) {
        bytes += Math.max(0, dep.nbytes);
      }
    }
    return bytes;
  }

  /**
   * The idle worker (running, with a free slot) where the next queued root task should go: the one
   * with the fewest processing tasks per thread, then the address; null if none.
   */
  WorkerState pickIdle() {
    WorkerState best = null;
    for (WorkerState ws : registry.idle) {
      if (best == null) {
        best = ws;
        continue;
      }
      long lhs = (long) ws.processing.size() * best.nthreads;
      long rhs = (long) best.processing.size() * ws.nthreads;
      if (lhs < rhs || (lhs == rhs && ws.address.compareTo(best.address) < 0)) {
        best = ws;
      }
    }
    return best;
  }
}
