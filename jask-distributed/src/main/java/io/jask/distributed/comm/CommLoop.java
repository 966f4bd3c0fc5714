package io.jask.distributed.comm;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One transport thread that a single-threaded shell (the scheduler, a worker) runs on: its state
 * machine, its timers, and the connections it accepts ({@link Transports#listen(String,
 * CommOptions, java.util.function.Consumer, CommLoop)}) or dials ({@link
 * Transports#connectAsync(String, CommOptions, CommLoop)}). A message from such a connection is
 * handled on the thread that decoded it, and what the shell sends back is written on that same
 * thread: no hand-off between threads, and no wake-up of another one, on either way.
 *
 * <p>Whatever runs on it must not block (no waiting on futures, no sleeping, no user code): the
 * thread also does the I/O of every connection on it.
 *
 * <p>{@link #close()} closes the connections on it and stops its thread.
 */
public final class CommLoop implements Executor, AutoCloseable {
  private static final long STOP_WAIT_SECONDS = 5;

  private final String name;
  private final Scheme scheme;
  private final EventLoopGroup group;
  private final EventLoop loop;

  /** Listeners on the loop, closed before it stops so that their addresses are given up first. */
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Connections on the loop; a closed one leaves by itself. */
  private final ChannelGroup channels;

  private CommLoop(String name, Scheme scheme) {
    this.name = name;
    this.scheme = scheme;
    this.group =
        new MultiThreadIoEventLoopGroup(
            1,
            runnable -> {
              Thread thread = new FastThreadLocalThread(runnable, name);
              thread.setDaemon(true); // a forgotten shell never keeps a JVM alive
              return thread;
            },
            scheme.usesSockets()
                ? io.netty.channel.nio.NioIoHandler.newFactory()
                : io.netty.channel.local.LocalIoHandler.newFactory());
    this.loop = group.next();
    this.channels = new DefaultChannelGroup(name, loop);
  }

  /**
   * Starts a loop on a thread called {@code threadName}, for connections of {@code address}'s
   * scheme: tcp and tls share one kind of loop, inproc needs the other.
   *
   * @throws IllegalArgumentException if {@code address} does not parse
   */
  public static CommLoop start(String threadName, String address) {
    Objects.requireNonNull(threadName, "threadName");
    return new CommLoop(threadName, CommAddress.parse(address).scheme());
  }

  /**
   * Runs {@code task} on the loop, after what is already queued; from the loop itself this only
   * queues it (no wake-up).
   *
   * @throws RejectedExecutionException once the loop has stopped
   */
  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  /** Runs {@code task} on the loop after {@code delay}. */
  public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return loop.schedule(task, delay, unit);
  }

  /**
   * Runs {@code task} on the loop after {@code initialDelay}, then {@code delay} after each run
   * ends; a run that throws ends the repetition, as with a {@link
   * java.util.concurrent.ScheduledExecutorService}.
   */
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable task, long initialDelay, long delay, TimeUnit unit) {
    return loop.scheduleWithFixedDelay(task, initialDelay, delay, unit);
  }

  /** Whether the calling thread is this loop's. */
  public boolean inLoop() {
    return loop.inEventLoop();
  }

  /** The name of the loop's thread. */
  public String threadName() {
    return name;
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return group.isShuttingDown();
  }

  /**
   * Closes the connections on the loop and stops its thread; from another thread, waits a few
   * seconds at most for it to end. Idempotent.
   */
  @Override
  public void close() {
    // A local listener left to the shutdown could keep its name bound to a dead loop, where a
    // later connect would hang: close listeners properly first.
    listeners.forEach(Listener::close);
    // Connections are closed while the loop still runs, so that what their closing sets off (the
    // comms' close futures) runs too, rather than be refused by a stopped loop.
    ChannelGroupFuture closing = channels.close();
    boolean waits = !loop.inEventLoop();
    if (waits) {
      closing.awaitUninterruptibly(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS); // nothing is left to run: no quiet period
    if (waits) {
      group.terminationFuture().awaitUninterruptibly(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "CommLoop[" + name + (isClosed() ? ", closed]" : "]");
  }

  /** Remembers a listener on the loop, to close it with the loop. */
  void holds(Listener listener) {
    listeners.add(listener);
  }

  /** Remembers a connection on the loop, to close it with the loop. */
  void holds(Channel channel) {
    channels.add(channel);
  }

  /** The Netty loop, to register channels on. */
  EventLoop eventLoop() {
    return loop;
  }

  /**
   * Checks that channels for {@code address} can run on this loop.
   *
   * @throws IllegalArgumentException naming both if not
   */
  void checkCarries(CommAddress address) {
    if (address.scheme().usesSockets() != scheme.usesSockets()) {
      throw new IllegalArgumentException(
          "the loop "
              + name
              + " runs "
              + scheme.text()
              + " connections and cannot carry "
              + address);
    }
  }
}
