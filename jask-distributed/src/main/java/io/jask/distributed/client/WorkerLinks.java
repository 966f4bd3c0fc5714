package io.jask.distributed.client;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommException;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Envelope;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Payloads;
import io.jask.distributed.worker.DataClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client's data connections to workers, one per worker, opened on first use and kept: results
 * travel from the worker that holds them straight to the client, and scattered data straight to
 * the workers, never through the scheduler.
 */
final class WorkerLinks implements AutoCloseable {
  private static final long PUT_TIMEOUT_SECONDS = 300;

  private final CommOptions options;
  private final String clientId;
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  private volatile boolean closed;

  WorkerLinks(CommOptions options, String clientId) {
    this.options = options;
    this.clientId = clientId;
  }

  /**
   * The values of {@code keys} held by the worker at {@code address}; keys it does not hold are
   * absent. A broken connection is opened again once.
   *
   * @throws JaskException naming the key and the worker if a value cannot be decoded here, or the
   *     worker cannot be reached
   */
  Map<Key, Object> get(String address, List<Key> keys) {
    return withLink(address, comm -> DataClient.getData(comm, keys));
  }

  /**
   * Puts values on the worker at {@code address}, as a client's scatter; the worker keeps them
   * under {@code keys}.
   *
   * @param encoded the values, each already encoded, in the order of {@code keys}
   * @throws JaskException if the worker refuses or cannot be reached
   */
  void put(String address, List<Key> keys, List<String> typeNames, List<byte[]> encoded) {
    withLink(address, comm -> {
      List<ByteBuffer> buffers = new ArrayList<>(encoded.size());
      encoded.forEach(bytes -> buffers.add(ByteBuffer.wrap(bytes)));
      comm.send(new Envelope(new Messages.PutData(keys, typeNames), buffers));
      Object answer = comm.receive().get(PUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!(answer instanceof Messages.Ack)) {
        throw new JaskException("worker " + address + " did not take the scattered data "
            + keys + ": " + (answer instanceof Messages.Failed f ? f.message() : String.valueOf(answer)));
      }
      return null;
    });
  }

  /** Encodes a value for {@link #put}, naming its key if it cannot be. */
  static byte[] encode(Key key, Object value) {
    try {
      return Payloads.encode(value);
    } catch (JaskException e) {
      throw new JaskException("cannot scatter '" + key + "': " + e.getMessage(), e);
    }
  }

  private interface Request<T> {
    T on(Comm comm) throws Exception;
  }

  private <T> T withLink(String address, Request<T> request) {
    for (int attempt = 0; ; attempt++) {
      if (closed) {
        throw new ClientClosedException("the client is closed");
      }
      Link link = links.computeIfAbsent(address, Link::new);
      try {
        return link.run(request);
      } catch (CommException | ExecutionException | TimeoutException e) {
        links.remove(address, link);
        link.close();
        if (attempt > 0 || !(e instanceof CommException || e.getCause() instanceof CommException)) {
          throw new WorkerUnreachableException(address, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        links.remove(address, link);
        link.close(); // a reply may still come: the connection is out of step
        throw new io.jask.core.ComputationInterruptedException("interrupted while talking to worker " + address, e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new JaskException("talking to worker " + address + " failed: " + e, e);
      }
    }
  }

  /** A worker could not be reached, or its connection broke twice in a row. */
  static final class WorkerUnreachableException extends JaskException {
    private static final long serialVersionUID = 1L;

    WorkerUnreachableException(String address, Throwable cause) {
      super("talking to worker " + address + " failed: " + cause, cause);
    }
  }

  /** One connection; its requests take turns, as a data comm answers one request at a time. */
  private final class Link implements AutoCloseable {
    private final String address;
    /** Written under the lock; read without it by close, which must not wait for a request. */
    private volatile Comm comm;

    Link(String address) {
      this.address = address;
    }

    synchronized <T> T run(Request<T> request) throws Exception {
      if (comm == null || comm.isClosed()) {
        comm = DataClient.connect(address, options, clientId);
      }
      return request.on(comm);
    }

    @Override
    public void close() {
      Comm open = comm;
      if (open != null) {
        open.close();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    links.values().forEach(Link::close);
    links.clear();
  }
}
