package io.jask.distributed.comm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.LengthFieldPrepender;
import java.nio.charset.StandardCharsets;

/**
 * The wire format. Every frame is a 4-byte big-endian length, then that many bytes. A frame that
 * starts a message begins with a type byte:
 *
 * <pre>
 *  auth     'A' | magic "JASK" | version u16 | token bytes (rest)    client -> listener, first
 *  auth ok  'K' | magic "JASK" | version u16                         listener -> client
 *  error    'E' | code u8 | UTF-8 text (rest)                        either side, then it closes
 *  message  'M' | flags u8 | buffer count u32 | serialised header (rest)
 *  raw      payload bytes, no type byte; exactly count of them follow a message frame
 * </pre>
 *
 * <p>Flag bit 0 of a message says the header was sent inside an {@link Envelope}, so the receiver
 * rebuilds one. Nothing but these frames is ever on the wire.
 */
final class Frames {
  /** Bytes in the length prefix. */
  static final int LENGTH_BYTES = 4;

  /**
   * Largest frame accepted before a connection has authenticated: an auth frame with the longest
   * token fits. An unauthenticated peer cannot make us buffer more than this.
   */
  static final int PRE_AUTH_MAX_FRAME = 4096;

  /** Most raw buffers one message may carry; a larger count is taken as a malformed frame. */
  static final int MAX_BUFFERS = 1 << 16;

  static final byte AUTH = 'A';
  static final byte AUTH_OK = 'K';
  static final byte ERROR = 'E';
  static final byte MESSAGE = 'M';

  static final byte FLAG_ENVELOPE = 1;

  /** "JASK": tells Jask traffic from a stray client before the version is looked at. */
  static final int MAGIC = 0x4A41534B;

  /** The protocol version this code speaks; both sides must speak the same. */
  static final int VERSION = 1;

  /** Bytes of a message frame before the serialised header. */
  static final int MESSAGE_PREFIX = 1 + 1 + 4;

  private Frames() {}

  /** Writes the length in front of every outgoing frame. */
  static LengthFieldPrepender prepender() {
    return new LengthFieldPrepender(LENGTH_BYTES);
  }

  static ByteBuf auth(ByteBufAllocator alloc, byte[] token) {
    ByteBuf frame = alloc.buffer(1 + 4 + 2 + token.length);
    return frame.writeByte(AUTH).writeInt(MAGIC).writeShort(VERSION).writeBytes(token);
  }

  static ByteBuf authOk(ByteBufAllocator alloc) {
    return alloc.buffer(1 + 4 + 2).writeByte(AUTH_OK).writeInt(MAGIC).writeShort(VERSION);
  }

  static ByteBuf error(ByteBufAllocator alloc, WireError code, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return alloc.buffer(2 + utf8.length).writeByte(ERROR).writeByte(code.code()).writeBytes(utf8);
  }

  /** The prefix of a message frame, alone in a new buffer. */
  static ByteBuf messagePrefix(ByteBufAllocator alloc, boolean envelope, int bufferCount) {
    return writeMessagePrefix(alloc.buffer(MESSAGE_PREFIX), envelope, bufferCount);
  }

  /** Writes the prefix of a message frame; the serialised header follows it in the same frame. */
  static ByteBuf writeMessagePrefix(ByteBuf frame, boolean envelope, int bufferCount) {
    return frame
        .writeByte(MESSAGE)
        .writeByte(envelope ? FLAG_ENVELOPE : 0)
        .writeInt(bufferCount);
  }

  /**
   * Reads an error frame's code and text, after its type byte.
   *
   * @param frame positioned after the type byte
   */
  static PeerError readError(ByteBuf frame) {
    WireError code = frame.isReadable() ? WireError.of(frame.readByte()) : WireError.INTERNAL;
    return new PeerError(code, frame.toString(StandardCharsets.UTF_8));
  }

  /** Reads the magic that follows an auth or auth-ok type byte; whether it is Jask's. */
  static boolean readMagic(ByteBuf frame) {
    return frame.readableBytes() >= 4 && frame.readInt() == MAGIC;
  }

  /**
   * Reads the protocol version that follows the magic.
   *
   * @return null if it is this side's, else why not (safe to show the peer)
   */
  static String readVersion(ByteBuf frame) {
    if (frame.readableBytes() < 2) {
      return "truncated handshake frame";
    }
    int version = frame.readUnsignedShort();
    return version == VERSION
        ? null
        : "unsupported protocol version " + version + "; this side speaks " + VERSION;
  }

  /** Names a type byte for messages: {@code 'M' (0x4d)}. */
  static String describeType(byte type) {
    String hex = String.format("0x%02x", type & 0xff);
    return type >= 0x20 && type < 0x7f ? "'" + (char) type + "' (" + hex + ")" : hex;
  }

  /** An error frame received from the peer. */
  record PeerError(WireError code, String text) {}
}
