package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.client.Client;
import org.junit.jupiter.api.Test;

/** {@link RuntimeWarmUp} on a real in-process cluster: its bursts run, are checked, and keep the cluster usable. */
class RuntimeWarmUpTest {
  @Test
  void runsTheBurstsAskedForAndLeavesTheClusterServing() {
    try (Client client = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(2).dashboard(false))) {
      assertThat(RuntimeWarmUp.warm(client, 2, 2)).isEqualTo(2);
      assertThat(Workloads.incTree(10).compute(client)).isEqualTo(Workloads.incTreeExpected(10));
      assertThat(client.submit(Workloads::inc, 41L).result()).isEqualTo(42L);
    }
  }
}
