package io.jask.distributed.protocol;

import io.jask.distributed.comm.Comm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The stream messages a single-threaded shell (scheduler or worker) sends, held per connection
 * while its loop has more work queued and sent when it runs out: one frame per connection for a
 * burst, as Dask's {@code BatchedSend}, but without waiting for a timer. A burst of task
 * completions thus costs one serialisation call, one wake-up of the transport and one system call
 * per peer instead of one each per message; a lone message leaves as soon as its work is done.
 *
 * <p>Every piece of work the loop runs must be {@linkplain #track tracked}, so the batcher knows
 * when the loop is idle. Messages to one connection keep their order. Receivers take a {@link
 * Messages.Batch} apart with {@link #forEach}.
 */
public final class Batches {
  /** Messages in one batch at most: bounds a frame and the receiver's single task. */
  static final int MAX_BATCH = 1024;

  private final AtomicInteger queued = new AtomicInteger();
  /** Loop thread only. */
  private final Map<Comm, List<Object>> pending = new LinkedHashMap<>();
  private final BiConsumer<Comm, Throwable> onFailure;

  /**
   * @param onFailure told when a batch could not be sent on a comm that is still open (the
   *     shells close it, and recover as from a lost peer)
   */
  public Batches(BiConsumer<Comm, Throwable> onFailure) {
    this.onFailure = onFailure;
  }

  /**
   * Wraps work about to be queued on the loop: once it and all work queued meanwhile have run,
   * what they sent leaves.
   */
  public Runnable track(Runnable work) {
    queued.incrementAndGet();
    return () -> {
      try {
        work.run();
      } finally {
        if (queued.decrementAndGet() == 0) {
          flush();
        }
      }
    };
  }

  /** Wraps periodic work, which is not counted as queued: what it sends leaves when the loop is idle. */
  public Runnable tick(Runnable work) {
    return () -> {
      try {
        work.run();
      } finally {
        if (queued.get() == 0) {
          flush();
        }
      }
    };
  }

  /** Queues {@code message} for {@code comm}; loop thread only. */
  public void send(Comm comm, Object message) {
    List<Object> messages = pending.computeIfAbsent(comm, c -> new ArrayList<>());
    messages.add(message);
    if (messages.size() >= MAX_BATCH) {
      pending.remove(comm);
      write(comm, messages);
    }
  }

  /** Sends everything held; loop thread only. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Map.Entry<Comm, List<Object>>> batches = new ArrayList<>(pending.entrySet());
    pending.clear();
    for (Map.Entry<Comm, List<Object>> batch : batches) {
      write(batch.getKey(), batch.getValue());
    }
  }

  private void write(Comm comm, List<Object> messages) {
    CompletableFuture<Void> sent = comm.send(messages.size() == 1 ? messages.get(0) : new Messages.Batch(messages));
    sent.whenComplete((ok, error) -> {
      if (error != null && !comm.isClosed()) {
        onFailure.accept(comm, error);
      }
    });
  }

  /** Hands {@code message} to {@code action}, or each message of a {@link Messages.Batch} in order. */
  public static void forEach(Object message, Consumer<Object> action) {
    if (message instanceof Messages.Batch batch) {
      batch.messages().forEach(action);
    } else {
      action.accept(message);
    }
  }
}
