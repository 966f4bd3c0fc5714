package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Graceful retirement and restart on a cluster of in-process workers, each under its nanny. */
class RetireWorkersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void aRetiredWorkersResultsAreCopiedToAnotherBeforeItLeaves() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(1).memoryLimit("256MB"));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      List<Future<Integer>> futures = client.map(ResilienceTasks::inc, IntStream.range(0, 40).boxed().toList());
      client.gather(futures, TIMEOUT);
      List<Key> keys = new ArrayList<>();
      futures.forEach(f -> keys.add(f.key()));
      Map<Key, List<String>> before = client.whoHasKeys(keys);
      List<String> workers = cluster.workers();
      String leaving = workers.get(0);
      String staying = workers.get(1);
      long onLeaving = before.values().stream().filter(h -> h.contains(leaving)).count();
      assertThat(onLeaving).as("results on the worker to retire").isPositive();

      cluster.retireWorkers(List.of(leaving));

      assertThat(cluster.workers()).containsExactly(staying);
      assertThat(client.whoHasKeys(keys).values()).allSatisfy(h -> assertThat(h).containsExactly(staying));
      for (Future<Integer> f : futures) {
        if (before.get(f.key()).contains(leaving)) {
          List<String> story = client.story(f.key());
          assertThat(story).anySatisfy(line -> assertThat(line).contains("replica added on " + staying));
          // computed once, never again: copied, not recomputed
          assertThat(story.stream().filter(line -> line.contains("-> processing"))).hasSize(1);
        }
      }
      assertThat(client.gather(futures, TIMEOUT)).isEqualTo(IntStream.range(1, 41).boxed().toList());
      assertThat(cluster.workerRestarts()).containsEntry("worker-0", 0);
    }
  }

  @Test
  void restartOnInProcessWorkersServesNewWorkAfterwards() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(1).memoryLimit("256MB"));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      Future<Integer> old = client.submit(ResilienceTasks::inc, 1);
      assertThat(old.result(TIMEOUT)).isEqualTo(2);
      List<String> before = cluster.workers();
      client.restart();
      assertThat(cluster.workers()).hasSize(2).doesNotContainAnyElementsOf(before);
      assertThat(old.exception()).isInstanceOf(io.jask.distributed.client.ClusterRestartedException.class);
      assertThat(client.submit(ResilienceTasks::inc, 1).result(TIMEOUT)).isEqualTo(2);
      assertThat(cluster.workerRestarts().values()).containsOnly(1);
    }
  }
}
