package io.jask.distributed.protocol;

import io.jask.distributed.comm.Comm;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Hands every message a comm receives to a handler, in order, until the comm closes.
 *
 * <p>Messages that are already waiting complete {@link Comm#receive()} at once; chaining the next
 * receive inside the previous one's callback would then recurse once per queued message and can
 * overflow the stack under a burst. This loop drains what is ready iteratively and only waits
 * (with a callback) when nothing is.
 */
public final class ReceiveLoop {
  private final Comm comm;
  private final Consumer<Object> handler;

  private ReceiveLoop(Comm comm, Consumer<Object> handler) {
    this.comm = comm;
    this.handler = handler;
  }

  /** Starts handing {@code comm}'s messages to {@code handler}, on the threads that receive them. */
  public static void start(Comm comm, Consumer<Object> handler) {
    new ReceiveLoop(comm, handler).drain();
  }

  private void drain() {
    while (true) {
      CompletableFuture<Object> next = comm.receive();
      if (!next.isDone()) {
        next.whenComplete((message, error) -> {
          if (error == null) {
            handler.accept(message);
            drain();
          }
        });
        return;
      }
      if (next.isCompletedExceptionally()) {
        return; // closed: the comm's close future tells whoever cares
      }
      handler.accept(next.join());
    }
  }
}
