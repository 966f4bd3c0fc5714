package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.TaskFailedException;
import io.jask.distributed.deploy.LocalCluster;
import io.jask.distributed.worker.SameJvmWorkers;
import io.jask.distributed.worker.WorkerServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster with a worker JVM and a worker in this JVM: results from the worker JVM come over the
 * network as before, those from the worker here as the objects it holds.
 */
@Tag("slow")
class SameJvmResultsProcessesTest {
  @TempDir Path dir;

  @AfterEach
  void noWorkerJvmIsLeft() {
    await().atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty());
  }

  static long pid(int ignored) {
    return ProcessHandle.current().pid();
  }

  @Test
  void resultsFromAWorkerJvmComeOverTheNetworkAndThoseFromThisJvmAsTheyAre() {
    try (WorkerJvmAndOneHere workers = WorkerJvmAndOneHere.start(dir)) {
      Client client = workers.client;
      LocalCluster cluster = workers.cluster;
      String remote = workers.remote;
      WorkerServer here = workers.here;
      String remoteTag = "remote-" + UUID.randomUUID();
      String hereTag = "here-" + UUID.randomUUID();
      Future<double[]> fromRemote = client.options().workers(List.of(remote)).submit(SameJvmResultsTest::ramp, remoteTag, 20_000);
      Future<double[]> fromHere = client.options().workers(List.of(here.address())).submit(SameJvmResultsTest::ramp, hereTag, 20_000);
      Future<Long> remotePid = client.options().workers(List.of(remote)).submit(SameJvmResultsProcessesTest::pid, 1);

      List<double[]> both = client.gather(List.of(fromRemote, fromHere));

      assertThat(remotePid.result()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(SameJvmWorkers.values(remote, cluster.commOptions().token(), List.of(fromRemote.key()))).isEmpty();
      assertThat(both.get(0)).containsExactly(SameJvmResultsTest.expected(remoteTag, 20_000));
      assertThat(SameJvmResultsTest.MADE).doesNotContainKey(remoteTag); // made in the worker JVM
      assertThat(both.get(1)).containsExactly(SameJvmResultsTest.expected(hereTag, 20_000))
          .isSameAs(SameJvmResultsTest.MADE.get(hereTag));
      assertThat(fromRemote.result()).containsExactly(both.get(0)).isNotSameAs(both.get(0));

      Future<Integer> failed = client.options().workers(List.of(remote)).submit(Tasks::boom, 3);
      assertThatThrownBy(failed::result).isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("boom 3").cause().isInstanceOf(RemoteException.class);
    }
  }
}
