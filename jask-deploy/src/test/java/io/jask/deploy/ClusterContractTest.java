package io.jask.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.deploy.Cluster;
import io.jask.distributed.deploy.WorkerChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every kind of cluster promises, written once and run for each launcher: start, scale up,
 * compute, lose a worker and still compute, scale down, close leaving nothing behind.
 */
@Tag("slow")
abstract class ClusterContractTest {
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** Starts a cluster with one worker of one thread. */
  abstract Cluster start();

  /** Kills one worker's process the launcher's way, from outside the cluster. */
  abstract void killOneWorker(Cluster cluster) throws Exception;

  /** Checks that the closed cluster left no process, job or file behind. */
  abstract void assertNothingLeft(Cluster cluster) throws Exception;

  @Test
  void startScaleComputeLoseAWorkerScaleDownAndClose() throws Exception {
    Cluster cluster = start();
    try {
      await().atMost(TIMEOUT).until(() -> cluster.workers().size() == 1);
      cluster.scale(2);
      await().atMost(TIMEOUT).until(() -> cluster.workers().size() == 2);
      assertThat(cluster.requestedWorkers()).isEqualTo(2);

      try (Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
        assertThat(sumOfSquares(client, 60)).isEqualTo(Tasks.sumOfSquares(60));

        List<WorkerChange> changes = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = cluster.onWorkersChanged(changes::add)) {
          killOneWorker(cluster);
          await().atMost(TIMEOUT).until(() -> changes.stream().anyMatch(c -> !c.joined()));
        }
        // Work still gets done, on whatever workers the cluster has now.
        assertThat(sumOfSquares(client, 40)).isEqualTo(Tasks.sumOfSquares(40));

        cluster.scale(1);
        await().atMost(TIMEOUT).until(() -> cluster.workers().size() == 1);
        assertThat(sumOfSquares(client, 20)).isEqualTo(Tasks.sumOfSquares(20));
        assertThat(cluster.logs()).isNotNull();
      }
    } finally {
      cluster.close();
    }
    assertThat(cluster.workers()).isEmpty();
    assertNothingLeft(cluster);
    cluster.close(); // idempotent
  }

  static long sumOfSquares(Client client, int n) throws Exception {
    List<Future<Long>> squares = client.map(Tasks::square, IntStream.range(0, n).boxed().toList());
    long sum = client.gather(squares, TIMEOUT).stream().mapToLong(Long::longValue).sum();
    squares.forEach(Future::release);
    return sum;
  }
}
