package io.jask.distributed.comm;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One Netty event loop group per process and transport kind, shared by every listener and comm,
 * made on first use and shut down when the last user lets go: a process that has closed all its
 * comms has no transport threads left, and tests can check that nothing leaked. Threads are
 * daemons, so a forgotten comm never keeps a JVM alive.
 *
 * <p>Every channel holds a {@link Lease} until it is closed.
 */
final class SharedEventLoopGroup {
  /** Event loops for tcp and tls sockets. */
  static final SharedEventLoopGroup SOCKETS =
      new SharedEventLoopGroup("jask-io", io.netty.channel.nio.NioIoHandler::newFactory);

  /** Event loops for inproc channels, which need Netty's local I/O handler. */
  static final SharedEventLoopGroup INPROC =
      new SharedEventLoopGroup("jask-inproc", io.netty.channel.local.LocalIoHandler::newFactory);

  private final String threadPrefix;
  private final Supplier<IoHandlerFactory> ioHandlers;

  /** The live group; null while nobody holds a lease. Guarded by {@code this}. */
  private EventLoopGroup group;

  /** Leases not yet released on {@link #group}. Guarded by {@code this}. */
  private int leases;

  private SharedEventLoopGroup(String threadPrefix, Supplier<IoHandlerFactory> ioHandlers) {
    this.threadPrefix = threadPrefix;
    this.ioHandlers = ioHandlers;
  }

  /** The group for {@code scheme}. */
  static SharedEventLoopGroup forScheme(Scheme scheme) {
    return scheme.usesSockets() ? SOCKETS : INPROC;
  }

  /** Takes a lease on the group, starting it if nobody held one. */
  synchronized Lease acquire() {
    if (group == null) {
      group =
          new MultiThreadIoEventLoopGroup(
              0, new DefaultThreadFactory(threadPrefix, true), ioHandlers.get());
    }
    leases++;
    return new Lease(group);
  }

  /**
   * Another lease on the group {@code existing} holds, for a channel already running on it; null if
   * that group has been let go of (only possible once {@code existing} is released).
   */
  synchronized Lease share(Lease existing) {
    if (existing.leased != group || existing.released.get()) {
      return null;
    }
    leases++;
    return new Lease(group);
  }

  private synchronized void release(EventLoopGroup leased) {
    if (leased != group) {
      return; // cannot happen: a lease's group lives until that lease is released
    }
    if (--leases == 0) {
      group = null;
      // No quiet period: nothing is left to run, and a new user simply starts a new group.
      leased.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
  }

  /** Name prefix of this group's threads, for leak checks. */
  String threadPrefix() {
    return threadPrefix;
  }

  /** A hold on the group; released once, however often {@link #release()} is called. */
  final class Lease {
    private final EventLoopGroup leased;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(EventLoopGroup leased) {
      this.leased = leased;
    }

    EventLoopGroup group() {
      return leased;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        SharedEventLoopGroup.this.release(leased);
      }
    }
  }
}
