package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.comm.TestMessages.Ping;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing of messages after the handshake, in memory: a connected pair of pipelines. */
class MessageCodecTest {
  private final AuthToken token = AuthToken.generate();
  private final CountingSerializer serializer = TestMessages.countingSerializer();
  private final List<ChannelComm> accepted = new ArrayList<>();
  private EmbeddedChannel client;
  private EmbeddedChannel server;
  private Comm dialled;
  private ChannelComm listening;

  @BeforeEach
  void connect() throws Exception {
    CommOptions options =
        CommOptions.builder(token).serializer(serializer).maxFrameSize(8192).build();
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    client = EmbeddedPipelines.dialled(options, promise);
    server = EmbeddedPipelines.accepted(options, accepted::add);
    EmbeddedPipelines.pump(client, server);
    dialled = promise.get();
    listening = accepted.get(0);
  }

  @Test
  void anEnvelopeIsAHeaderFrameThenOneRawFramePerBuffer() {
    ByteBuffer first = ByteBuffer.wrap(new byte[] {1, 2, 3});
    ByteBuffer second = ByteBuffer.allocate(0);
    dialled.send(Envelope.of(new Ping(1, "h"), first, second));

    List<byte[]> frames = EmbeddedPipelines.outboundFrames(client);

    assertThat(frames).hasSize(3);
    ByteBuffer header = ByteBuffer.wrap(frames.get(0));
    assertThat(header.get()).isEqualTo(Frames.MESSAGE);
    assertThat(header.get()).isEqualTo(Frames.FLAG_ENVELOPE);
    assertThat(header.getInt()).isEqualTo(2);
    assertThat(frames.get(1)).containsExactly(1, 2, 3);
    assertThat(frames.get(2)).isEmpty();
    assertThat(first.position()).as("the caller's buffer is not moved").isZero();
  }

  @Test
  void envelopesAndPlainMessagesArriveAsSent() {
    Envelope envelope = Envelope.ofArrays(new Ping(2, "env"), new byte[] {9, 8}, new byte[] {7});
    dialled.send(envelope);
    dialled.send("plain");
    EmbeddedPipelines.pump(client, server);

    Object received = listening.receive().join();
    assertThat(received).isEqualTo(envelope);
    assertThat(((Envelope) received).buffers().get(0).isDirect()).isFalse();
    assertThat(listening.receive()).isCompletedWithValue("plain");
  }

  @Test
  void aMessageSplitIntoSingleBytesIsReassembled() {
    dialled.send(Envelope.ofArrays("split", new byte[] {4, 5, 6}));
    byte[] bytes = EmbeddedPipelines.outboundBytes(client);
    CompletableFuture<Object> received = listening.receive();

    for (byte b : bytes) {
      assertThat(received).isNotDone();
      server.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    assertThat(received).isCompletedWithValue(Envelope.ofArrays("split", new byte[] {4, 5, 6}));
  }

  @Test
  void aFrameOverTheLimitClosesTheCommAndTellsThePeer() {
    CompletableFuture<Object> atServer = listening.receive();
    server.writeInbound(Unpooled.buffer().writeInt(100_000));

    assertThatThrownBy(atServer::join)
        .cause()
        .isInstanceOf(CommClosedException.class)
        .hasCauseInstanceOf(FrameTooLargeException.class)
        .hasMessageContaining("frame of 100000 bytes from tcp://")
        .hasMessageContaining("limit of 8192 bytes");
    assertThat(server.isOpen()).isFalse();

    EmbeddedPipelines.pump(server, client);
    assertThatThrownBy(() -> dialled.receive().join())
        .cause()
        .isInstanceOf(CommClosedException.class)
        .hasCauseInstanceOf(FrameTooLargeException.class)
        .hasMessageContaining("tcp://127.0.0.1:9 closed the connection: frame of 100000 bytes");
  }

  static List<byte[]> malformedFrames() {
    return List.of(
        new byte[0],
        new byte[] {'Z'},
        new byte[] {Frames.MESSAGE, 0},
        new byte[] {Frames.MESSAGE, 0x40, 0, 0, 0, 0},
        new byte[] {Frames.MESSAGE, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        new byte[] {Frames.MESSAGE, Frames.FLAG_ENVELOPE, 0, 2, 0, 1},
        new byte[] {Frames.MESSAGE, 0, 0, 0, 0, 1},
        RawClient.authFrame("again"));
  }

  @ParameterizedTest
  @MethodSource("malformedFrames")
  void aMalformedFrameClosesTheCommWithAProtocolException(byte[] frame) {
    CompletableFuture<Object> atServer = listening.receive();

    server.writeInbound(EmbeddedPipelines.frames(frame));

    assertThatThrownBy(atServer::join)
        .cause()
        .isInstanceOf(CommClosedException.class)
        .hasCauseInstanceOf(ProtocolException.class)
        .hasMessageContaining("malformed frame from tcp://");
    assertThat(server.isOpen()).isFalse();
    byte[] answer = EmbeddedPipelines.outboundFrames(server).get(0);
    assertThat(answer[0]).isEqualTo(Frames.ERROR);
    assertThat(answer[1]).isEqualTo(WireError.PROTOCOL.code());
  }

  @Test
  void aMessageThatCannotBeDeserialisedFailsAloneAndTheCommGoesOn() {
    Serializer other =
        SerializerConfig.builder()
            .register(TestMessages.Unregistered.class, 555)
            .build()
            .newSerializer();
    server.writeInbound(
        EmbeddedPipelines.frames(
            RawClient.messageFrame(other.serialize(new TestMessages.Unregistered("?"))),
            RawClient.messageFrame(other.serialize("fine"))));

    assertThatThrownBy(() -> listening.receive().join())
        .cause()
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("message from tcp://");
    assertThat(listening.receive()).isCompletedWithValue("fine");
    assertThat(listening.isClosed()).isFalse();
  }
}
