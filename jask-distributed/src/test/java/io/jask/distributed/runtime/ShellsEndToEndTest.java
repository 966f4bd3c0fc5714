package io.jask.distributed.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Transports;
import io.jask.distributed.protocol.Messages;
import io.jask.distributed.protocol.Payloads;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.SchedulerMessage;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.scheduler.TaskSpec;
import io.jask.distributed.worker.DataClient;
import io.jask.distributed.worker.WorkerServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduler and worker shells over real TCP, driven by a bare-bones client. */
class ShellsEndToEndTest {
  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  @Test
  void incIncAddOnTwoWorkers() throws Exception {
    CommOptions options = Protocol.commOptions(AuthToken.generate(), null);
    try (SchedulerServer scheduler = SchedulerServer.start("tcp://127.0.0.1:0", options,
            SchedulerConfig.defaults().withValidate(true), Duration.ofSeconds(10));
        WorkerServer w1 = WorkerServer.start(WorkerServer.options(scheduler.address(), options).nthreads(2));
        WorkerServer w2 = WorkerServer.start(WorkerServer.options(scheduler.address(), options).nthreads(2));
        Comm client = Transports.connect(scheduler.address(), options)) {
      client.send(new Messages.Hello(Messages.Role.CLIENT, "client-1"));
      assertThat(client.receive().get(10, TimeUnit.SECONDS)).isInstanceOf(Messages.Welcome.class);

      Delayed<Integer> x = Jask.delayed(ShellsEndToEndTest::inc, 1);
      Delayed<Integer> y = Jask.delayed(ShellsEndToEndTest::inc, 2);
      Delayed<Integer> z = Jask.delayed(ShellsEndToEndTest::add, x, y);
      Graph graph = z.graph();
      List<TaskSpec> specs = new ArrayList<>();
      long order = 0;
      for (Task t : graph) {
        specs.add(new TaskSpec(t.key(), List.of(t.dependencies()), Payloads.encode(t), 0, order++, 0, Set.of(), Map.of()));
      }
      client.send(new SchedulerEvent.GraphSubmitted("client-1", specs, List.of(z.key()), "submit-1"));
      Object done = client.receive().get(20, TimeUnit.SECONDS);
      assertThat(done).isInstanceOf(SchedulerMessage.KeyInMemory.class);
      assertThat(((SchedulerMessage.KeyInMemory) done).key()).isEqualTo(z.key());

      try (Comm rpc = Transports.connect(scheduler.address(), options)) {
        rpc.send(new Messages.Hello(Messages.Role.RPC, "client-1"));
        rpc.receive().get(10, TimeUnit.SECONDS);
        rpc.send(new Messages.WhoHasRequest(List.of(z.key())));
        Messages.WhoHasReply who = (Messages.WhoHasReply) rpc.receive().get(10, TimeUnit.SECONDS);
        String holder = who.whoHas().get(z.key()).get(0);
        try (Comm data = DataClient.connect(holder, options, "client-1")) {
          Map<Key, Object> values = DataClient.getData(data, List.of(z.key()));
          assertThat(values).containsEntry(z.key(), 5);
        }
      }
    }
  }
}
