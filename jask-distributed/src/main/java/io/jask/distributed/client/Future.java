package io.jask.distributed.client;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A remote result: the handle {@link Client#submit}, {@link Client#map} and {@link
 * Client#scatter} return, as Dask's {@code Future}. The task runs on the cluster as soon as it is
 * submitted; its result stays on the worker that computed it until {@link #result()} fetches it,
 * directly from that worker.
 *
 * <pre>{@code
 * Future<Integer> f = client.submit(Lesson::inc, 10);
 * Future<Integer> g = client.submit(Lesson::add, f, 1);   // f's result is g's input, on the cluster
 * int y = g.result();                                     // 12
 * }</pre>
 *
 * <p><b>References.</b> While any future of a key is held, the cluster keeps the key's result.
 * Several futures of one key (the same pure call submitted twice) count separately. When the last
 * one is {@linkplain #release() released}, closed with its client, or garbage-collected, the
 * client tells the scheduler, which forgets the result unless another client or a pending task
 * needs it.
 *
 * <p>Futures are equal when they belong to the same client and name the same key. All methods are
 * thread-safe.
 *
 * @param <T> the type of the result
 */
public final class Future<T> implements java.util.concurrent.Future<T> {
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "jask-future-cleaner");
    t.setDaemon(true);
    return t;
  });

  private final Client client;
  private final KeyState state;
  private final Cleaner.Cleanable reference;
  private volatile boolean released;

  Future(Client client, KeyState state) {
    this.client = client;
    this.state = state;
    // The action holds the client and the state, never this future: it must not keep it alive.
    this.reference = CLEANER.register(this, new Release(client, state));
  }

  /** Gives back a future's reference; run at most once, by release(), close, or the cleaner. */
  private record Release(Client client, KeyState state) implements Runnable {
    @Override
    public void run() {
      client.release(state);
    }
  }

  /** The key of the result on the cluster. */
  public Key key() {
    return state.key;
  }

  /** The client this future belongs to. */
  public Client client() {
    return client;
  }

  KeyState state() {
    return state;
  }

  /**
   * Waits for the result and fetches it from the worker that holds it.
   *
   * @throws io.jask.core.TaskFailedException if the task, or a task it depends on, threw: it names
   *     that task, and its cause is a {@link RemoteException} with the remote class, message and
   *     stack trace
   * @throws FutureException (a {@link FutureCancelledException}, {@link LostDataException}, {@link
   *     KilledWorkerException} or {@link MissingDependencyException}) if the cluster could not
   *     deliver it
   * @throws ClientClosedException if the future was released, or its client closed before the
   *     result was fetched (a future still pending then is cancelled instead)
   * @throws io.jask.core.ComputationInterruptedException if the thread is interrupted
   */
  public T result() {
    try {
      return result(null);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    }
  }

  /**
   * {@link #result()}, waiting at most {@code timeout} for the task to finish.
   *
   * @throws TimeoutException naming the key and the timeout if the task is not done in time
   */
  @SuppressWarnings("unchecked")
  public T result(Duration timeout) throws TimeoutException {
    checkNotReleased();
    return (T) client.resultOf(state, timeout);
  }

  /**
   * The {@link java.util.concurrent.Future} way to {@link #result()}: a failure arrives as the
   * cause of an {@link ExecutionException}, a cancellation as a {@link CancellationException}.
   */
  @Override
  public T get() throws InterruptedException, ExecutionException {
    try {
      return futureGet(null);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a wait without a timeout timed out", e);
    }
  }

  /** {@link #get()}, waiting at most the given time. */
  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    return futureGet(Duration.ofNanos(unit.toNanos(timeout)));
  }

  private T futureGet(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return result(timeout);
    } catch (FutureCancelledException e) {
      CancellationException c = new CancellationException(e.getMessage());
      c.initCause(e);
      throw c;
    } catch (io.jask.core.ComputationInterruptedException e) {
      Thread.currentThread().interrupt();
      throw (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
    } catch (JaskException e) {
      throw new ExecutionException(e.getMessage(), e);
    }
  }

  /**
   * Waits for the task to end and returns its error: the {@link RemoteException} a task threw
   * (its own or an input's), a {@link FutureException} if the cluster could not deliver the
   * result, or null if it finished.
   */
  public Throwable exception() {
    checkNotReleased();
    return client.errorOf(state);
  }

  /**
   * The remote stack trace of a failed task, as text, once the future is done: the trace printed
   * where the task threw, or the scheduler's account for failures it decided (a killed worker);
   * null if the future has not failed.
   */
  public String traceback() {
    Outcome outcome = state.outcome();
    return outcome.error() == null ? null : outcome.error().stackTrace();
  }

  /** Whether the future is done: finished, failed, cancelled or lost. Never waits. */
  public boolean done() {
    return state.outcome().status().isDone();
  }

  @Override
  public boolean isDone() {
    return done();
  }

  @Override
  public boolean isCancelled() {
    return status() == FutureStatus.CANCELLED;
  }

  /** Where the future stands now. Never waits. */
  public FutureStatus status() {
    return state.outcome().status();
  }

  /** The simple class name of the result once finished (as Dask's {@code future.type}); else null. */
  public String type() {
    return state.outcome().typeName();
  }

  /**
   * Cancels the task, unless another client wants it too, and marks this key cancelled here at
   * once (every future of it). Tasks that depend on it and that no other client wants are
   * cancelled too.
   *
   * @return true if the future was not done yet
   */
  public boolean cancel() {
    return client.cancel(java.util.List.of(this));
  }

  /** {@link #cancel()}: a running task is not interrupted, only its result dropped. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return cancel();
  }

  /**
   * Calls {@code callback} with this future once it is done (at once if it is), on one of the
   * client's threads, where it may block, for instance on {@link #result()}. An exception it
   * throws is logged.
   */
  public void addDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    state.whenDone(() -> client.runCallback(() -> callback.accept(this), this));
  }

  /**
   * A {@link CompletableFuture} that completes with the result, or exceptionally with what {@link
   * #result()} would throw, once the future is done. Completing or cancelling it does not affect
   * this future.
   */
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> out = new CompletableFuture<>();
    state.whenDone(() -> client.runCallback(() -> {
      try {
        out.complete(result());
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    }, this));
    return out;
  }

  /**
   * Gives up this future's claim on the result. Once every future of the key is released the
   * cluster forgets the result. Idempotent; the future cannot be used afterwards.
   */
  public void release() {
    released = true;
    reference.clean();
  }

  /** Whether {@link #release()} was called (or the client closed). */
  public boolean isReleased() {
    return released || client.isClosed();
  }

  private void checkNotReleased() {
    if (released) {
      throw new ClientClosedException("the future of '" + state.key + "' was released");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Future<?> f && f.client == client && f.state.key.equals(state.key);
  }

  @Override
  public int hashCode() {
    return state.key.hashCode();
  }

  /** {@code Future<inc-3f2a…: finished, Integer>}. */
  @Override
  public String toString() {
    Outcome outcome = state.outcome();
    String status = outcome.status().name().toLowerCase(java.util.Locale.ROOT);
    return "Future<" + state.key + ": " + status
        + (outcome.typeName() != null ? ", " + outcome.typeName() : "")
        + (outcome.error() != null ? ", " + outcome.error() : "") + ">";
  }
}
