package io.jask.distributed.comm;

import java.util.concurrent.CompletableFuture;

/**
 * One authenticated, ordered, bidirectional message stream to a peer: dask.distributed's {@code
 * Comm}. Made by {@link Transports#connect} on the dialling side and handed to the {@link
 * Transports#listen} handler on the listening side; both ends behave the same.
 *
 * <p>Messages arrive in the order they were sent from one thread. Whatever is sent arrives as an
 * equal object: an {@link Envelope} as an {@code Envelope}, anything else as itself.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Returned futures may complete on a transport
 * thread: stages chained on them must not block (use the {@code *Async} variants with an executor
 * for blocking work).
 *
 * <p><b>Flow control.</b> Received messages wait in the comm until {@link #receive()} takes them;
 * while more than a few tens of megabytes wait, the comm stops reading from the connection, so a
 * slow receiver slows its sender instead of filling its heap. A sender that wants to bound what it
 * has in flight waits on {@link #send}'s futures.
 */
public interface Comm extends AutoCloseable {
  /**
   * Sends {@code message}: serialises it on the calling thread, then queues it for writing.
   *
   * @param message an object the {@link Serializer} accepts, or an {@link Envelope}; not null
   * @return completes when the message has been handed to the operating system (or, for {@code
   *     inproc}, to the peer); fails with {@link CommClosedException} if the comm is or becomes
   *     closed first, with {@link SerializationException} if the message cannot be serialised, with
   *     {@link FrameTooLargeException} if a part exceeds {@link CommOptions#maxFrameSize()}; on a
   *     failure nothing of the message was sent
   */
  CompletableFuture<Void> send(Object message);

  /**
   * The next message.
   *
   * <p>Messages that arrived before the peer closed are still delivered; after them, and at once
   * after {@link #close()}, the future fails with {@link CommClosedException} (its cause says why
   * the comm closed). A message that could not be deserialised fails its future with {@link
   * SerializationException}; the comm stays open and the next call returns the next message.
   * Several outstanding calls are served in call order; cancelling one passes its message on to the
   * next.
   */
  CompletableFuture<Object> receive();

  /**
   * Closes the connection. Idempotent; pending and later {@link #receive()}s fail with {@link
   * CommClosedException}, messages not yet received are dropped.
   */
  @Override
  void close();

  /** Whether this comm is closed, by either side or by a failure. */
  boolean isClosed();

  /**
   * Completes (normally) as soon as the comm is closed, by either side or by a failure: the way to
   * learn promptly that a peer went away.
   */
  CompletableFuture<Void> closeFuture();

  /** This end's address, for example {@code tcp://127.0.0.1:53211}. */
  String localAddress();

  /** The other end's address; on the dialling side, the address that was dialled. */
  String peerAddress();
}
