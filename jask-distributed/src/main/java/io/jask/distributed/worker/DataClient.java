package io.jask.distributed.worker;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Envelope;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Payloads;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fetching side of the data plane: how a worker or a client gets results from a worker,
 * directly, over an authenticated RPC comm.
 */
public final class DataClient {
  private static final long TIMEOUT_SECONDS = 300;

  private DataClient() {}

  /**
   * Opens an RPC comm to the worker at {@code address}.
   *
   * @throws JaskException naming the address if it cannot be reached or refuses
   */
  public static Comm connect(String address, CommOptions options, String who) {
    Comm comm = Transports.connect(address, options);
    try {
      comm.send(new Messages.Hello(Messages.Role.RPC, who));
      Object answer = comm.receive().get(30, TimeUnit.SECONDS);
      if (!(answer instanceof Messages.Welcome)) {
        throw new JaskException("worker " + address + " refused a data connection: " + answer);
      }
      return comm;
    } catch (Exception e) {
      comm.close();
      throw e instanceof JaskException je ? je : new JaskException("could not open a data connection to " + address + ": " + e, e);
    }
  }

  /**
   * Fetches the values of {@code keys}; keys the worker does not hold are absent from the result.
   * Calls on one comm must not overlap.
   */
  public static Map<Key, Object> getData(Comm comm, List<Key> keys) throws Exception {
    comm.send(new Messages.GetData(keys));
    Object answer = comm.receive().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!(answer instanceof Envelope envelope) || !(envelope.header() instanceof Messages.DataReply reply)) {
      throw new JaskException("worker " + comm.peerAddress() + " answered GetData with " + answer);
    }
    if (envelope.buffers().size() != reply.keys().size()) {
      throw new JaskException("worker " + comm.peerAddress() + " sent " + envelope.buffers().size()
          + " values for " + reply.keys().size() + " keys");
    }
    Map<Key, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < reply.keys().size(); i++) {
      ByteBuffer buffer = envelope.buffers().get(i);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      Key key = reply.keys().get(i);
      values.put(key, Payloads.decode(bytes, "the result of '" + key + "' from " + comm.peerAddress()));
    }
    return values;
  }
}
