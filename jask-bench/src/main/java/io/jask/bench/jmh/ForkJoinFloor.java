package io.jask.bench.jmh;

import io.jask.core.graph.ExecutionPlan;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The least a dependency-counting executor on a {@link ForkJoinPool} can do for a graph of
 * {@code inc}/{@code add} tasks: the floor {@link SchedulerBenchmark} compares Jask's threaded
 * scheduler with. It runs the same scheme as Jask's (one atomic counter per task; the thread that
 * makes a task's last input runs it, other ready tasks are forked) but on primitive {@code
 * long}s, with the structure taken once from an {@link ExecutionPlan}, and no keys, argument
 * resolution, callbacks, failure handling or result freeing.
 *
 * <p>A task with no dependencies computes {@code constant + 1}; one with a dependency, its input
 * plus 1; one with two, the sum of its inputs.
 */
final class ForkJoinFloor {
  private final int[] depStart;
  private final int[] deps;
  private final int[] dependentStart;
  private final int[] dependents;
  private final long[] constants;
  private final int[] sources;
  private final int root;

  private ForkJoinFloor(ExecutionPlan plan) {
    int n = plan.size();
    depStart = new int[n + 1];
    dependentStart = new int[n + 1];
    constants = new long[n];
    int edges = 0;
    int nSources = 0;
    for (int i = 0; i < n; i++) {
      int count = plan.dependencyCount(i);
      if (count > 2) {
        throw new IllegalArgumentException("task " + plan.key(i) + " has " + count + " dependencies; at most 2 are supported");
      }
      if (count == 0) {
        constants[i] = ((Number) plan.task(i).args()[0]).longValue();
        nSources++;
      }
      edges += count;
      depStart[i + 1] = edges;
      dependentStart[i + 1] = dependentStart[i] + plan.dependentCount(i);
    }
    deps = new int[edges];
    dependents = new int[edges];
    sources = new int[nSources];
    int s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        deps[depStart[i] + j] = plan.dependency(i, j);
      }
      for (int j = 0; j < plan.dependentCount(i); j++) {
        dependents[dependentStart[i] + j] = plan.dependent(i, j);
      }
      if (plan.dependencyCount(i) == 0) {
        sources[s++] = i;
      }
    }
    int[] outputs = plan.outputs();
    if (outputs.length != 1) {
      throw new IllegalArgumentException("the floor computes one output, the plan has " + outputs.length);
    }
    root = outputs[0];
  }

  /** The floor for the graph of {@code plan}, whose tasks compute inc or add. */
  static ForkJoinFloor of(ExecutionPlan plan) {
    return new ForkJoinFloor(plan);
  }

  /** Runs the graph on {@code pool} and returns the output's value. */
  long run(ForkJoinPool pool) throws InterruptedException {
    return new Run().execute(pool);
  }

  /** One computation: counters and results. */
  private final class Run {
    private final long[] results = new long[constants.length];
    private final AtomicIntegerArray waiting;
    private final AtomicInteger remaining = new AtomicInteger(constants.length);
    private final CountDownLatch done = new CountDownLatch(1);

    Run() {
      int[] w = new int[constants.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = depStart[i + 1] - depStart[i];
      }
      waiting = new AtomicIntegerArray(w);
    }

    long execute(ForkJoinPool pool) throws InterruptedException {
      pool.execute(new Seed());
      done.await();
      return results[root];
    }

    /** Runs task {@code i}; returns a dependent it made ready, or -1. */
    int runTask(int i) {
      int start = depStart[i];
      long value = switch (depStart[i + 1] - start) {
        case 0 -> constants[i] + 1;
        case 1 -> results[deps[start]] + 1;
        default -> results[deps[start]] + results[deps[start + 1]];
      };
      results[i] = value;
      int next = -1;
      for (int e = dependentStart[i]; e < dependentStart[i + 1]; e++) {
        int w = dependents[e];
        if (waiting.decrementAndGet(w) == 0) {
          if (next < 0) {
            next = w;
          } else {
            new Step(w).fork();
          }
        }
      }
      if (remaining.decrementAndGet() == 0) {
        done.countDown();
      }
      return next;
    }

    private final class Step extends RecursiveAction {
      private final int index;

      Step(int index) {
        this.index = index;
      }

      @Override
      protected void compute() {
        for (int next = index; next >= 0; ) {
          next = runTask(next);
        }
      }
    }

    private final class Seed extends RecursiveAction {
      @Override
      protected void compute() {
        for (int k = sources.length - 1; k >= 0; k--) {
          new Step(sources[k]).fork();
        }
      }
    }
  }
}
