package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.core.scheduler.Schedulers;
import io.jask.distributed.client.Client;
import io.jask.distributed.client.ClusterInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker counts array blocks by the memory they hold: blocks persisted beyond its memory target
 * spill to disk and are read back for the next computation.
 */
class ArraySpillTest {
  @TempDir Path dir;

  @Test
  void persistedBlocksBeyondTheTargetSpillAndAreReadBack() {
    Array x = Array.random(shape(2_000, 2_000), chunks(250, 250), 9); // 32 MB in 64 blocks of 0.5 MB
    double expected = x.sum().compute(Schedulers.sync()).getDouble();
    // 40 MB: above 60% (24 MB) results spill; pausing and restarting watch the whole JVM here, so off
    try (Client client = Client.local(c -> c.processes(false).nWorkers(1).threadsPerWorker(2).memoryLimit("40MB")
        .memoryPause(0).memoryTerminate(0).localDirectory(dir))) {
      Array persisted = x.persist(client);
      assertThat(persisted.sum().compute(client).getDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
      // the worker's figures reach the client with its heartbeats
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ClusterInfo.WorkerInfo w = client.clusterInfo().workers().get(0);
        assertThat(w.managedBytes()).as("the blocks in memory").isBetween(16_000_000L, 24_100_000L);
        assertThat(w.spilledBytes()).as("the blocks on disk").isGreaterThan(8_000_000L);
      });
    }
  }
}
