package io.jask.dashboard;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bounded hand-over from the scheduler's thread to the dashboard's: the scheduler only offers
 * (never waits), the dashboard drains once per feed tick. When the dashboard falls behind and the
 * queue is full, events are dropped and counted, and the pages say so: the scheduler is never
 * slowed by the dashboard.
 */
final class Inbox {
  private final ArrayBlockingQueue<Object> queue;
  private final AtomicLong dropped = new AtomicLong();
  /** Events taken at once by {@link #drain}; only the draining thread touches it. */
  private static final int BATCH = 4096;
  private final java.util.ArrayList<Object> batch = new java.util.ArrayList<>(BATCH);

  Inbox(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds an event, or drops it if the queue is full. Never blocks. */
  void offer(Object event) {
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Hands every queued event to {@code sink}, oldest first; returns how many. Takes them in
   * batches, each under one acquisition of the queue's lock, so the scheduler's offers rarely wait
   * for it.
   */
  int drain(Consumer<Object> sink) {
    int n = 0;
    while (true) {
      int taken = queue.drainTo(batch, BATCH);
      if (taken == 0) {
        return n;
      }
      for (Object event : batch) {
        sink.accept(event);
      }
      batch.clear();
      n += taken;
    }
  }

  /** Events dropped so far because the queue was full. */
  long dropped() {
    return dropped.get();
  }
}
