package io.jask.distributed.deploy;

import io.jask.core.Delayed;
import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Batches;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Payloads;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerMessage;
import io.jask.distributed.scheduler.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of a client to run a graph on a cluster and fetch its result, so these tests do not
 * depend on the real client: submit, wait for the key, ask who has it, fetch it from that worker.
 */
final class BareClient implements AutoCloseable {
  private final String address;
  private final CommOptions options;
  private final String id = "test-client-" + UUID.randomUUID();
  private final Comm stream;
  private long submissions;
  /** Messages of a batch not yet looked at. */
  private final java.util.ArrayDeque<Object> inbox = new java.util.ArrayDeque<>();

  private BareClient(String address, CommOptions options) {
    this.address = address;
    this.options = options;
    this.stream = Transports.connect(address, options);
    stream.send(new Messages.Hello(Messages.Role.CLIENT, id));
    Object answer = await(stream, Duration.ofSeconds(10));
    if (!(answer instanceof Messages.Welcome)) {
      throw new JaskException("the scheduler did not welcome the client: " + answer);
    }
  }

  static BareClient connect(String address, CommOptions options) {
    return new BareClient(address, options);
  }

  static BareClient connect(Cluster cluster) {
    return connect(cluster.schedulerAddress(), cluster.commOptions());
  }

  /** Runs {@code value}'s graph on the cluster and returns its result. */
  @SuppressWarnings("unchecked")
  <T> T compute(Delayed<T> value, Duration timeout) throws Exception {
    List<TaskSpec> specs = new ArrayList<>();
    long order = 0;
    for (Task t : value.graph()) {
      specs.add(new TaskSpec(t.key(), List.of(t.dependencies()), Payloads.encode(t), 0, order++, 0, Set.of(), Map.of()));
    }
    stream.send(new SchedulerEvent.GraphSubmitted(id, specs, List.of(value.key()), "submit-" + ++submissions));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (inbox.isEmpty()) {
        Batches.forEach(await(stream, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))), inbox::add);
      }
      Object message = inbox.poll();
      if (message instanceof SchedulerMessage.KeyInMemory m && m.key().equals(value.key())) {
        return (T) fetch(value.key());
      }
      if (message instanceof SchedulerMessage.KeyErred e && e.key().equals(value.key())) {
        throw new JaskException("task failed: " + e.error());
      }
    }
  }

  private Object fetch(Key key) throws Exception {
    try (Comm rpc = Transports.connect(address, options)) {
      rpc.send(new Messages.Hello(Messages.Role.RPC, id));
      await(rpc, Duration.ofSeconds(10));
      rpc.send(new Messages.WhoHasRequest(List.of(key)));
      Messages.WhoHasReply who = (Messages.WhoHasReply) await(rpc, Duration.ofSeconds(10));
      String holder = who.whoHas().get(key).get(0);
      try (Comm data = io.jask.distributed.worker.DataClient.connect(holder, options, id)) {
        return io.jask.distributed.worker.DataClient.getData(data, List.of(key)).get(key);
      }
    }
  }

  private static Object await(Comm comm, Duration timeout) {
    try {
      return comm.receive().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new JaskException("no answer from the scheduler: " + e, e);
    }
  }

  @Override
  public void close() {
    stream.close();
  }
}
