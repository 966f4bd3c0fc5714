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

  Inbox(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds an event, or drops it if the queue is full. Never blocks. */
  void offer(Object event) {
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /** Hands every queued event to {@code sink}, oldest first; returns how many. */
  int drain(Consumer<Object> sink) {
    int n = 0;
    for (Object event; (event = queue.poll()) != null; n++) {
      sink.accept(event);
    }
    return n;
  }

  /** Events dropped so far because the queue was full. */
  long dropped() {
    return dropped.get();
  }
}
