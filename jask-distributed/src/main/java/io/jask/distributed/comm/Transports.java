package io.jask.distributed.comm;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Opens comms and listeners, choosing the transport by the address's scheme ({@code tcp://}, {@code
 * tls://}, {@code inproc://}): dask.distributed's {@code connect} and {@code listen}.
 *
 * <pre>{@code
 * CommOptions options = CommOptions.builder(token).build();
 * try (Listener listener = Transports.listen("tcp://:0", options, comm -> serve(comm));
 *      Comm comm = Transports.connect(listener.address(), options)) {
 *   comm.send("ping");
 *   Object reply = comm.receive().join();
 * }
 * }</pre>
 *
 * <p>An empty host means loopback: {@code tcp://:0} listens on {@code 127.0.0.1}, on a free port
 * that {@link Listener#address()} reports. See {@link CommAddress} for the address syntax.
 * Transport threads are shared by the whole process, started on first use, and stopped once the
 * last comm and listener are closed; the overloads taking a {@link CommLoop} put a listener or comm
 * on that loop's own thread instead.
 */
public final class Transports {
  private Transports() {}

  /**
   * Binds {@code address} and hands every connection that authenticates to {@code onAccept}. Blocks
   * until bound, so do not call it on a transport thread.
   *
   * @param onAccept called on a transport thread, once per authenticated comm; must not block. If
   *     it throws, that comm is closed
   * @throws CommException naming the address if it cannot be bound (in use, not local)
   * @throws IllegalArgumentException if {@code address} does not parse, or is {@code tls://}
   *     without a {@link TlsConfig}
   */
  public static Listener listen(String address, CommOptions options, Consumer<Comm> onAccept) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(onAccept, "onAccept");
    return NettyTransport.listen(CommAddress.parse(address), options, onAccept, null);
  }

  /**
   * As {@link #listen(String, CommOptions, Consumer)}, but the listener and every connection it
   * accepts run on {@code loop}: {@code onAccept}, and every callback of those comms' futures, run
   * on the loop's thread, and sending from that thread writes at once. For a shell whose state
   * lives on one thread, so that all its connections are served by that thread and no other.
   *
   * @throws IllegalArgumentException also if {@code loop} runs another kind of connection (tcp and
   *     tls versus inproc)
   * @throws IllegalStateException if called on {@code loop}'s thread (binding waits on it)
   */
  public static Listener listen(
      String address, CommOptions options, Consumer<Comm> onAccept, CommLoop loop) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(onAccept, "onAccept");
    Objects.requireNonNull(loop, "loop");
    return NettyTransport.listen(CommAddress.parse(address), options, onAccept, loop);
  }

  /**
   * Dials {@code address} and authenticates, without blocking. See {@link
   * Connector#connect(String)} for how the future completes.
   *
   * @throws IllegalArgumentException if {@code address} does not parse, has port 0 or no name, or
   *     is {@code tls://} without a {@link TlsConfig}
   */
  public static CompletableFuture<Comm> connectAsync(String address, CommOptions options) {
    Objects.requireNonNull(options, "options");
    return NettyTransport.connect(CommAddress.parse(address), options, null);
  }

  /**
   * As {@link #connectAsync(String, CommOptions)}, but the connection runs on {@code loop}: the
   * comm's futures complete on the loop's thread, and sending from that thread writes at once.
   *
   * @throws IllegalArgumentException also if {@code loop} runs another kind of connection (tcp and
   *     tls versus inproc)
   */
  public static CompletableFuture<Comm> connectAsync(
      String address, CommOptions options, CommLoop loop) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(loop, "loop");
    return NettyTransport.connect(CommAddress.parse(address), options, loop);
  }

  /**
   * Dials {@code address}, authenticates, and returns the comm. Gives up after the connect timeout
   * plus the handshake timeout at most.
   *
   * @throws ConnectFailedException if the peer cannot be reached, hangs up or times out, or the
   *     calling thread is interrupted (its interrupt status is set again)
   * @throws AuthenticationException if the peer refuses the token or a certificate
   * @throws ProtocolException if the peer does not speak this protocol
   * @throws IllegalArgumentException as {@link #connectAsync}
   */
  public static Comm connect(String address, CommOptions options) {
    return await(connectAsync(address, options), address);
  }

  /**
   * As {@link #connect(String, CommOptions)}, but the connection runs on {@code loop}, as {@link
   * #connectAsync(String, CommOptions, CommLoop)}.
   *
   * @throws IllegalStateException if called on {@code loop}'s thread (connecting waits on it)
   */
  public static Comm connect(String address, CommOptions options, CommLoop loop) {
    Objects.requireNonNull(loop, "loop");
    if (loop.inLoop()) {
      throw new IllegalStateException(
          "cannot wait for a connection to " + address + " on the thread of " + loop);
    }
    return await(connectAsync(address, options, loop), address);
  }

  private static Comm await(CompletableFuture<Comm> pending, String address) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause(), address);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(false); // closes the connection, however far it got
      throw new ConnectFailedException("interrupted while connecting to " + address, e);
    }
  }

  /** A {@link Connector} that dials with {@code options}. */
  public static Connector connector(CommOptions options) {
    Objects.requireNonNull(options, "options");
    return address -> connectAsync(address, options);
  }

  private static RuntimeException rethrowable(Throwable cause, String address) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new ConnectFailedException("cannot connect to " + address + ": " + cause, cause);
  }
}
