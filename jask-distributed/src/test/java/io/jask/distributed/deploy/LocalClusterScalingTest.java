package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.protocol.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A local cluster retires workers through its scheduler, and adapts to its load. */
class LocalClusterScalingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final AtomicInteger finished = new AtomicInteger();

  static int slowSquare(int x) throws InterruptedException {
    Thread.sleep(200);
    return x * x;
  }

  static int sleepThenCount(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return finished.incrementAndGet();
  }

  @Test
  void retiringABusyWorkerMovesItsTaskToAnotherWorker() throws Exception {
    finished.set(0);
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(2).threadsPerWorker(1));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      Future<Integer> running = client.submit(LocalClusterScalingTest::sleepThenCount, 1000);
      SchedulerControl scheduler = SchedulerControl.of(schedulerOf(cluster));
      await().atMost(TIMEOUT).until(() -> busyWorker(cluster, scheduler) != null);
      String busy = busyWorker(cluster, scheduler);

      List<Messages.WorkerInfo> retired = scheduler.retireWorkers(List.of(busy), 0, Duration.ofSeconds(30));

      assertThat(retired).extracting(Messages.WorkerInfo::address).containsExactly(busy);
      assertThat(cluster.workers()).doesNotContain(busy).hasSize(1);
      // The task runs again on the worker that stays, and its result arrives.
      assertThat(running.result(TIMEOUT)).isPositive();
    }
  }

  @Test
  void retiringNamesOnlyTheWorkersTheSchedulerKnows() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(1).threadsPerWorker(1))) {
      SchedulerControl scheduler = SchedulerControl.of(schedulerOf(cluster));
      assertThat(scheduler.retireWorkers(List.of("tcp://127.0.0.1:1"), 0, Duration.ofSeconds(5))).isEmpty();
      assertThat(cluster.workers()).hasSize(1);
    }
  }

  @Test
  void scalingDownRetiresIdleWorkersAndLeavesBusyOnesAlone() throws Exception {
    finished.set(0);
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(3).threadsPerWorker(1));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      Future<Integer> running = client.submit(LocalClusterScalingTest::sleepThenCount, 1500);
      SchedulerControl scheduler = SchedulerControl.of(schedulerOf(cluster));
      await().atMost(TIMEOUT).until(() -> busyWorker(cluster, scheduler) != null);
      String busy = busyWorker(cluster, scheduler);

      cluster.scale(1);

      assertThat(cluster.workers()).containsExactly(busy);
      assertThat(finished.get()).as("the busy worker was not touched").isZero();
      assertThat(running.result(TIMEOUT)).isEqualTo(1);
      assertThat(finished.get()).isEqualTo(1);
    }
  }

  @Test
  void adaptiveScalingFollowsTheLoadUpToTheMaximumAndBackToTheMinimum() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(0).threadsPerWorker(1));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      List<WorkerChange> changes = new CopyOnWriteArrayList<>();
      cluster.onWorkersChanged(changes::add);
      Adaptive adaptive = cluster.adapt(Adaptive.Options.between(0, 3)
          .interval(Duration.ofMillis(100)).targetDuration(Duration.ofMillis(500)).waitCount(2));

      List<Integer> inputs = IntStream.range(0, 40).boxed().toList();
      List<Future<Integer>> squares = client.map(LocalClusterScalingTest::slowSquare, inputs);
      await().atMost(TIMEOUT).until(() -> cluster.workers().size() == 3);
      List<Integer> results = client.gather(squares, TIMEOUT);
      List<Integer> expected = new ArrayList<>();
      for (int x : inputs) {
        expected.add(x * x);
      }
      assertThat(results).isEqualTo(expected);
      assertThat(cluster.requestedWorkers()).isLessThanOrEqualTo(3);

      squares.forEach(Future::release);
      await().atMost(TIMEOUT).until(() -> cluster.workers().isEmpty());
      await().atMost(TIMEOUT).until(() -> changes.stream().filter(c -> !c.joined()).count() >= 3);
      assertThat(changes.stream().filter(WorkerChange::joined).count()).isGreaterThanOrEqualTo(3);
      assertThat(adaptive.isRunning()).isTrue();
      adaptive.stop();
      assertThat(adaptive.isRunning()).isFalse();
    }
  }

  @Test
  void aRetiredWorkersResultsMoveToAnotherWorkerInsteadOfBeingRecomputed() throws Exception {
    finished.set(0);
    try (LocalCluster cluster = LocalCluster.start(c -> c.processes(true).nWorkers(2).threadsPerWorker(1)
            .memoryLimit("256MiB"));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      List<Future<Long>> pids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        pids.add(client.submit(LocalClusterScalingTest::pidAfter, i));
      }
      List<Long> before = client.gather(pids, TIMEOUT);
      assertThat(new java.util.HashSet<>(before)).as("both workers ran tasks").hasSize(2);

      cluster.scale(1);

      // Had a result been lost, recomputing it would report the surviving worker's pid.
      assertThat(client.gather(pids, TIMEOUT)).isEqualTo(before);
    }
  }

  static long pidAfter(int i) throws InterruptedException {
    Thread.sleep(150);
    return ProcessHandle.current().pid();
  }

  @Test
  void adaptRejectsBoundsThatMakeNoSense() {
    assertThatThrownBy(() -> Adaptive.Options.between(3, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum (2) is below minimum (3)");
    assertThatThrownBy(() -> Adaptive.Options.between(-1, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minimum");
  }

  private static String busyWorker(LocalCluster cluster, SchedulerControl scheduler) {
    List<String> close = scheduler.adaptiveTarget(Duration.ofHours(1)).workersToClose();
    List<String> all = cluster.workers();
    return all.stream().filter(w -> !close.contains(w)).findFirst().orElse(null);
  }

  private static io.jask.distributed.scheduler.SchedulerServer schedulerOf(LocalCluster cluster) {
    return cluster.schedulerServer();
  }
}
