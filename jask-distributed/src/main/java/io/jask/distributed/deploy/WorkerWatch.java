package io.jask.distributed.deploy;

import io.jask.distributed.protocol.Messages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners when workers join or leave a cluster, by comparing the scheduler's list of
 * workers every {@code interval} on a daemon thread, which runs only while someone listens. Works
 * the same for a scheduler in this JVM and one reached over the network.
 */
final class WorkerWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerWatch.class);

  private final SchedulerControl scheduler;
  private final Duration interval;
  private final List<Consumer<WorkerChange>> listeners = new CopyOnWriteArrayList<>();
  /** Address → worker, as last seen; watcher thread only. */
  private final Map<String, Messages.WorkerInfo> known = new LinkedHashMap<>();
  private Thread thread;
  private volatile boolean closed;

  WorkerWatch(SchedulerControl scheduler, Duration interval) {
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /** Adds a listener; closing the returned handle removes it. */
  synchronized AutoCloseable subscribe(Consumer<WorkerChange> listener) {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
    listeners.add(listener);
    if (thread == null) {
      // The workers already there are known, not news.
      for (Messages.WorkerInfo w : scheduler.identity().workers()) {
        known.put(w.address(), w);
      }
      thread = new Thread(this::run, "jask-worker-watch");
      thread.setDaemon(true);
      thread.start();
    }
    return () -> listeners.remove(listener);
  }

  private void run() {
    while (!closed) {
      try {
        Thread.sleep(interval.toMillis());
        poll();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          log.debug("Could not list the workers: {}", e.toString());
        }
      }
    }
  }

  private void poll() {
    Map<String, Messages.WorkerInfo> now = new LinkedHashMap<>();
    for (Messages.WorkerInfo w : scheduler.identity().workers()) {
      now.put(w.address(), w);
    }
    for (Messages.WorkerInfo w : List.copyOf(known.values())) {
      if (!now.containsKey(w.address())) {
        known.remove(w.address());
        tell(new WorkerChange(false, w));
      }
    }
    for (Messages.WorkerInfo w : now.values()) {
      if (known.putIfAbsent(w.address(), w) == null) {
        tell(new WorkerChange(true, w));
      }
    }
  }

  private void tell(WorkerChange change) {
    for (Consumer<WorkerChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        log.warn("A listener of worker changes failed on {}", change, e);
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
