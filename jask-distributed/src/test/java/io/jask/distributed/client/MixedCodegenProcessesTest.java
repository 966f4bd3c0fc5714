package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.comm.ForyCodegen;
import io.jask.distributed.worker.WorkerServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes that differ in {@link ForyCodegen} work together: a worker JVM that generates its
 * serialisers exchanges messages, task definitions and results with a scheduler, a client and a
 * worker in this JVM that do not.
 */
@Tag("slow")
class MixedCodegenProcessesTest {
  @TempDir Path dir;

  /** A value of several shapes, to cross the wire as a task's argument and its result. */
  record Reading(String station, double[] values, List<Integer> flags, Map<String, Long> counts) {}

  static Reading doubled(Reading r) {
    double[] v = r.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] *= 2;
    }
    return new Reading(r.station() + "*2", v, List.of(r.flags().size()), Map.of("n", (long) v.length));
  }

  static boolean codegenHere(int ignored) {
    return ForyCodegen.enabled();
  }

  @AfterEach
  void noWorkerJvmIsLeft() {
    await().atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty());
  }

  @Test
  void aWorkerJvmThatGeneratesSerialisersWorksWithProcessesThatDoNot() {
    assertThat(ForyCodegen.enabled()).as("off by default").isFalse();
    try (WorkerJvmAndOneHere workers = WorkerJvmAndOneHere.start(dir, "-D" + ForyCodegen.PROPERTY + "=true")) {
      Client client = workers.client;
      String remote = workers.remote;
      WorkerServer here = workers.here;
      Reading in = new Reading("kew", new double[] {1.5, -2, 3}, List.of(7, 8), Map.of("a", 1L));

      Future<Boolean> remoteCodegen = client.options().workers(List.of(remote)).submit(MixedCodegenProcessesTest::codegenHere, 1);
      Future<Reading> once = client.options().workers(List.of(remote)).submit(MixedCodegenProcessesTest::doubled, in);
      // made on the worker JVM, fetched by the worker here for the next task
      Future<Reading> twice = client.options().workers(List.of(here.address())).submit(MixedCodegenProcessesTest::doubled, once);

      assertThat(remoteCodegen.result()).isTrue();
      assertThat(once.result().values()).containsExactly(3, -4, 6);
      Reading r = twice.result();
      assertThat(r.station()).isEqualTo("kew*2*2");
      assertThat(r.values()).containsExactly(6, -8, 12);
      assertThat(r.flags()).containsExactly(1);
      assertThat(r.counts()).containsEntry("n", 3L);
    }
  }
}
