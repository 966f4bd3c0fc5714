package io.jask.distributed.deploy;

import io.jask.core.JaskException;
import io.jask.distributed.protocol.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers a cluster started itself, one per name, and how their number changes: growing
 * starts new workers and waits until the scheduler has registered them; shrinking retires workers
 * gracefully through the scheduler (their results are copied away first) before stopping them.
 * Clusters that start workers one by one (on this machine, over SSH) share it; how a worker is
 * started and where it runs stays with each cluster.
 *
 * <p>Not thread-safe: the owning cluster calls it while holding its own lock.
 *
 * @param <W> the kind of worker process
 */
public final class WorkerPool<W extends WorkerProcess> {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  /** How long a worker gets to stop before it is forced. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** How long a retirement may take to copy a worker's results away before it is stopped anyway. */
  static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(30);
  /** How much of a failed worker's output goes into an error. */
  private static final int OUTPUT_TAIL = 4000;
  private static final Duration POLL = Duration.ofMillis(25);
  /** Liveness checks may cost a round trip (SSH): not on every poll. */
  private static final Duration LIVENESS_CHECK = Duration.ofMillis(250);

  private final SchedulerControl scheduler;
  private final IntFunction<W> launcher;
  private final Predicate<W> alive;
  private final Duration startTimeout;
  /** Name → worker, in start order. */
  private final Map<String, W> workers = new LinkedHashMap<>();
  /** Numbers new workers; never reused, so a log always belongs to one worker. */
  private int nextNumber;

  /**
   * @param scheduler the cluster's scheduler: who has registered, and graceful retirement
   * @param launcher makes (does not start) the worker numbered as given, named uniquely from it
   * @param alive whether a worker still runs; may cost a round trip
   * @param startTimeout how long a new worker may take to register, and a removed one to leave
   */
  public WorkerPool(SchedulerControl scheduler, IntFunction<W> launcher, Predicate<W> alive, Duration startTimeout) {
    this.scheduler = scheduler;
    this.launcher = launcher;
    this.alive = alive;
    this.startTimeout = startTimeout;
  }

  /**
   * Starts or retires workers until {@code n} run. Workers that died since the last call are
   * forgotten first and not counted.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws JaskException naming the worker, with its output, if a new one stops or does not
   *     register in time; the new workers that did register stay, the others are stopped
   */
  public void scale(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a cluster cannot have " + n + " workers");
    }
    forgetFinished();
    if (n > workers.size()) {
      grow(n - workers.size());
    } else if (n < workers.size()) {
      shrink(workers.size() - n);
    }
  }

  /** The workers started and not known to have stopped, in start order. */
  public List<W> workers() {
    return List.copyOf(workers.values());
  }

  /** Forgets the workers that have stopped, and returns how many remain. */
  public int size() {
    forgetFinished();
    return workers.size();
  }

  /** Hands every worker over to the caller to stop, and forgets them. */
  public List<W> removeAll() {
    List<W> all = new ArrayList<>(workers.values());
    workers.clear();
    return all;
  }

  private void forgetFinished() {
    workers.values().removeIf(w -> {
      if (!alive.test(w)) {
        log.warn("Worker {} had stopped{}", w.name(),
            w.finished().isDone() ? " (exit status " + w.finished().getNow(null) + ")" : "");
        return true;
      }
      return false;
    });
  }

  private void grow(int count) {
    List<W> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        W worker = launcher.apply(nextNumber++);
        workers.put(worker.name(), worker);
        started.add(worker);
        worker.start();
      }
      awaitRegistered(started);
    } catch (RuntimeException e) {
      Set<String> registered = registeredNames();
      for (W worker : started) {
        if (!registered.contains(worker.name())) {
          worker.stop(STOP_GRACE);
          workers.remove(worker.name());
        }
      }
      throw e;
    }
  }

  /** Waits until the scheduler has registered every one of {@code pending}, or one of them died. */
  private void awaitRegistered(List<W> pending) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    long nextLivenessCheck = System.nanoTime();
    List<W> waiting = new ArrayList<>(pending);
    while (true) {
      Set<String> registered = registeredNames();
      waiting.removeIf(w -> registered.contains(w.name()));
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() - nextLivenessCheck >= 0) {
        for (W w : waiting) {
          if (!alive.test(w)) {
            throw new JaskException(describe(w) + " stopped" + exitStatus(w) + " before registering with the"
                + " scheduler at " + scheduler.identity().schedulerAddress() + outputOf(w));
          }
        }
        nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK.toNanos();
      }
      if (System.nanoTime() > deadline) {
        W late = waiting.get(0);
        throw new JaskException(describe(late) + " did not register with the scheduler at "
            + scheduler.identity().schedulerAddress() + " within " + startTimeout.toMillis() + " ms" + outputOf(late));
      }
      pause(POLL);
    }
  }

  private void shrink(int count) {
    // Gracefully first: the scheduler picks idle workers holding the least data, moves their
    // tasks and copies their results elsewhere, then tells them to close.
    List<String> removed = new ArrayList<>();
    for (Messages.WorkerInfo info : scheduler.retireWorkers(List.of(), count, RETIRE_TIMEOUT)) {
      W worker = workers.remove(info.name());
      if (worker != null) {
        worker.stop(STOP_GRACE);
        removed.add(worker.name());
      }
    }
    // Any the scheduler did not know (none, unless one just died): the newest go.
    List<W> newestFirst = new ArrayList<>(workers.values());
    Collections.reverse(newestFirst);
    int more = Math.max(0, Math.min(newestFirst.size(), count - removed.size()));
    for (W worker : newestFirst.subList(0, more)) {
      worker.stop(STOP_GRACE);
      workers.remove(worker.name());
      removed.add(worker.name());
    }
    // The scheduler notices a closed connection at once; wait so its view agrees on return.
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (removed.stream().anyMatch(registeredNames()::contains) && System.nanoTime() < deadline) {
      pause(POLL);
    }
  }

  private Set<String> registeredNames() {
    Set<String> names = new HashSet<>();
    for (Messages.WorkerInfo info : scheduler.identity().workers()) {
      names.add(info.name());
    }
    return names;
  }

  /** "worker NAME", and where it runs when its process says so. */
  private static String describe(WorkerProcess w) {
    String where = w.location();
    return "worker " + w.name() + (where.isEmpty() ? "" : " on " + where);
  }

  private static String exitStatus(WorkerProcess w) {
    Integer status = w.finished().getNow(null);
    return status == null || status < 0 ? "" : " with exit status " + status;
  }

  private static String outputOf(WorkerProcess worker) {
    String output = worker.output().orElse("");
    if (output.isBlank()) {
      return "";
    }
    String tail = output.length() > OUTPUT_TAIL ? "…" + output.substring(output.length() - OUTPUT_TAIL) : output;
    return "; its output:\n" + tail.stripTrailing();
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while waiting for workers", e);
    }
  }
}
