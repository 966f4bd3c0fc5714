package io.jask.distributed.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The scheduler's advice for scaling a cluster, read from its tables and changing nothing: how
 * many workers the load asks for ({@link #adaptiveTarget}) and which workers could go first
 * ({@link #workersToClose}). Dask's {@code Scheduler.adaptive_target} and {@code
 * workers_to_close}.
 */
final class Scaling {
  /** How many queued tasks are looked at to estimate the queue's total duration. */
  private static final int QUEUE_SAMPLE = 100;
  /** Above this fraction of their memory limits in use, the cluster asks for twice the workers. */
  private static final double MEMORY_PRESSURE = 0.6;

  private final Registry registry;

  Scaling(Registry registry) {
    this.registry = registry;
  }

  /**
   * The workers wanted so that the queued and processing work would take about {@code
   * targetMicros}, counting each worker for its threads (the connected workers' average, 1 when
   * none is connected).
   */
  AdaptiveTarget adaptiveTarget(long targetMicros) {
    if (targetMicros <= 0) {
      throw new IllegalArgumentException("the target duration must be positive, got " + targetMicros + " µs");
    }
    int waiting = registry.queued.size() + registry.unrunnable.size();
    long queuedMicros = 0;
    int sampled = 0;
    for (Iterator<TaskState> it = waitingTasks(); it.hasNext() && sampled < QUEUE_SAMPLE; sampled++) {
      queuedMicros += registry.durations.estimateMicros(it.next().prefix);
    }
    if (waiting > QUEUE_SAMPLE) {
      queuedMicros = (long) (queuedMicros * ((double) waiting / QUEUE_SAMPLE));
    }
    long occupancy = 0;
    int processing = 0;
    long memoryLimit = 0;
    long memoryUsed = 0;
    for (WorkerState ws : registry.workers.values()) {
      occupancy += ws.occupancyMicros;
      processing += ws.processing.size();
      memoryLimit += ws.memoryLimit;
      memoryUsed += ws.nbytes;
    }
    // A few long tasks must not ask for more threads than there are tasks to run.
    long threads = Math.min((long) waiting + processing, ceilDiv(occupancy + queuedMicros, targetMicros));
    if (!registry.unrunnable.isEmpty() && registry.workers.isEmpty()) {
      threads = Math.max(1, threads);
    }
    int connected = registry.workers.size();
    long threadsPerWorker = connected == 0 ? 1 : Math.max(1, Math.round((double) registry.totalThreads / connected));
    int cpu = (int) Math.min(Integer.MAX_VALUE, ceilDiv(threads, threadsPerWorker));
    int memory = memoryLimit > 0 && memoryUsed > MEMORY_PRESSURE * memoryLimit ? 2 * connected : 0;
    int target = Math.max(cpu, memory);
    if (target >= connected) {
      return new AdaptiveTarget(target, List.of());
    }
    List<String> toClose = workersToClose(connected - target);
    return new AdaptiveTarget(connected - toClose.size(), toClose);
  }

  /**
   * Up to {@code count} running workers that process nothing, those holding the fewest bytes first
   * and, among equals, the most recently joined first: losing them costs the least.
   */
  List<String> workersToClose(int count) {
    List<WorkerState> idle = new ArrayList<>();
    for (WorkerState ws : registry.workers.values()) {
      if (ws.status == WorkerStatus.RUNNING && ws.processing.isEmpty()) {
        idle.add(ws);
      }
    }
    List<WorkerState> newestFirst = new ArrayList<>(idle);
    java.util.Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparingLong(ws -> ws.nbytes)); // stable: join order breaks ties
    List<String> out = new ArrayList<>();
    for (WorkerState ws : newestFirst.subList(0, Math.min(Math.max(0, count), newestFirst.size()))) {
      out.add(ws.address);
    }
    return out;
  }

  /**
   * {@code count} workers to retire, idle ones first ({@link #workersToClose}), then the least
   * occupied of the others, newest first among equals.
   */
  List<String> workersToRetire(int count) {
    List<String> out = new ArrayList<>(workersToClose(count));
    if (out.size() < count) {
      List<WorkerState> rest = new ArrayList<>(registry.workers.values());
      java.util.Collections.reverse(rest);
      rest.removeIf(ws -> out.contains(ws.address) || ws.status == WorkerStatus.CLOSING);
      rest.sort(Comparator.comparingLong(ws -> ws.occupancyMicros));
      for (WorkerState ws : rest) {
        if (out.size() >= count) {
          break;
        }
        out.add(ws.address);
      }
    }
    return out;
  }

  private Iterator<TaskState> waitingTasks() {
    Iterator<TaskState> queued = registry.queued.iterator();
    Iterator<TaskState> unrunnable = registry.unrunnable.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return queued.hasNext() || unrunnable.hasNext();
      }

      @Override
      public TaskState next() {
        return queued.hasNext() ? queued.next() : unrunnable.next();
      }
    };
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
