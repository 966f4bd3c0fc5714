package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.distributed.client.Client;
import io.jask.distributed.client.ClusterInfo;
import io.jask.distributed.client.ClusterRestartedException;
import io.jask.distributed.client.Future;
import io.jask.distributed.client.KilledWorkerException;
import io.jask.distributed.client.LostDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs that die, run out of memory, or are restarted, with their nannies: the answers stay
 * exact, and the cluster keeps serving.
 */
@Tag("slow")
class ResilienceProcessesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> FAST_START = List.of(LocalClusterProcessesTest.FAST_START);

  @TempDir Path dir;

  @AfterEach
  void noChildProcessIsLeft() {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty());
  }

  private LocalCluster cluster(int workers, String memory, java.util.function.Consumer<LocalClusterOptions> more) {
    return LocalCluster.start(c -> {
      c.processes(true).nWorkers(workers).threadsPerWorker(1).memoryLimit(memory).localDirectory(dir)
          .heartbeatTimeout(Duration.ofSeconds(15)).jvmOptions(FAST_START)
          // A shared build machine can take long to start JVMs; a fresh one starts them in a second.
          .startTimeout(Duration.ofMinutes(3));
      more.accept(c);
    });
  }

  private static void awaitWorkers(Client client, int n) {
    await().atMost(Duration.ofMinutes(3)).until(() -> client.clusterInfo().workers().size() == n);
  }

  @Test
  void sigkillingWorkersDuringATenThousandTaskComputationStillGivesTheExactAnswer() throws Exception {
    try (LocalCluster cluster = cluster(2, "384MB", c -> { });
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      // 10,000 squares, summed in 100 groups of 100, then in total.
      List<Delayed<Long>> groups = new ArrayList<>();
      for (int g = 0; g < 100; g++) {
        List<Delayed<Long>> squares = new ArrayList<>();
        for (int i = g * 100; i < (g + 1) * 100; i++) {
          squares.add(Jask.delayed(ResilienceTasks::square, i));
        }
        groups.add(Jask.delayed(ResilienceTasks::total, squares));
      }
      Delayed<Long> total = Jask.delayed(ResilienceTasks::total, groups);
      long expected = 0;
      for (long i = 0; i < 10_000; i++) {
        expected += i * i;
      }

      Random random = new Random(11);
      AtomicInteger kills = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      Thread killer = new Thread(() -> {
        try {
          for (int k = 0; k < 3 && !done.get(); k++) {
            Thread.sleep(600 + random.nextInt(300));
            List<Long> pids = new ArrayList<>(cluster.workerPids().values());
            if (pids.isEmpty()) {
              continue;
            }
            long victim = pids.get(random.nextInt(pids.size()));
            // SIGKILL: the worker JVM gets no chance to say goodbye.
            if (ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false)) {
              kills.incrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      killer.start();
      long result = total.compute();
      done.set(true);
      killer.join();
      assertThat(result).isEqualTo(expected);
      assertThat(kills.get()).as("workers SIGKILLed while the computation ran").isEqualTo(3);
      assertThat(cluster.workerRestarts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);

      // The nannies brought every worker back, and the cluster serves a second run exactly as well.
      awaitWorkers(client, 2);
      assertThat(total.compute()).isEqualTo(expected);
    }
  }

  @Test
  void aWorkingSetTwiceTheClusterMemorySpillsToDiskAndLeavesNoFileBehind() throws Exception {
    try (LocalCluster cluster = cluster(2, "384MB", c -> { });
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      long totalLimit = client.clusterInfo().totalMemory();
      int blocks = 96; // 96 x 16 MiB = 1.5 GiB, twice the two workers' 768 MB
      assertThat(blocks * (16L << 20)).isGreaterThanOrEqualTo(2 * totalLimit);
      List<Future<double[]>> held = client.map(ResilienceTasks::block, IntStream.range(0, blocks).boxed().toList());
      List<Future<Double>> sums = client.map(ResilienceTasks::sumOf, held);
      List<Double> got = client.gather(sums, TIMEOUT);
      await().atMost(TIMEOUT).until(() ->
          client.clusterInfo().workers().stream().mapToLong(ClusterInfo.WorkerInfo::spilledBytes).sum() > 0);
      // Every block is still held: read the first ones back (spilled long ago) through a client.
      double[] first = held.get(0).result(TIMEOUT);
      assertThat(first).isEqualTo(ResilienceTasks.block(0));
      for (int i = 0; i < blocks; i++) {
        assertThat(got.get(i)).isEqualTo(ResilienceTasks.sumOf(ResilienceTasks.block(i)));
      }
      assertThat(cluster.workerRestarts().values()).containsOnly(0);
      assertThat(cluster.logs().values()).noneMatch(log -> log.contains("OutOfMemoryError"));

      held.forEach(Future::release);
      sums.forEach(Future::release);
      // Files vanish while the directory is walked: a walk that trips over one is simply retried.
      await().atMost(TIMEOUT).ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
          .untilAsserted(() -> assertThat(spillFiles()).isEmpty());
      await().atMost(TIMEOUT).untilAsserted(() ->
          assertThat(client.clusterInfo().workers()).allSatisfy(w -> assertThat(w.spilledBytes()).isZero()));
    }
  }

  private List<Path> spillFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".spill")).toList();
    }
  }

  @Test
  void aPoisonTaskThatKillsEveryWorkerEndsAsKilledWorkerAndTheClusterKeepsServing() throws Exception {
    try (LocalCluster cluster = cluster(2, "256MB", c -> { });
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      Future<Integer> exits = client.submit(ResilienceTasks::exitTheJvm, 1);
      assertThatThrownBy(() -> exits.result(TIMEOUT))
          .isInstanceOf(KilledWorkerException.class)
          .hasMessageContaining(exits.key().toString())
          .hasMessageContaining("allowedFailures 3");
      Future<Integer> halts = client.submit(ResilienceTasks::haltTheJvm, 2);
      assertThatThrownBy(() -> halts.result(TIMEOUT)).isInstanceOf(KilledWorkerException.class);
      assertThat(client.story(halts.key())).anySatisfy(line -> assertThat(line).contains("suspicious 4"));

      awaitWorkers(client, 2);
      assertThat(client.submit(ResilienceTasks::inc, 41).result(TIMEOUT)).isEqualTo(42);
      assertThat(cluster.workerRestarts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
    }
  }

  @Test
  void aWorkerPausesAboveItsThresholdAndResumesWhenItsResultsAreFreed() throws Exception {
    try (LocalCluster cluster = cluster(1, "512MB", c -> c.memoryTarget(0).memoryPause(0.5));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      List<Future<byte[]>> ballast = new ArrayList<>();
      // 16 MiB at a time, never fetched here: the worker holds them, and its memory only grows by them.
      for (int i = 0; i < 20 && !status(client).equals("PAUSED"); i++) {
        Future<byte[]> f = client.submit(ResilienceTasks::ballast, 16, i);
        await().atMost(TIMEOUT).until(f::isDone);
        ballast.add(f);
        try {
          await().atMost(Duration.ofSeconds(2)).until(() -> status(client).equals("PAUSED"));
        } catch (org.awaitility.core.ConditionTimeoutException notYet) {
          // not above the threshold yet: hold more
        }
      }
      assertThat(status(client)).isEqualTo("PAUSED");
      Future<Integer> queued = client.submit(ResilienceTasks::inc, 1);
      Thread.sleep(1000);
      assertThat(queued.isDone()).as("a paused worker starts no new task").isFalse();

      ballast.forEach(Future::release);
      assertThat(queued.result(TIMEOUT)).isEqualTo(2);
      await().atMost(TIMEOUT).until(() -> status(client).equals("RUNNING"));
      assertThat(cluster.workerRestarts().values()).containsOnly(0);
      assertThat(cluster.logs().values()).noneMatch(log -> log.contains("OutOfMemoryError"));
    }
  }

  private static String status(Client client) {
    return client.clusterInfo().workers().get(0).status();
  }

  @Test
  void restartKillsEveryWorkerErrsTheOldFuturesAndServesNewWork() throws Exception {
    try (LocalCluster cluster = cluster(2, "256MB", c -> { });
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      Future<Integer> done = client.submit(ResilienceTasks::inc, 1);
      assertThat(done.result(TIMEOUT)).isEqualTo(2);
      Future<Long> running = client.submit(ResilienceTasks::sleepLong, 60);
      Map<String, Long> before = cluster.workerPids();

      client.restart();

      assertThat(client.clusterInfo().workers()).hasSize(2);
      assertThat(cluster.workerPids().values()).hasSize(2).doesNotContainAnyElementsOf(before.values());
      assertThatThrownBy(() -> running.result(TIMEOUT)).isInstanceOf(ClusterRestartedException.class)
          .hasMessageContaining("restarted");
      assertThatThrownBy(() -> done.result(TIMEOUT)).isInstanceOf(ClusterRestartedException.class);
      // The same key again is new work for the restarted cluster.
      assertThat(client.submit(ResilienceTasks::inc, 1).result(TIMEOUT)).isEqualTo(2);
    }
  }

  @Test
  void scatteredDataLostWithItsWorkerIsAClearErrorNamingTheKey() throws Exception {
    try (LocalCluster cluster = cluster(1, "256MB", c -> { });
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      Future<String> scattered = client.scatter("only here");
      assertThat(scattered.result(TIMEOUT)).isEqualTo("only here");
      long pid = cluster.workerPids().values().iterator().next();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      Future<String> upper = client.submit(ResilienceTasks::upper, scattered);
      assertThatThrownBy(() -> upper.result(TIMEOUT)).isInstanceOf(LostDataException.class)
          .hasMessageContaining(scattered.key().toString());
      awaitWorkers(client, 1);
      assertThat(client.submit(ResilienceTasks::inc, 1).result(TIMEOUT)).isEqualTo(2);
    }
  }
}
