package io.jask.distributed.comm;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link Listener} on a bound Netty server channel. */
final class NettyListener implements Listener {
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final Channel server;
  private final String address;
  private final AtomicBoolean closed = new AtomicBoolean();

  NettyListener(Channel server, String address) {
    this.server = server;
    this.address = address;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server.eventLoop().inEventLoop()) {
      server.close(); // cannot wait on our own thread; the port is freed right after
    } else {
      server.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "Listener[" + address + (closed.get() ? ", closed]" : "]");
  }
}
