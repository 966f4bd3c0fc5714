package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler shell's book of graceful retirements: which workers are retiring, until when, and
 * who waits for them to be gone. Owned by the shell's loop thread.
 */
final class Retirements {
  /** Retiring worker address → nanoTime after which it is removed even if still busy. */
  private final Map<String, Long> deadlines = new LinkedHashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  /** When replication was last planned, by nanoTime. */
  private long lastPlan;
  private static final long REPLAN_NANOS = 500_000_000L;

  private record Waiter(Set<String> pending, List<Messages.WorkerInfo> retired,
      CompletableFuture<List<Messages.WorkerInfo>> done) {}

  /** Marks a worker retiring; false if it already was (the earlier deadline stands). */
  boolean start(String worker, long deadline) {
    return deadlines.putIfAbsent(worker, deadline) == null;
  }

  /** Completes once every one of {@code workers} is gone. */
  CompletableFuture<List<Messages.WorkerInfo>> await(List<Messages.WorkerInfo> workers) {
    CompletableFuture<List<Messages.WorkerInfo>> done = new CompletableFuture<>();
    Set<String> pending = new HashSet<>();
    for (Messages.WorkerInfo info : workers) {
      if (deadlines.containsKey(info.address())) {
        pending.add(info.address());
      }
    }
    if (pending.isEmpty()) {
      done.complete(List.copyOf(workers));
    } else {
      waiters.add(new Waiter(pending, List.copyOf(workers), done));
    }
    return done;
  }

  boolean isEmpty() {
    return deadlines.isEmpty();
  }

  List<String> retiring() {
    return new ArrayList<>(deadlines.keySet());
  }

  /** Whether to plan the copies of retiring workers' results again (every half second). */
  boolean replanDue(long now) {
    if (now - lastPlan < REPLAN_NANOS) {
      return false;
    }
    lastPlan = now;
    return true;
  }

  boolean overdue(String worker, long now) {
    Long deadline = deadlines.get(worker);
    return deadline != null && now - deadline > 0;
  }

  /** The scheduler is closing: every request waiting is answered with the workers it named. */
  void abandon() {
    waiters.forEach(w -> w.done.complete(w.retired));
    waiters.clear();
    deadlines.clear();
  }

  /** The worker has left, retired or not; completes the requests that waited only for it. */
  void gone(String worker) {
    if (deadlines.remove(worker) == null) {
      return;
    }
    waiters.removeIf(w -> {
      w.pending.remove(worker);
      if (w.pending.isEmpty()) {
        w.done.complete(w.retired);
        return true;
      }
      return false;
    });
  }
}
