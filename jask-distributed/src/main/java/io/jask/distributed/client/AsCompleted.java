package io.jask.distributed.client;

import io.jask.core.ComputationInterruptedException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The futures given, in the order they finish (Dask's {@code as_completed}): iterating blocks
 * until the next one is done, in any way. More futures may be {@linkplain #add added} while
 * iterating; iteration ends once every future added has been returned.
 *
 * <pre>{@code
 * for (Future<Integer> f : client.asCompleted(futures)) {
 *   total += f.result();
 * }
 * for (AsCompleted.Completed<Integer> c : client.asCompleted(futures).withResults()) {
 *   total += c.result();
 * }
 * }</pre>
 *
 * <p>Adding is thread-safe; iterate from one thread.
 *
 * @param <T> the type of the results
 */
public final class AsCompleted<T> implements Iterator<Future<T>>, Iterable<Future<T>> {
  private final LinkedBlockingQueue<Future<T>> finished = new LinkedBlockingQueue<>();
  /** Futures added and not yet returned. */
  private final AtomicInteger outstanding = new AtomicInteger();

  AsCompleted(Iterable<? extends Future<T>> futures) {
    futures.forEach(this::add);
  }

  /** Adds a future: it will be returned once done. */
  public void add(Future<T> future) {
    Objects.requireNonNull(future, "future");
    outstanding.incrementAndGet();
    future.state().whenDone(() -> finished.add(future));
  }

  /** Whether futures remain to be returned (done or not yet). Never waits. */
  @Override
  public boolean hasNext() {
    return outstanding.get() > 0;
  }

  /**
   * The next future to be done, waiting for it.
   *
   * @throws NoSuchElementException if every future added has been returned
   * @throws ComputationInterruptedException if the thread is interrupted while waiting
   */
  @Override
  public Future<T> next() {
    checkRemaining();
    try {
      return taken(finished.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComputationInterruptedException("interrupted while waiting for the next future", e);
    }
  }

  /**
   * {@link #next()}, waiting at most {@code timeout}.
   *
   * @throws TimeoutException if no future is done in time
   */
  public Future<T> next(Duration timeout) throws TimeoutException {
    checkRemaining();
    try {
      Future<T> next = finished.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new TimeoutException("none of the " + outstanding.get() + " futures left was done within "
            + Client.describe(timeout));
      }
      return taken(next);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComputationInterruptedException("interrupted while waiting for the next future", e);
    }
  }

  private void checkRemaining() {
    if (!hasNext()) {
      throw new NoSuchElementException("every future has been returned");
    }
  }

  private Future<T> taken(Future<T> future) {
    outstanding.decrementAndGet();
    return future;
  }

  @Override
  public Iterator<Future<T>> iterator() {
    return this;
  }

  /**
   * The futures with their results, in the order they finish. A failed future throws as {@link
   * Future#result()} does when its turn comes.
   */
  public Iterable<Completed<T>> withResults() {
    return () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return AsCompleted.this.hasNext();
      }

      @Override
      public Completed<T> next() {
        Future<T> future = AsCompleted.this.next();
        return new Completed<>(future, future.result());
      }
    };
  }

  /**
   * A finished future and its result.
   *
   * @param <T> the type of the result
   */
  public record Completed<T>(Future<T> future, T result) {}
}
