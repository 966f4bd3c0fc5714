package io.jask.distributed.comm;

/**
 * A bound server endpoint: accepts connections, authenticates them, and hands each as a {@link
 * Comm} to the handler given to {@link Transports#listen}. dask.distributed's {@code Listener}.
 */
public interface Listener extends AutoCloseable {
  /**
   * The address peers dial, with the port actually bound: {@code tcp://127.0.0.1:41873} for {@code
   * tcp://:0}, or the generated name for {@code inproc://}.
   */
  String address();

  /** Whether {@link #close()} has been called. */
  boolean isClosed();

  /**
   * Stops accepting and frees the port (or name) before returning. Idempotent. Comms accepted
   * earlier stay open: each is closed by its own {@link Comm#close()}.
   */
  @Override
  void close();
}
