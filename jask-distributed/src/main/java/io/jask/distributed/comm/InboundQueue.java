package io.jask.distributed.comm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Received messages waiting for {@link Comm#receive()}, and receivers waiting for messages.
 * Thread-safe: the transport thread offers, any thread takes.
 *
 * <p>Flow control: once more than {@link #HIGH_WATER_BYTES} (or {@link #HIGH_WATER_COUNT} messages)
 * wait, {@link #shouldRead()} turns false until the backlog drains below the low marks; {@code
 * onBackpressureChange} is then run (outside the lock) so the comm can stop or resume reading from
 * the connection.
 *
 * <p>Futures are always completed outside the lock: their dependent stages are user code.
 */
final class InboundQueue {
  static final long HIGH_WATER_BYTES = 32L << 20;
  static final long LOW_WATER_BYTES = 8L << 20;
  static final int HIGH_WATER_COUNT = 1 << 16;
  static final int LOW_WATER_COUNT = 1 << 14;

  private final Runnable onBackpressureChange;

  /** Messages not yet taken, oldest first; empty whenever {@link #waiters} is not. */
  private final ArrayDeque<Inbound> messages = new ArrayDeque<>();

  /** Receivers not yet served, oldest first; empty whenever {@link #messages} is not. */
  private final ArrayDeque<CompletableFuture<Object>> waiters = new ArrayDeque<>();

  /** Sum of {@link Inbound#size()} over {@link #messages}. */
  private long queuedBytes;

  /** Whether the comm should read from its connection; flips at the high and low marks. */
  private boolean reading = true;

  /** Why the comm closed; null while it is open. Set once. */
  private CommClosedException closed;

  InboundQueue(Runnable onBackpressureChange) {
    this.onBackpressureChange = onBackpressureChange;
  }

  /** The next message, now or when it arrives. */
  CompletableFuture<Object> take() {
    CompletableFuture<Object> result = new CompletableFuture<>();
    Inbound next;
    CommClosedException reason = null;
    boolean resumed = false;
    synchronized (this) {
      next = messages.poll();
      if (next != null) {
        queuedBytes -= next.size();
        if (!reading && queuedBytes <= LOW_WATER_BYTES && messages.size() <= LOW_WATER_COUNT) {
          reading = true;
          resumed = true;
        }
      } else if (closed != null) {
        reason = closed;
      } else {
        waiters.add(result);
      }
    }
    if (resumed) {
      onBackpressureChange.run();
    }
    if (next != null) {
      complete(result, next);
    } else if (reason != null) {
      result.completeExceptionally(copyOf(reason));
    }
    return result;
  }

  /** Hands {@code message} to the oldest waiting receiver, or queues it. Dropped once closed. */
  void offer(Inbound message) {
    CompletableFuture<Object> waiter;
    boolean paused = false;
    synchronized (this) {
      if (closed != null) {
        return;
      }
      do {
        waiter = waiters.poll();
      } while (waiter != null && waiter.isDone()); // skip receivers that were cancelled
      if (waiter == null) {
        messages.add(message);
        queuedBytes += message.size();
        if (reading && (queuedBytes > HIGH_WATER_BYTES || messages.size() > HIGH_WATER_COUNT)) {
          reading = false;
          paused = true;
        }
      }
    }
    if (paused) {
      onBackpressureChange.run();
    }
    if (waiter != null && !complete(waiter, message)) {
      offer(message); // the receiver was cancelled meanwhile: the next one gets it
    }
  }

  /**
   * Closes the queue: waiting and later receivers fail with {@code reason}.
   *
   * @param dropQueued whether messages already queued are dropped (a local close) or still
   *     delivered first (the peer closed)
   * @return whether this call closed it (false if it was closed already)
   */
  boolean close(CommClosedException reason, boolean dropQueued) {
    List<CompletableFuture<Object>> failed;
    boolean resumed = false;
    synchronized (this) {
      if (closed != null) {
        if (dropQueued) {
          messages.clear();
          queuedBytes = 0;
        }
        return false;
      }
      closed = reason;
      if (dropQueued) {
        messages.clear();
        queuedBytes = 0;
      }
      failed = new ArrayList<>(waiters);
      waiters.clear();
      if (!reading) {
        // Keep reading so the transport notices the end of the stream and releases the socket.
        reading = true;
        resumed = true;
      }
    }
    if (resumed) {
      onBackpressureChange.run();
    }
    for (CompletableFuture<Object> waiter : failed) {
      waiter.completeExceptionally(copyOf(reason));
    }
    return true;
  }

  /** Whether the comm should read from its connection now. */
  synchronized boolean shouldRead() {
    return reading;
  }

  /** Messages waiting to be taken. */
  synchronized int size() {
    return messages.size();
  }

  /** Completes {@code future} with {@code message}; false if it was completed already. */
  private static boolean complete(CompletableFuture<Object> future, Inbound message) {
    if (message instanceof Inbound.Delivered delivered) {
      return future.complete(delivered.message());
    }
    return future.completeExceptionally(((Inbound.Undecodable) message).error());
  }

  /**
   * A fresh exception per failed receive, so one instance is never thrown on two threads at once;
   * it keeps the reason's message and cause.
   */
  private static CommClosedException copyOf(CommClosedException reason) {
    Throwable cause = reason.getCause() != null ? reason.getCause() : reason;
    return new CommClosedException(reason.getMessage(), cause);
  }
}
