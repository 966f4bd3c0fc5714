package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connections a {@link CommLoop} carries, over real tcp sockets and inproc channels: they are
 * served on the loop's one thread, which writes what it sends at once, and they end with it.
 */
class CommLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger LOOPS = new AtomicInteger();

  private final AuthToken token = AuthToken.generate();
  private final CommOptions options =
      CommOptions.builder(token).serializer(TestMessages.countingSerializer()).build();
  private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeEverything() throws Exception {
    List<AutoCloseable> all = new ArrayList<>(resources);
    Collections.reverse(all);
    for (AutoCloseable resource : all) {
      resource.close();
    }
  }

  private CommLoop loop(String address) {
    CommLoop loop = CommLoop.start("test-loop-" + LOOPS.incrementAndGet(), address);
    resources.add(loop);
    return loop;
  }

  private static String currentThread() {
    return Thread.currentThread().getName();
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void acceptedConnectionsAreServedOnTheLoopWhichWritesAtOnce(String address) throws Exception {
    CommLoop loop = loop(address);
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    Listener listener =
        Transports.listen(
            address,
            options,
            comm -> {
              resources.add(comm);
              seen.add("accepted on " + currentThread());
              comm.receive()
                  .thenAccept(
                      message -> {
                        seen.add("received on " + currentThread());
                        CompletableFuture<Void> sent =
                            comm.send(new TestMessages.Ping(((TestMessages.Ping) message).n() + 1, "pong"));
                        seen.add("sent at once: " + sent.isDone());
                      });
            },
            loop);
    resources.add(listener);
    String name = loop.threadName();

    Comm client = Transports.connect(listener.address(), options);
    resources.add(client);
    client.send(new TestMessages.Ping(41, "ping"));
    assertThat(client.receive().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestMessages.Ping(42, "pong"));

    assertThat(List.of(poll(seen), poll(seen), poll(seen)))
        .containsExactly("accepted on " + name, "received on " + name, "sent at once: true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void aDialledConnectionIsServedOnTheLoop(String address) throws Exception {
    Listener echo =
        Transports.listen(
            address,
            options,
            comm -> {
              resources.add(comm);
              comm.receive().thenAccept(comm::send);
            });
    resources.add(echo);
    CommLoop loop = loop(address);
    Comm comm = Transports.connect(echo.address(), options, loop);
    resources.add(comm);

    CompletableFuture<String> receivedOn = comm.receive().thenApply(message -> currentThread());
    comm.send(new TestMessages.Ping(1, "hello"));
    assertThat(receivedOn.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(loop.threadName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void closingTheLoopClosesItsConnectionsAndStopsItsThread(String address) throws Exception {
    CommLoop loop = loop(address);
    String name = loop.threadName();
    BlockingQueue<Comm> accepted = new LinkedBlockingQueue<>();
    Listener listener = Transports.listen(address, options, accepted::add, loop);
    Comm dialled = Transports.connect(listener.address(), options, loop);
    Comm server = accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(server).isNotNull();
    Comm outside = Transports.connect(listener.address(), options);
    resources.add(outside);
    assertThat(threadAlive(name)).isTrue();

    loop.close();
    loop.close(); // idempotent

    assertThat(loop.isClosed()).isTrue();
    dialled.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    server.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(listener.isClosed()).isTrue();
    assertThatThrownBy(
            () -> Transports.connectAsync(listener.address(), options).get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the listener went with the loop")
        .hasCauseInstanceOf(ConnectFailedException.class);
    outside.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS); // its peer went with the loop
    await().atMost(WAIT).until(() -> !threadAlive(name));
    assertThatThrownBy(() -> loop.execute(() -> {}))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void aConnectionOnTheLoopStillStopsReadingWhileItsReceiverLagsBehind(String address)
      throws Exception {
    CommLoop loop = loop(address);
    BlockingQueue<Comm> accepted = new LinkedBlockingQueue<>();
    Listener listener = Transports.listen(address, options, accepted::add, loop);
    resources.add(listener);
    Comm client = Transports.connect(listener.address(), options);
    resources.add(client);
    ChannelComm server = (ChannelComm) accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(server).isNotNull();
    resources.add(server);

    int count = InboundQueue.HIGH_WATER_COUNT + 1;
    for (int i = 0; i < count; i++) {
      client.send(new TestMessages.Numbered(0, i));
    }
    await("reading to pause").atMost(WAIT).until(() -> !server.reading());

    for (int i = 0; i < count; i++) {
      assertThat(server.receive().get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(new TestMessages.Numbered(0, i));
    }
    await("reading to resume").atMost(WAIT).until(server::reading);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void tasksAndTimersRunOnTheLoopsThread(String address) throws Exception {
    CommLoop loop = loop(address);
    CompletableFuture<Boolean> ran = new CompletableFuture<>();
    loop.execute(() -> ran.complete(loop.inLoop()));
    CompletableFuture<Boolean> timed = new CompletableFuture<>();
    loop.schedule(() -> timed.complete(loop.inLoop()), 10, TimeUnit.MILLISECONDS);
    AtomicInteger ticks = new AtomicInteger();
    loop.scheduleWithFixedDelay(ticks::incrementAndGet, 0, 5, TimeUnit.MILLISECONDS);

    assertThat(ran.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(timed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    await().atMost(WAIT).until(() -> ticks.get() >= 3);
    assertThat(loop.inLoop()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void waitingOnTheLoopFromItsOwnThreadIsRefused(String address) throws Exception {
    CommLoop loop = loop(address);
    CompletableFuture<Throwable> listening = new CompletableFuture<>();
    CompletableFuture<Throwable> connecting = new CompletableFuture<>();
    loop.execute(
        () -> {
          listening.complete(caught(() -> Transports.listen(address, options, Comm::close, loop)));
          connecting.complete(caught(() -> Transports.connect("tcp://127.0.0.1:1", options, loop)));
        });
    assertThat(listening.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(address);
    assertThat(connecting.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tcp://127.0.0.1:1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://127.0.0.1:0", "inproc://"})
  void aLoopCarriesOnlyItsOwnKindOfConnection(String address) {
    CommLoop loop = loop(address);
    String other = address.startsWith("tcp") ? "inproc://" : "tcp://127.0.0.1:0";
    assertThatThrownBy(() -> Transports.listen(other, options, Comm::close, loop))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(other);
    String otherPeer = address.startsWith("tcp") ? "inproc://nobody" : "tcp://127.0.0.1:1";
    assertThatThrownBy(() -> Transports.connectAsync(otherPeer, options, loop))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(otherPeer);
  }

  private static Throwable caught(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String poll(BlockingQueue<String> queue) throws InterruptedException {
    String next = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(next).as("an event within %s", WAIT).isNotNull();
    return next;
  }
}
