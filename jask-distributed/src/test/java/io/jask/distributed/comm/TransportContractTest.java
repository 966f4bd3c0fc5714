package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.comm.TestMessages.Numbered;
import io.jask.distributed.comm.TestMessages.Ping;
import io.jask.distributed.comm.TestMessages.Unregistered;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport must do, written once and run for tcp, tls and inproc by the subclasses.
 * Real listeners and connections throughout; raw connections for what a well-behaved comm never
 * sends.
 */
abstract class TransportContractTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  final AuthToken token = AuthToken.generate();
  final CountingSerializer serverSerializer = TestMessages.countingSerializer();
  final CountingSerializer clientSerializer = TestMessages.countingSerializer();

  private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService executor = Executors.newCachedThreadPool();

  /** Where to listen: a free port, or a fresh name. */
  abstract String listenAddress();

  /** This transport's options (certificates for tls) with {@code token} and {@code serializer}. */
  abstract CommOptions.Builder options(AuthToken token, Serializer serializer);

  /** A connection that speaks raw bytes to {@code address}. */
  abstract RawClient rawClient(String address) throws Exception;

  /** An address of this scheme where nobody listens. */
  abstract String addressNobodyListensOn() throws Exception;

  /** Size of the large buffer test's buffer. */
  int largeBufferBytes() {
    return 64 << 20;
  }

  /** The handshake timeout of the silent-connection test. */
  Duration shortHandshakeTimeout() {
    return Duration.ofMillis(300);
  }

  CommOptions serverOptions() {
    return options(token, serverSerializer).build();
  }

  CommOptions clientOptions() {
    return options(token, clientSerializer).build();
  }

  /** A listener with {@code options} that queues the comms it accepts. */
  Server server(CommOptions options) {
    BlockingQueue<Comm> accepted = new LinkedBlockingQueue<>();
    Listener listener =
        Transports.listen(
            listenAddress(),
            options,
            comm -> {
              resources.add(comm);
              accepted.add(comm);
            });
    resources.add(listener);
    return new Server(listener, accepted);
  }

  /** A listener that echoes every message back on each comm it accepts. */
  Listener echoServer() {
    Listener listener =
        Transports.listen(
            listenAddress(),
            serverOptions(),
            comm -> {
              resources.add(comm);
              echo(comm);
            });
    resources.add(listener);
    return listener;
  }

  Comm connect(String address, CommOptions options) {
    Comm comm = Transports.connect(address, options);
    resources.add(comm);
    return comm;
  }

  /** Sends every message {@code comm} receives back, on a thread of its own, until it closes. */
  void echo(Comm comm) {
    executor.execute(
        () -> {
          try {
            while (true) {
              comm.send(comm.receive().get()).get();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException e) {
            // closed: the echo ends with its comm
          }
        });
  }

  /** The value of {@code future}, or what it failed with, unwrapped. */
  static <T> T get(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  record Server(Listener listener, BlockingQueue<Comm> accepted) {
    String address() {
      return listener.address();
    }

    Comm next() throws InterruptedException, TimeoutException {
      Comm comm = accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (comm == null) {
        throw new TimeoutException("no connection accepted by " + address());
      }
      return comm;
    }
  }

  @AfterEach
  void closeEverything() throws Exception {
    List<AutoCloseable> all;
    synchronized (resources) {
      all = new ArrayList<>(resources);
    }
    Collections.reverse(all);
    for (AutoCloseable resource : all) {
      resource.close();
    }
    executor.shutdownNow();
  }

  @AfterAll
  static void noTransportThreadsAreLeft() {
    await("transport threads to stop")
        .atMost(Duration.ofSeconds(10))
        .until(() -> transportThreads().isEmpty());
  }

  static List<String> transportThreads() {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (thread.isAlive()
          && (name.startsWith(SharedEventLoopGroup.SOCKETS.threadPrefix())
              || name.startsWith(SharedEventLoopGroup.INPROC.threadPrefix()))) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void listenerReportsTheAddressItIsBoundTo() {
    Server server = server(serverOptions());
    CommAddress bound = CommAddress.parse(server.address());
    assertThat(server.address()).isEqualTo(bound.toString());
    if (bound.scheme().usesSockets()) {
      assertThat(bound.host()).isEqualTo("127.0.0.1");
      assertThat(bound.port()).isPositive();
    } else {
      assertThat(bound.name()).isNotEmpty();
    }
  }

  @Test
  void messagesComeBackEqual() throws Exception {
    Listener listener = echoServer();
    Comm comm = connect(listener.address(), clientOptions());
    assertThat(comm.peerAddress()).isEqualTo(listener.address());
    Map<String, Object> map = new HashMap<>();
    map.put("op", "compute");
    map.put("priority", 3.5);
    List<Object> messages =
        List.of(
            "hello",
            new Ping(1, "one"),
            List.of(1, 2L, "three", new Ping(4, "four")),
            map,
            Envelope.ofArrays(new Ping(2, "two"), new byte[] {1, 2, 3}, new byte[0]),
            Envelope.of("no buffers"));
    for (Object message : messages) {
      comm.send(message);
      assertThat(get(comm.receive())).isEqualTo(message);
    }
  }

  @Test
  void tenThousandMessagesArriveInOrder() throws Exception {
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      sends.add(client.send(i));
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(get(accepted.receive())).isEqualTo(i);
    }
    get(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
  }

  @Test
  void aLargeBufferTravelsBesideTheMessageNotThroughTheSerializer() throws Exception {
    byte[] data = new byte[largeBufferBytes()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + (i >>> 8)); // position-dependent: a misplaced byte shows
    }
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();
    long seenBefore = clientSerializer.bytesSeen.get() + serverSerializer.bytesSeen.get();

    CompletableFuture<Object> received = accepted.receive();
    get(client.send(Envelope.of(new Ping(64, "blob"), ByteBuffer.wrap(data))));
    Envelope envelope = (Envelope) received.get(30, TimeUnit.SECONDS);

    assertThat(envelope.header()).isEqualTo(new Ping(64, "blob"));
    assertThat(envelope.buffers()).hasSize(1);
    ByteBuffer buffer = envelope.buffers().get(0);
    assertThat(buffer.remaining()).isEqualTo(data.length);
    assertThat(buffer.equals(ByteBuffer.wrap(data))).as("buffer content").isTrue();
    long seen = clientSerializer.bytesSeen.get() + serverSerializer.bytesSeen.get() - seenBefore;
    assertThat(seen).as("bytes the serializers handled").isLessThan(1024);
  }

  @Test
  void aBufferMayBeReusedOnceItsSendHasCompleted() throws Exception {
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();
    byte[] original = new byte[100_000];
    for (int i = 0; i < original.length; i++) {
      original[i] = (byte) (i * 31 + (i >>> 8));
    }
    byte[] buffer = original.clone();

    get(client.send(Envelope.ofArrays("reused", buffer)));
    Arrays.fill(buffer, (byte) 0);

    Envelope received = (Envelope) get(accepted.receive());
    assertThat(received.buffers().get(0)).isEqualTo(ByteBuffer.wrap(original));
  }

  @Test
  void concurrentSendersKeepEachSendersOrder() throws Exception {
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();
    int senders = 4;
    int perSender = 500;
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int sender = s;
      done.add(
          CompletableFuture.runAsync(
              () -> {
                for (int seq = 0; seq < perSender; seq++) {
                  client.send(new Numbered(sender, seq));
                }
              },
              executor));
    }
    int[] next = new int[senders];
    for (int i = 0; i < senders * perSender; i++) {
      Numbered message = (Numbered) get(accepted.receive());
      assertThat(message.seq())
          .as("from sender %d", message.sender())
          .isEqualTo(next[message.sender()]);
      next[message.sender()]++;
    }
    get(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)));
    assertThat(next).containsOnly(perSender);
  }

  @Test
  void aWrongTokenIsRefusedAndNothingIsDeserialised() throws Exception {
    Server server = server(serverOptions());
    CommOptions wrong = options(AuthToken.of("not-the-token"), clientSerializer).build();

    assertThatThrownBy(() -> Transports.connect(server.address(), wrong))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(server.address())
        .hasMessageContaining("authentication failed")
        .hasMessageNotContaining("not-the-token")
        .hasMessageNotContaining(token.value());

    assertThat(server.accepted()).isEmpty();
    assertThat(serverSerializer.deserializeCalls).hasValue(0);
    Comm good = connect(server.address(), clientOptions());
    good.send("still listening");
    assertThat(get(server.next().receive())).isEqualTo("still listening");
  }

  @Test
  void aSerialisedObjectSentBeforeAuthenticatingIsNeverDeserialised() throws Exception {
    Server server = server(serverOptions());
    byte[] object = TestMessages.config().newSerializer().serialize(new Ping(1, "boom"));

    try (RawClient raw = rawClient(server.address())) {
      raw.writeFrame(RawClient.messageFrame(object));
      assertThat(raw.awaitClosed(WAIT)).isTrue();
      assertThat(raw.errorText()).isEqualTo("authentication failed");
    }
    try (RawClient raw = rawClient(server.address())) {
      // A wrong token with a message right behind it, in one write: the message stays unread.
      raw.writeRaw(RawClient.framed(RawClient.authFrame("guess"), RawClient.messageFrame(object)));
      assertThat(raw.awaitClosed(WAIT)).isTrue();
      assertThat(raw.errorText()).isEqualTo("authentication failed");
    }
    assertThat(serverSerializer.deserializeCalls).hasValue(0);
    assertThat(server.accepted()).isEmpty();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
    Duration timeout = shortHandshakeTimeout();
    Server server = server(options(token, serverSerializer).handshakeTimeout(timeout).build());
    try (RawClient raw = rawClient(server.address())) {
      assertThat(raw.awaitClosed(WAIT)).isTrue();
      assertThat(raw.errorText())
          .contains("handshake not completed within " + timeout.toMillis() + " ms");
    }
    assertThat(server.accepted()).isEmpty();
  }

  @Test
  void eachSideLearnsPromptlyThatThePeerClosed() throws Exception {
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();
    CompletableFuture<Object> waiting = accepted.receive();

    client.close();

    get(accepted.closeFuture());
    assertThat(accepted.isClosed()).isTrue();
    assertThatThrownBy(() -> get(waiting))
        .isInstanceOf(CommClosedException.class)
        .hasMessageContaining(accepted.peerAddress())
        .hasMessageContaining("closed the connection");

    Comm client2 = connect(server.address(), clientOptions());
    Comm accepted2 = server.next();
    accepted2.close();
    get(client2.closeFuture());
    assertThatThrownBy(() -> get(client2.receive()))
        .isInstanceOf(CommClosedException.class)
        .hasMessageContaining(server.address());
  }

  @Test
  void messagesSentBeforeThePeerClosedAreStillDelivered() throws Exception {
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();
    get(client.send("last words"));
    client.close();
    get(accepted.closeFuture());
    assertThat(get(accepted.receive())).isEqualTo("last words");
    assertThatThrownBy(() -> get(accepted.receive())).isInstanceOf(CommClosedException.class);
  }

  @Test
  void sendingOnAClosedCommFails() throws Exception {
    Server server = server(serverOptions());
    Comm client = connect(server.address(), clientOptions());
    Comm accepted = server.next();

    client.close();
    assertThat(client.isClosed()).isTrue();
    assertThatThrownBy(() -> get(client.send("late")))
        .isInstanceOf(CommClosedException.class)
        .hasMessageContaining(server.address());
    assertThatThrownBy(() -> get(client.receive())).isInstanceOf(CommClosedException.class);

    get(accepted.closeFuture());
    assertThatThrownBy(() -> get(accepted.send("to nobody")))
        .isInstanceOf(CommClosedException.class);
  }

  @Test
  void connectingWhereNobodyListensFailsNamingTheAddress() throws Exception {
    String nobody = addressNobodyListensOn();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Transports.connect(nobody, clientOptions()))
        .isInstanceOf(ConnectFailedException.class)
        .hasMessageContaining(nobody);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void closingTheListenerClosesNothingElse() throws Exception {
    Listener listener = echoServer();
    Comm comm = connect(listener.address(), clientOptions());
    get(comm.send("before"));
    assertThat(get(comm.receive())).isEqualTo("before");

    listener.close();

    assertThat(listener.isClosed()).isTrue();
    comm.send("after");
    assertThat(get(comm.receive())).isEqualTo("after");
    assertThat(comm.isClosed()).isFalse();
    assertThatThrownBy(() -> Transports.connect(listener.address(), clientOptions()))
        .isInstanceOf(ConnectFailedException.class)
        .hasMessageContaining(listener.address());
  }

  @Test
  void anOversizedFrameClosesOnlyThatConnection() throws Exception {
    Server server = server(options(token, serverSerializer).maxFrameSize(4096).build());
    Comm bystander = connect(server.address(), clientOptions());
    echo(server.next());
    Comm client = connect(server.address(), clientOptions()); // its own limit is the default
    Comm accepted = server.next();

    client.send(Envelope.ofArrays("big", new byte[10_000]));

    assertThatThrownBy(() -> get(accepted.receive()))
        .isInstanceOf(CommClosedException.class)
        .hasMessageContaining(accepted.peerAddress())
        .hasCauseInstanceOf(FrameTooLargeException.class)
        .hasMessageContaining("10000 bytes")
        .hasMessageContaining("limit of 4096 bytes");
    get(client.closeFuture());
    assertThatThrownBy(() -> get(client.receive()))
        .isInstanceOf(CommClosedException.class)
        .hasMessageContaining("limit of 4096 bytes")
        .hasCauseInstanceOf(FrameTooLargeException.class);

    bystander.send("unharmed");
    assertThat(get(bystander.receive())).isEqualTo("unharmed");
    Comm later = connect(server.address(), clientOptions());
    later.send(1);
    assertThat(get(server.next().receive())).isEqualTo(1);
  }

  @Test
  void aFrameOverTheSendersOwnLimitIsNotSent() throws Exception {
    Server server = server(serverOptions());
    Comm client =
        connect(server.address(), options(token, clientSerializer).maxFrameSize(4096).build());
    Comm accepted = server.next();

    assertThatThrownBy(() -> get(client.send(Envelope.ofArrays("big", new byte[10_000]))))
        .isInstanceOf(FrameTooLargeException.class)
        .hasMessageContaining(server.address())
        .hasMessageContaining("10000 bytes");

    client.send("small");
    assertThat(get(accepted.receive())).isEqualTo("small");
  }

  @Test
  void aMalformedFrameClosesOnlyThatConnection() throws Exception {
    Server server = server(serverOptions());
    Comm bystander = connect(server.address(), clientOptions());
    echo(server.next());

    try (RawClient raw = rawClient(server.address())) {
      raw.writeFrame(RawClient.authFrame(token.value()));
      Comm accepted = server.next();
      raw.writeFrame(new byte[] {'Z', 1, 2, 3});

      assertThat(raw.awaitClosed(WAIT)).isTrue();
      assertThat(raw.errorText()).contains("unknown frame type 'Z'");
      assertThatThrownBy(() -> get(accepted.receive()))
          .isInstanceOf(CommClosedException.class)
          .hasMessageContaining(accepted.peerAddress())
          .hasCauseInstanceOf(ProtocolException.class);
    }
    assertThat(serverSerializer.deserializeCalls).hasValue(0);
    bystander.send("unharmed");
    assertThat(get(bystander.receive())).isEqualTo("unharmed");
  }

  @Test
  void anUnregisteredClassFailsOnlyThatMessage() throws Exception {
    Server server = server(serverOptions());
    Serializer knowsMore =
        SerializerConfig.builder()
            .include(TestMessages.config())
            .register(Unregistered.class, 102)
            .build()
            .newSerializer();
    Comm client = connect(server.address(), options(token, knowsMore).build());
    Comm accepted = server.next();

    client.send(new Unregistered("payload"));
    client.send("next");

    assertThatThrownBy(() -> get(accepted.receive()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(accepted.peerAddress());
    assertThat(get(accepted.receive())).isEqualTo("next");

    Comm plain = connect(server.address(), clientOptions());
    assertThatThrownBy(() -> get(plain.send(new Unregistered("payload"))))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Unregistered.class.getName());
  }
}
