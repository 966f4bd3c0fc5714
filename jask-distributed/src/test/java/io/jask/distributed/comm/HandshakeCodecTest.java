package io.jask.distributed.comm;

import static io.jask.distributed.comm.EmbeddedPipelines.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.comm.TestMessages.Ping;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handshake, both sides, in memory. */
class HandshakeCodecTest {
  private final AuthToken token = AuthToken.of("the-right-token");
  private final CountingSerializer serializer = TestMessages.countingSerializer();
  private final CommOptions options =
      CommOptions.builder(token)
          .serializer(serializer)
          .handshakeTimeout(Duration.ofSeconds(2))
          .build();
  private final List<ChannelComm> accepted = new ArrayList<>();
  private final byte[] serialisedPing =
      TestMessages.config().newSerializer().serialize(new Ping(1, "x"));

  private static byte[] auth(int magic, int version, String token) {
    return RawClient.bytes(
        Unpooled.buffer()
            .writeByte(Frames.AUTH)
            .writeInt(magic)
            .writeShort(version)
            .writeBytes(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static String errorText(byte[] frame) {
    assertThat(frame[0]).as("frame type").isEqualTo(Frames.ERROR);
    return new String(frame, 2, frame.length - 2, StandardCharsets.UTF_8);
  }

  @Test
  void theRightTokenIsAnsweredWithAuthOkAndMakesAComm() throws Exception {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);
    assertThat(channel.pipeline().names()).doesNotContain(CommPipeline.DECODER);

    channel.writeInbound(frames(RawClient.authFrame(token.value())));

    List<byte[]> answer = EmbeddedPipelines.outboundFrames(channel);
    assertThat(answer).hasSize(1);
    assertThat(answer.get(0)[0]).isEqualTo(Frames.AUTH_OK);
    assertThat(accepted).hasSize(1);
    assertThat(channel.pipeline().names())
        .doesNotContain(CommPipeline.HANDSHAKE)
        .contains(CommPipeline.ASSEMBLER, CommPipeline.DECODER, CommPipeline.COMM);
    assertThat(accepted.get(0).peerAddress()).startsWith("tcp://");
  }

  @Test
  void messagesRightBehindTheAuthFrameArriveInOrder() throws Exception {
    Serializer writer = TestMessages.config().newSerializer();
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);

    byte[] big = new byte[6000]; // over the 4 KiB limit before authentication, under it after
    big[5999] = 42;

    channel.writeInbound(
        frames(
            RawClient.authFrame(token.value()),
            RawClient.messageFrame(writer.serialize("a")),
            RawClient.envelopeFrame(writer.serialize("b"), 1),
            big,
            RawClient.messageFrame(writer.serialize("c"))));

    ChannelComm comm = accepted.get(0);
    assertThat(comm.receive()).isCompletedWithValue("a");
    assertThat(comm.receive()).isCompletedWithValue(Envelope.ofArrays("b", big));
    assertThat(comm.receive()).isCompletedWithValue("c");
  }

  @Test
  void aWrongTokenIsRefusedWithoutEchoingItAndWhatFollowsIsNeverRead() {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);

    channel.writeInbound(
        frames(RawClient.authFrame("a-guess"), RawClient.messageFrame(serialisedPing)));

    List<byte[]> answer = EmbeddedPipelines.outboundFrames(channel);
    assertThat(answer).hasSize(1);
    assertThat(answer.get(0)[1]).isEqualTo(WireError.AUTH_FAILED.code());
    assertThat(errorText(answer.get(0))).isEqualTo("authentication failed");
    assertThat(channel.isOpen()).isFalse();
    assertThat(accepted).isEmpty();
    assertThat(serializer.deserializeCalls).hasValue(0);
  }

  @Test
  void aSerialisedObjectAsTheFirstFrameIsRefusedUnread() {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);

    channel.writeInbound(frames(RawClient.messageFrame(serialisedPing)));

    assertThat(errorText(EmbeddedPipelines.outboundFrames(channel).get(0)))
        .isEqualTo("authentication failed");
    assertThat(channel.isOpen()).isFalse();
    assertThat(serializer.deserializeCalls).hasValue(0);
  }

  @Test
  void aStrangerWithoutTheMagicIsRefused() {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);
    channel.writeInbound(frames(auth(0x48545450, Frames.VERSION, token.value())));
    assertThat(errorText(EmbeddedPipelines.outboundFrames(channel).get(0)))
        .isEqualTo("authentication failed");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anotherProtocolVersionIsToldWhichVersionThisSideSpeaks() {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);
    channel.writeInbound(frames(auth(Frames.MAGIC, 99, token.value())));
    byte[] answer = EmbeddedPipelines.outboundFrames(channel).get(0);
    assertThat(answer[1]).isEqualTo(WireError.PROTOCOL.code());
    assertThat(errorText(answer)).isEqualTo("unsupported protocol version 99; this side speaks 1");
  }

  @Test
  void aFirstFrameOverFourKilobytesIsRefusedBeforeItsBodyArrives() {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);

    channel.writeInbound(Unpooled.buffer().writeInt(1 << 20)); // the length only

    byte[] answer = EmbeddedPipelines.outboundFrames(channel).get(0);
    assertThat(answer[1]).isEqualTo(WireError.FRAME_TOO_LARGE.code());
    assertThat(errorText(answer)).contains("1048576 bytes").contains("limit of 4096 bytes");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aSilentConnectionIsClosedAtTheHandshakeTimeout() {
    EmbeddedChannel channel = EmbeddedPipelines.accepted(options, accepted::add);
    channel.advanceTimeBy(1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();

    channel.advanceTimeBy(1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertThat(errorText(EmbeddedPipelines.outboundFrames(channel).get(0)))
        .isEqualTo("handshake not completed within 2000 ms");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void theClientSendsItsTokenAndCompletesOnAuthOk() throws Exception {
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    EmbeddedChannel channel = EmbeddedPipelines.dialled(options, promise);

    List<byte[]> sent = EmbeddedPipelines.outboundFrames(channel);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).isEqualTo(RawClient.authFrame(token.value()));
    assertThat(promise).isNotDone();

    channel.writeInbound(frames(RawClient.bytes(Frames.authOk(ByteBufAllocator.DEFAULT))));

    Comm comm = promise.get();
    assertThat(comm.peerAddress()).isEqualTo(EmbeddedPipelines.DIALLED.toString());
    assertThat(channel.pipeline().names()).doesNotContain(CommPipeline.HANDSHAKE);
  }

  @Test
  void theClientTurnsARefusalIntoAnAuthenticationExceptionNamingTheAddress() {
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    EmbeddedChannel channel = EmbeddedPipelines.dialled(options, promise);

    channel.writeInbound(
        frames(
            RawClient.bytes(
                Frames.error(
                    ByteBufAllocator.DEFAULT, WireError.AUTH_FAILED, "authentication failed"))));

    assertThatThrownBy(promise::join)
        .hasCauseInstanceOf(AuthenticationException.class)
        .hasMessageContaining("tcp://127.0.0.1:9 closed the connection: authentication failed");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void theClientRefusesAnAnswerInAnotherVersion() {
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    EmbeddedChannel channel = EmbeddedPipelines.dialled(options, promise);
    byte[] okV2 =
        RawClient.bytes(
            Unpooled.buffer().writeByte(Frames.AUTH_OK).writeInt(Frames.MAGIC).writeShort(2));

    channel.writeInbound(frames(okV2));

    assertThatThrownBy(promise::join)
        .hasCauseInstanceOf(ProtocolException.class)
        .hasMessageContaining("unsupported protocol version 2");
  }

  @Test
  void theClientGivesUpAtTheHandshakeTimeout() {
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    EmbeddedChannel channel = EmbeddedPipelines.dialled(options, promise);

    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertThatThrownBy(promise::join)
        .hasCauseInstanceOf(ConnectFailedException.class)
        .hasMessageContaining("handshake with tcp://127.0.0.1:9 not completed within 2000 ms");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void bothSidesTogetherMakeTwoConnectedComms() throws Exception {
    CompletableFuture<Comm> promise = new CompletableFuture<>();
    EmbeddedChannel client = EmbeddedPipelines.dialled(options, promise);
    EmbeddedChannel server = EmbeddedPipelines.accepted(options, accepted::add);

    EmbeddedPipelines.pump(client, server);

    Comm dialled = promise.get();
    ChannelComm listening = accepted.get(0);
    CompletableFuture<Object> atServer = listening.receive();
    dialled.send(new Ping(7, "seven"));
    EmbeddedPipelines.pump(client, server);
    assertThat(atServer).isCompletedWithValue(new Ping(7, "seven"));

    CompletableFuture<Object> atClient = dialled.receive();
    listening.send("back");
    EmbeddedPipelines.pump(client, server);
    assertThat(atClient).isCompletedWithValue("back");
  }
}
