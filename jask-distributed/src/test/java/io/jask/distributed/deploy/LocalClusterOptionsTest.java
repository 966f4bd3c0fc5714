package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalClusterOptionsTest {
  @Test
  void defaultsFollowDask() {
    LocalClusterOptions threads = LocalCluster.options();
    assertThat(threads.resolvedWorkers(8)).isEqualTo(1);
    assertThat(threads.resolvedThreads(8)).isEqualTo(8);
    assertThat(threads.resolvedMemoryLimit(8, 16_000)).isEqualTo(16_000);
    assertThat(threads.resolvedSchedulerAddress()).isEqualTo("tcp://127.0.0.1:0");

    LocalClusterOptions processes = LocalCluster.options().processes(true);
    assertThat(processes.resolvedWorkers(2)).isEqualTo(2);
    assertThat(processes.resolvedThreads(2)).isEqualTo(1);
    assertThat(processes.resolvedWorkers(8)).isEqualTo(4);
    assertThat(processes.resolvedThreads(8)).isEqualTo(2);
    assertThat(processes.resolvedWorkers(16)).isEqualTo(4);
    assertThat(processes.resolvedWorkers(12)).isEqualTo(4);
    assertThat(processes.resolvedThreads(12)).isEqualTo(3);
    assertThat(processes.resolvedMemoryLimit(8, 16_000)).isEqualTo(4_000);
  }

  @Test
  void oneSettingDerivesTheOther() {
    assertThat(LocalCluster.options().threadsPerWorker(2).resolvedWorkers(8)).isEqualTo(4);
    assertThat(LocalCluster.options().nWorkers(3).resolvedThreads(8)).isEqualTo(2);
    assertThat(LocalCluster.options().nWorkers(16).resolvedThreads(8)).isEqualTo(1);
    assertThat(LocalCluster.options().nWorkers(0).resolvedMemoryLimit(8, 100)).isEqualTo(100);
  }

  @Test
  void addressesFromHostPortAndTls() {
    assertThat(LocalCluster.options().host("::1").port(8786).resolvedSchedulerAddress())
        .isEqualTo("tcp://[::1]:8786");
    assertThat(LocalCluster.options().schedulerAddress("tcp://127.0.0.1:9000").port(1).resolvedSchedulerAddress())
        .isEqualTo("tcp://127.0.0.1:9000");
    LocalClusterOptions tls = LocalCluster.options()
        .tls(java.nio.file.Path.of("c.pem"), java.nio.file.Path.of("k.pem"), java.nio.file.Path.of("ca.pem"));
    assertThat(tls.resolvedSchedulerAddress()).isEqualTo("tls://127.0.0.1:0");
  }

  @Test
  void badValuesFailFastNamingThem() {
    LocalClusterOptions o = LocalCluster.options();
    assertThatThrownBy(() -> o.nWorkers(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> o.threadsPerWorker(0)).hasMessageContaining("0");
    assertThatThrownBy(() -> o.memoryLimit("lots")).hasMessageContaining("lots");
    assertThatThrownBy(() -> o.memoryLimit("0GB")).hasMessageContaining("memoryLimit");
    assertThatThrownBy(() -> o.port(70_000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> o.schedulerAddress("carrier-pigeon://x")).hasMessageContaining("carrier-pigeon");
    assertThatThrownBy(() -> o.heartbeatTimeout(Duration.ofMillis(5))).hasMessageContaining("heartbeatTimeout");
    assertThatThrownBy(() -> o.startTimeout(Duration.ZERO)).hasMessageContaining("startTimeout");
  }

  @Test
  void memoryLimitsParseAsDaskDoes() {
    assertThat(LocalCluster.options().memoryLimit("2GB").resolvedMemoryLimit(1, 1)).isEqualTo(2_000_000_000L);
    assertThat(LocalCluster.options().memoryLimit("512MiB").resolvedMemoryLimit(1, 1)).isEqualTo(512L << 20);
  }
}
