package io.jask.cli;

import io.jask.core.Delayed;
import io.jask.core.JaskException;
import io.jask.core.graph.Task;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Payloads;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerMessage;
import io.jask.distributed.scheduler.TaskSpec;
import io.jask.distributed.worker.DataClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of a client to check that a scheduler and worker started by the CLI compute: submit
 * one graph, wait for its key, fetch it from the worker that holds it.
 */
final class BareClient {
  private BareClient() {}

  @SuppressWarnings("unchecked")
  static <T> T compute(String address, CommOptions options, Delayed<T> value, Duration timeout) throws Exception {
    String id = "cli-test-client";
    try (Comm stream = Transports.connect(address, options)) {
      stream.send(new Messages.Hello(Messages.Role.CLIENT, id));
      stream.receive().get(10, TimeUnit.SECONDS);
      List<TaskSpec> specs = new ArrayList<>();
      long order = 0;
      for (Task t : value.graph()) {
        specs.add(new TaskSpec(t.key(), List.of(t.dependencies()), Payloads.encode(t), 0, order++, 0, Set.of(), Map.of()));
      }
      stream.send(new SchedulerEvent.GraphSubmitted(id, specs, List.of(value.key()), "submit-1"));
      Object done = stream.receive().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!(done instanceof SchedulerMessage.KeyInMemory)) {
        throw new JaskException("the graph did not finish: " + done);
      }
      try (Comm rpc = Transports.connect(address, options)) {
        rpc.send(new Messages.Hello(Messages.Role.RPC, id));
        rpc.receive().get(10, TimeUnit.SECONDS);
        rpc.send(new Messages.WhoHasRequest(List.of(value.key())));
        Messages.WhoHasReply who = (Messages.WhoHasReply) rpc.receive().get(10, TimeUnit.SECONDS);
        try (Comm data = DataClient.connect(who.whoHas().get(value.key()).get(0), options, id)) {
          return (T) DataClient.getData(data, List.of(value.key())).get(value.key());
        }
      }
    }
  }

  /** The workers registered with the scheduler at {@code address}. */
  static List<Messages.WorkerInfo> workers(String address, CommOptions options) throws Exception {
    try (Comm rpc = Transports.connect(address, options)) {
      rpc.send(new Messages.Hello(Messages.Role.RPC, "cli-test-rpc"));
      rpc.receive().get(10, TimeUnit.SECONDS);
      rpc.send(new Messages.IdentityRequest());
      return ((Messages.ClusterIdentity) rpc.receive().get(10, TimeUnit.SECONDS)).workers();
    }
  }
}
