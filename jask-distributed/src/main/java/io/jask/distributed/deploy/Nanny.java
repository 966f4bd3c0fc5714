package io.jask.distributed.deploy;

import io.jask.distributed.worker.ProcessMemory;
import io.jask.distributed.worker.WorkerMain;
import io.jask.distributed.worker.WorkerServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's supervisor (Dask's {@code Nanny}): it starts the worker, and starts a fresh one in its
 * place when it dies (killed, crashed, out of memory, a task called {@code System.exit}), when the
 * scheduler asks it to restart ({@code client.restart()}), or when its resident memory rises above
 * the terminate threshold, which the nanny checks from outside by reading {@code
 * /proc/PID/status} every 100 ms and answers with SIGKILL.
 *
 * <pre>
 *  Nanny ──start()──▶ incarnation 1 (worker JVM) ──dies / exit 3 / RSS above terminate──▶
 *        ──start()──▶ incarnation 2 ...            exit 0 (retired, scheduler gone) or stop(): done
 * </pre>
 *
 * <p>The nanny is a thread of the JVM that owns the cluster, not a JVM of its own: the worker JVM
 * is its child process, so it sees the worker's exit status at once and reads its memory directly,
 * and a nanny cannot itself be lost apart from its cluster. A worker that leaves on purpose (exit
 * status 0: retired, or its scheduler went away) is not restarted; nor is one that ended within
 * seconds of its start five times in a row (it cannot start, and would fail again).
 *
 * <p>As a {@link WorkerProcess}, a nanny finishes when it has stopped for good, with the last
 * worker's exit status; its output is that of every incarnation, oldest first.
 */
final class Nanny implements WorkerProcess {
  private static final Logger log = LoggerFactory.getLogger(Nanny.class);
  private static final long MEMORY_CHECK_MILLIS = 100;
  /** An incarnation that ends sooner than this after its start counts towards a crash loop. */
  private static final long QUICK_DEATH_NANOS = TimeUnit.SECONDS.toNanos(3);
  /** After this many quick deaths in a row the nanny gives up (the worker cannot start). */
  private static final int CRASH_LOOP = 5;

  private final String name;
  private final IntFunction<WorkerProcess> incarnations;
  private final long terminateBytes;
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();
  private final ScheduledExecutorService watcher;
  /** Every incarnation started, oldest first; guarded by {@code this}. */
  private final List<WorkerProcess> started = new ArrayList<>();
  private ScheduledFuture<?> memoryCheck;
  private boolean stopping;
  private int restarts;
  private long startedAt;
  private int quickDeaths;

  /**
   * A nanny for the worker {@code name}.
   *
   * @param incarnations makes the n-th incarnation of the worker (n from 1), not yet started
   * @param terminateBytes the resident size above which the worker is killed and restarted;
   *     {@code Long.MAX_VALUE} for never (workers inside this JVM are never measured)
   */
  Nanny(String name, IntFunction<WorkerProcess> incarnations, long terminateBytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.incarnations = Objects.requireNonNull(incarnations, "incarnations");
    this.terminateBytes = terminateBytes;
    this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jask-nanny-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start() {
    if (!started.isEmpty() || finished.isDone()) {
      throw new IllegalStateException("worker " + name + " was started before");
    }
    try {
      startIncarnation();
    } catch (RuntimeException e) {
      finish(1);
      throw e;
    }
  }

  /** How many times the worker was restarted so far. */
  synchronized int restarts() {
    return restarts;
  }

  /** The process id of the current worker JVM, or -1 (not running, or a worker inside this JVM). */
  synchronized long pid() {
    WorkerProcess current = current();
    return current instanceof JvmWorkerProcess jvm && !jvm.finished().isDone() ? jvm.pid() : -1;
  }

  private WorkerProcess current() {
    return started.isEmpty() ? null : started.get(started.size() - 1);
  }

  private void startIncarnation() {
    WorkerProcess worker = incarnations.apply(started.size() + 1);
    started.add(worker);
    startedAt = System.nanoTime();
    worker.start();
    worker.finished().thenAccept(status -> watcher.execute(() -> ended(worker, status)));
    if (terminateBytes != Long.MAX_VALUE && worker instanceof JvmWorkerProcess jvm) {
      memoryCheck = watcher.scheduleWithFixedDelay(() -> checkMemory(jvm), MEMORY_CHECK_MILLIS,
          MEMORY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void ended(WorkerProcess worker, int status) {
    if (worker != current() || finished.isDone()) {
      return;
    }
    if (memoryCheck != null) {
      memoryCheck.cancel(false);
      memoryCheck = null;
    }
    quickDeaths = System.nanoTime() - startedAt < QUICK_DEATH_NANOS ? quickDeaths + 1 : 0;
    if (stopping || status == 0 || quickDeaths >= CRASH_LOOP) {
      if (!stopping) {
        log.info("Worker {} {}: not restarting it", name, status == 0 ? "left on purpose"
            : "ended within seconds of its start " + quickDeaths + " times in a row (exit status " + status + ")");
      }
      finish(status);
      return;
    }
    String why = status == WorkerServer.EXIT_RESTART ? "restarts as the scheduler asked"
        : status == 3 ? "ran out of heap (-XX:+ExitOnOutOfMemoryError)"
        : status == WorkerMain.EXIT_UNEXPECTED ? "exited unexpectedly (SIGTERM or a task called System.exit)"
        : "died with exit status " + status;
    log.warn("Worker {} {}: starting a new one", name, why);
    restarts++;
    try {
      startIncarnation();
    } catch (RuntimeException e) {
      log.error("Worker {} could not be restarted", name, e);
      finish(status);
    }
  }

  private void checkMemory(JvmWorkerProcess worker) {
    long resident = ProcessMemory.residentBytes(worker.pid());
    if (resident > terminateBytes && !worker.finished().isDone()) {
      log.warn("Worker {} (pid {}) uses {} MiB resident, above its terminate threshold of {} MiB: killing it,"
          + " its nanny restarts it", name, worker.pid(), resident >> 20, terminateBytes >> 20);
      ProcessHandle.of(worker.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private void finish(int status) {
    watcher.shutdown();
    finished.complete(status);
  }

  @Override
  public CompletableFuture<Integer> finished() {
    return finished;
  }

  /** Stops supervising, then stops the current worker as it would stop on its own. */
  @Override
  public void stop(Duration grace) {
    WorkerProcess current;
    synchronized (this) {
      stopping = true;
      current = current();
    }
    if (current != null) {
      current.stop(grace);
      // ended() runs on the watcher; make sure the nanny is done even if it was already shut down.
      current.finished().thenAccept(status -> {
        synchronized (this) {
          finish(status);
        }
      });
    } else {
      synchronized (this) {
        finish(0);
      }
    }
  }

  @Override
  public synchronized Optional<String> output() {
    StringBuilder all = new StringBuilder();
    boolean any = false;
    for (int i = 0; i < started.size(); i++) {
      Optional<String> text = started.get(i).output();
      if (text.isPresent()) {
        any = true;
        if (started.size() > 1) {
          all.append("---- incarnation ").append(i + 1).append(" ----\n");
        }
        all.append(text.get());
      }
    }
    return any ? Optional.of(all.toString()) : Optional.empty();
  }

  @Override
  public String toString() {
    return "Nanny[" + name + ", " + current() + ", restarts " + restarts + "]";
  }
}
