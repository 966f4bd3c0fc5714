/**
 * Transport: authenticated, length-prefixed message streams between scheduler, workers and clients,
 * chosen by address scheme ({@code tcp://}, {@code tls://}, {@code inproc://}), in the shape of
 * dask.distributed's {@code comm} package.
 *
 * <h2>Use</h2>
 *
 * <p>{@link io.jask.distributed.comm.Transports#listen Transports.listen} binds a {@link
 * io.jask.distributed.comm.Listener} and hands each authenticated connection to a handler as a
 * {@link io.jask.distributed.comm.Comm}; {@link io.jask.distributed.comm.Transports#connect
 * Transports.connect} (or a {@link io.jask.distributed.comm.Connector}) dials one. A comm sends any
 * object its {@link io.jask.distributed.comm.Serializer} accepts, or an {@link
 * io.jask.distributed.comm.Envelope} whose raw buffers travel beside the serialised header. {@link
 * io.jask.distributed.comm.CommOptions} carries the shared {@link
 * io.jask.distributed.comm.AuthToken}, the serializer, the {@link
 * io.jask.distributed.comm.TlsConfig} and the limits. Hosts default to loopback: {@code tcp://:0}
 * listens on {@code 127.0.0.1}, on a free port.
 *
 * <h2>Security</h2>
 *
 * <p>A connection is untrusted until its first frame has presented the token. Until then its
 * pipeline holds no stage that deserialises, so nothing it sends can reach the serializer; its
 * frames may be at most 4 KiB; and it is closed if it has not authenticated within the handshake
 * timeout. {@code tls://} adds mutual certificate authentication underneath (both sides present a
 * certificate signed by the configured CA), and the token is still required inside it.
 *
 * <h2>Pipeline</h2>
 *
 * <p>Every scheme runs the same Netty pipeline; only the channel differs (NIO socket, or Netty's
 * local channel for {@code inproc}). Inbound data flows down, outbound up:
 *
 * <pre>
 *            socket / local channel
 *                     |  ^
 *     +---------------v--+-------------+
 *     | tls        SslHandler          |  tls:// only: mutual certificate check
 *     +---------------+--^-------------+
 *     | frames     FrameDecoder        |  4-byte length prefix; limit 4 KiB, then maxFrameSize
 *     | prepender  LengthFieldPrepender|  (outbound) adds the length prefix
 *     | encoder    MessageFrameEncoder |  (outbound) message -> header frame + raw frames
 *     +---------------+--^-------------+
 *     | handshake  ServerHandshake /   |  first frame must be auth: magic, version, token;
 *     |            ClientHandshake     |  answers auth-ok or error, then removes itself
 *     +- - - - - - - -|- - - - - - - - +  ------- only after authentication: -------
 *     | assembler  MessageAssembler    |  header frame + N raw frames -> RawMessage
 *     | decoder    MessageDecoder      |  header bytes -> object   (the only Serializer call)
 *     | comm       ChannelComm handler |  -> InboundQueue -> Comm.receive()
 *     +--------------------------------+
 *                              Comm.send(): serialise on the caller's thread, write one
 *                              OutboundMessage so concurrent senders never interleave frames
 * </pre>
 *
 * <p>The wire format (frame types, the auth frame, error codes) is described in {@code Frames}. Raw
 * buffers are never serialised: they are wrapped on the way out and copied once, into heap buffers
 * the receiver owns, on the way in.
 *
 * <h2>Errors</h2>
 *
 * <p>Everything thrown is a {@link io.jask.distributed.comm.CommException} (or a {@link
 * io.jask.distributed.comm.SerializationException}), both {@link io.jask.core.JaskException}s, and
 * names the peer's address. A malformed or oversized frame closes that one connection, after an
 * error frame telling the peer why; the listener and other connections carry on.
 *
 * <h2>Threads</h2>
 *
 * <p>One event loop group per kind (sockets, inproc) is shared by the whole process, made on first
 * use, of daemon threads, and shut down when its last comm or listener closes. A single-threaded
 * shell can instead own a {@link io.jask.distributed.comm.CommLoop}: one thread of its own, on
 * which its listener, the connections it accepts or dials, its state machine and its timers all
 * run, so that a message is decoded, handled and answered there without a hand-off.
 */
package io.jask.distributed.comm;
