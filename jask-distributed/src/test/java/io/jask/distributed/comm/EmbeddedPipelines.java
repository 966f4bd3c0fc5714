package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Comm pipelines on Netty's in-memory {@link EmbeddedChannel}: codec tests without sockets. */
final class EmbeddedPipelines {
  static final CommAddress DIALLED = CommAddress.parse("tcp://127.0.0.1:9");

  private EmbeddedPipelines() {}

  /** A listener-side pipeline, waiting for the auth frame. */
  static EmbeddedChannel accepted(CommOptions options, Consumer<ChannelComm> onAccepted) {
    EmbeddedChannel channel = new EmbeddedChannel();
    CommPipeline.initAccepted(channel, Scheme.TCP, options, onAccepted);
    return channel;
  }

  /** A dialling pipeline; it has sent its auth frame already. */
  static EmbeddedChannel dialled(CommOptions options, CompletableFuture<Comm> promise) {
    EmbeddedChannel channel = new EmbeddedChannel();
    CommPipeline.initDialled(channel, DIALLED, options, promise);
    return channel;
  }

  /** Moves bytes between two channels, both ways, until neither has any left to send. */
  static void pump(EmbeddedChannel a, EmbeddedChannel b) {
    boolean moved;
    do {
      moved = move(a, b) | move(b, a);
    } while (moved);
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
      moved = true;
      if (to.isOpen()) {
        to.writeInbound(out);
      } else {
        ((ByteBuf) out).release();
      }
    }
    from.runPendingTasks();
    return moved;
  }

  /** Everything {@code channel} has written, as one array. */
  static byte[] outboundBytes(EmbeddedChannel channel) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      ByteBuf buf = (ByteBuf) out;
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      buf.release();
      all.writeBytes(bytes);
    }
    return all.toByteArray();
  }

  /** The frames {@code channel} has written, length prefixes stripped. */
  static List<byte[]> outboundFrames(EmbeddedChannel channel) {
    ByteBuffer in = ByteBuffer.wrap(outboundBytes(channel));
    List<byte[]> frames = new ArrayList<>();
    while (in.remaining() >= 4) {
      byte[] frame = new byte[in.getInt()];
      in.get(frame);
      frames.add(frame);
    }
    return frames;
  }

  /** {@code payloads} as length-prefixed frames in one buffer. */
  static ByteBuf frames(byte[]... payloads) {
    return Unpooled.wrappedBuffer(RawClient.framed(payloads));
  }
}
