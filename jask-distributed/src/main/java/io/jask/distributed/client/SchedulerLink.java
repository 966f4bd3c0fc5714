package io.jask.distributed.client;

import io.jask.core.JaskException;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A client's two connections to the scheduler: the stream (events up, reports about keys down,
 * in order, no replies) and the RPC comm (one query at a time, each answered once).
 */
final class SchedulerLink implements AutoCloseable {
  /** How long a query or a handshake may take before the scheduler is taken for unresponsive. */
  static final long REPLY_TIMEOUT_SECONDS = 30;

  private final String address;
  private final Comm stream;
  private final Comm rpc;
  private final StreamBatcher batcher;

  private SchedulerLink(
      String address, Comm stream, Comm rpc, ScheduledExecutorService sender, BiConsumer<Object, Throwable> onSendFailure) {
    this.address = address;
    this.stream = stream;
    this.rpc = rpc;
    this.batcher = new StreamBatcher(stream, sender, onSendFailure);
  }

  /**
   * Connects to the scheduler at {@code address} as client {@code clientId}.
   *
   * @param sender the threads that send batched events on the stream
   * @param onSendFailure told of an event that could not be sent, with why
   * @throws io.jask.distributed.comm.CommException if the scheduler cannot be reached or refuses
   *     the token
   * @throws JaskException if the scheduler refuses the client or does not answer in time
   */
  static SchedulerLink open(
      String address, CommOptions options, String clientId, ScheduledExecutorService sender, BiConsumer<Object, Throwable> onSendFailure) {
    Comm stream = Transports.connect(address, options);
    Comm rpc = null;
    try {
      greet(stream, address, new Messages.Hello(Messages.Role.CLIENT, clientId));
      rpc = Transports.connect(address, options);
      greet(rpc, address, new Messages.Hello(Messages.Role.RPC, clientId));
      return new SchedulerLink(address, stream, rpc, sender, onSendFailure);
    } catch (RuntimeException e) {
      stream.close();
      if (rpc != null) {
        rpc.close();
      }
      throw e;
    }
  }

  private static void greet(Comm comm, String address, Messages.Hello hello) {
    comm.send(hello);
    Object answer = await(comm.receive(), "the scheduler at " + address + " did not answer a hello");
    if (answer instanceof Messages.Refused refused) {
      throw new JaskException("the scheduler at " + address + " refused the client: " + refused.reason());
    }
    if (!(answer instanceof Messages.Welcome)) {
      throw new JaskException("the scheduler at " + address + " answered a hello with " + answer);
    }
  }

  /** The scheduler's address. */
  String address() {
    return address;
  }

  /**
   * Sends an event on the stream, batched with others sent meanwhile. Events arrive in the order
   * of the calls to this method; callers that need an order across threads call it under a common
   * lock.
   *
   * @throws ClientClosedException if the stream is closed
   */
  void send(Object event) {
    if (stream.isClosed()) {
      throw new ClientClosedException("the connection to the scheduler at " + address + " is closed");
    }
    batcher.send(event);
  }

  /**
   * Asks the scheduler a question on the RPC comm and returns the answer.
   *
   * @throws JaskException if the scheduler answers {@link Messages.Failed}, does not answer in
   *     time, or the connection breaks
   */
  /** {@link #call}, waiting up to {@code timeout} for the answer instead of the usual time. */
  synchronized Object callWithin(Object request, java.time.Duration timeout) {
    if (rpc.isClosed()) {
      throw new ClientClosedException("the connection to the scheduler at " + address + " is closed");
    }
    rpc.send(request);
    Object answer;
    try {
      answer = rpc.receive().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new JaskException("the scheduler at " + address + " did not answer "
          + request.getClass().getSimpleName() + " within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.jask.core.ComputationInterruptedException("interrupted while waiting for the scheduler", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof JaskException je ? je : new JaskException(cause.toString(), cause);
    }
    if (answer instanceof Messages.Failed failed) {
      throw new JaskException("the scheduler at " + address + " failed to answer "
          + request.getClass().getSimpleName() + ": " + failed.message());
    }
    return answer;
  }

  synchronized Object call(Object request) {
    if (rpc.isClosed()) {
      throw new ClientClosedException("the connection to the scheduler at " + address + " is closed");
    }
    rpc.send(request);
    Object answer = await(rpc.receive(), "the scheduler at " + address + " did not answer "
        + request.getClass().getSimpleName());
    if (answer instanceof Messages.Failed failed) {
      throw new JaskException("the scheduler at " + address + " failed to answer "
          + request.getClass().getSimpleName() + ": " + failed.message());
    }
    return answer;
  }

  private static Object await(CompletableFuture<Object> reply, String timeoutMessage) {
    try {
      return reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      reply.cancel(false);
      throw new JaskException(timeoutMessage + " within " + REPLY_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.jask.core.ComputationInterruptedException("interrupted while waiting for the scheduler", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof JaskException je ? je : new JaskException(cause.toString(), cause);
    }
  }

  /**
   * Hands every message the scheduler sends on the stream to {@code onMessage}, in order, on a
   * transport thread, then calls {@code onClosed} once the stream closes.
   */
  void receive(Consumer<Object> onMessage, Runnable onClosed) {
    // A loop, not a chain of callbacks: messages already queued complete receive() at once, and
    // handling each in a nested callback would grow the stack with every one.
    while (true) {
      CompletableFuture<Object> next = stream.receive();
      if (!next.isDone()) {
        next.whenComplete((message, error) -> {
          if (error != null) {
            closedOrSkipped(onMessage, onClosed);
          } else {
            onMessage.accept(message);
            receive(onMessage, onClosed);
          }
        });
        return;
      }
      try {
        onMessage.accept(next.join());
      } catch (CompletionException e) {
        if (stream.isClosed()) {
          onClosed.run();
          return;
        }
        // an undecodable message: the stream stays usable, the next message follows
      }
    }
  }

  /** After a failed receive: the stream closed, or one message could not be decoded and is skipped. */
  private void closedOrSkipped(Consumer<Object> onMessage, Runnable onClosed) {
    if (stream.isClosed()) {
      onClosed.run();
    } else {
      receive(onMessage, onClosed);
    }
  }

  /** Whether the stream is closed. */
  boolean isClosed() {
    return stream.isClosed();
  }

  /** Sends what is queued, then closes both connections. */
  @Override
  public void close() {
    if (!stream.isClosed()) {
      batcher.flush();
    }
    stream.close();
    rpc.close();
  }
}
