package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Key;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.protocol.Protocol;
import io.jask.distributed.scheduler.SchedulerConfig;
import io.jask.distributed.scheduler.SchedulerServer;
import io.jask.distributed.worker.MemoryThresholds;
import io.jask.distributed.worker.SameJvmWorkers;
import io.jask.distributed.worker.WorkerServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results held by workers running in this JVM reach the client as the objects the workers hold,
 * never serialised; results the shortcut cannot give come over the network as before.
 */
class SameJvmResultsTest {
  /** What each run of {@link #ramp} returned, by tag: the objects the workers keep. */
  static final Map<String, Object> MADE = new ConcurrentHashMap<>();

  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster(2, 2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** A task's result, remembered so that a test can tell the very object from a copy. */
  static double[] ramp(String tag, int n) {
    double[] values = expected(tag, n);
    MADE.put(tag, values);
    return values;
  }

  /** What {@link #ramp} returns, computed here. */
  static double[] expected(String tag, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i * 0.5 + tag.length();
    }
    return values;
  }

  static Object nothing(int ignored) {
    return null;
  }

  private static String tag() {
    return "ramp-" + UUID.randomUUID();
  }

  private static Object held(String worker, Key key) {
    return SameJvmWorkers.values(worker, cluster.token, List.of(key)).orElseThrow().get(key);
  }

  @Test
  void resultAndGatherHandOverTheObjectsTheWorkersHold() {
    String a = cluster.workers.get(0).address();
    String b = cluster.workers.get(1).address();
    try (Client client = cluster.connect()) {
      List<String> tags = new ArrayList<>();
      List<Future<double[]>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String tag = tag();
        tags.add(tag);
        futures.add(client.options().workers(List.of(i % 2 == 0 ? a : b)).submit(SameJvmResultsTest::ramp, tag, 10_000));
      }

      List<double[]> gathered = client.gather(futures);

      for (int i = 0; i < 4; i++) {
        Future<double[]> f = futures.get(i);
        String holder = i % 2 == 0 ? a : b;
        assertThat(client.whoHas(List.of(f)).get(f.key())).containsExactly(holder);
        assertThat(gathered.get(i)).containsExactly(expected(tags.get(i), 10_000))
            .isSameAs(MADE.get(tags.get(i)))
            .isSameAs(held(holder, f.key()));
        assertThat(f.result()).isSameAs(gathered.get(i));
      }
    }
  }

  @Test
  void theNetworkPathGivesEqualCopiesOfWhatTheShortcutHandsOver() {
    String tag = tag();
    try (Client client = cluster.connect(); Client overNetwork = cluster.connectOverNetwork()) {
      Future<double[]> f = client.submit(SameJvmResultsTest::ramp, tag, 5_000);
      double[] handed = f.result();

      double[] copied = overNetwork.<double[]>futureOf(f.key()).result();

      assertThat(handed).isSameAs(MADE.get(tag));
      assertThat(copied).isNotSameAs(handed).containsExactly(handed);
    }
  }

  @Test
  void computeOnTheClusterHandsOverTheObjectTheWorkerMade() {
    String tag = tag();
    try (Client client = cluster.connect()) {
      Delayed<double[]> d = Jask.delayed(SameJvmResultsTest::ramp, tag, 3_000);

      List<Object> out = client.get(d.graph(), List.of(d.key()));

      assertThat(out).hasSize(1);
      assertThat(out.get(0)).isSameAs(MADE.get(tag));
      assertThat((double[]) out.get(0)).containsExactly(expected(tag, 3_000));
    }
  }

  @Test
  void aNullResultIsHandedOverAsNull() {
    try (Client client = cluster.connect()) {
      Future<Object> f = client.submit(SameJvmResultsTest::nothing, 1);

      assertThat(f.result()).isNull();
      assertThat(client.gather(List.of(f, client.submit(Tasks::inc, 1)))).containsExactly(null, 2);
    }
  }

  @Test
  void aTaskThatThrowsRaisesTheSameErrorAsOverTheNetwork() {
    try (Client client = cluster.connect(); Client overNetwork = cluster.connectOverNetwork()) {
      Future<Integer> f = client.submit(Tasks::boom, 11);
      Future<Integer> g = overNetwork.submit(Tasks::boom, 11);

      assertThatThrownBy(f::result).isInstanceOfSatisfying(TaskFailedException.class, e -> {
        assertThat(e.key()).isEqualTo(f.key());
        assertThat(e.getMessage()).contains("java.lang.IllegalStateException", "boom 11");
        assertThat(e.getCause()).isInstanceOf(RemoteException.class).hasMessage("java.lang.IllegalStateException: boom 11");
      });
      assertThatThrownBy(g::result).isInstanceOf(TaskFailedException.class)
          .hasMessage(catchMessage(f)).cause().hasMessage("java.lang.IllegalStateException: boom 11");
      assertThatThrownBy(() -> client.gather(List.of(client.submit(Tasks::inc, 1), f)))
          .isInstanceOf(TaskFailedException.class).hasMessageContaining("boom 11");
    }
  }

  private static String catchMessage(Future<?> f) {
    try {
      f.result();
      throw new AssertionError("expected " + f.key() + " to fail");
    } catch (TaskFailedException e) {
      return e.getMessage();
    }
  }

  @Test
  void onlyAnOpenWorkerInThisJvmHandsOverAndOnlyWithItsToken() {
    String worker = cluster.workers.get(0).address();
    try (Client client = cluster.connect()) {
      Future<Integer> f = client.options().workers(List.of(worker)).submit(Tasks::inc, 41);
      assertThat(f.result()).isEqualTo(42);
      List<Key> keys = List.of(f.key(), Key.of("not-held"));

      assertThat(SameJvmWorkers.values(worker, cluster.token, keys)).hasValue(Map.of(f.key(), 42));
      assertThat(SameJvmWorkers.values(worker, AuthToken.generate(), keys)).isEmpty();
      assertThat(SameJvmWorkers.values(worker, AuthToken.of(cluster.token.value()), keys)).isPresent();
      assertThat(SameJvmWorkers.values("tcp://127.0.0.1:1", cluster.token, keys)).isEmpty();
      assertThat(SameJvmWorkers.values(cluster.address(), cluster.token, keys)).isEmpty(); // the scheduler
    }
  }

  @Test
  void aHolderClosedAfterSayingWhoHasItHandsNothingOverAndTheResultIsComputedAgain() {
    try (TestCluster own = new TestCluster(2, 1); Client client = own.connect()) {
      String tag = tag();
      Future<double[]> f = client.submit(SameJvmResultsTest::ramp, tag, 1_000);
      Object first = f.result();
      String holder = client.whoHas(List.of(f)).get(f.key()).get(0);
      WorkerServer victim = own.workers.stream().filter(w -> w.address().equals(holder)).findFirst().orElseThrow();

      victim.close();

      assertThat(SameJvmWorkers.values(holder, own.token, List.of(f.key()))).isEmpty();
      double[] again = f.result();
      assertThat(again).containsExactly(expected(tag, 1_000)).isNotSameAs(first).isSameAs(MADE.get(tag));
      assertThat(client.whoHas(List.of(f)).get(f.key())).containsExactly(
          own.workers.stream().filter(w -> w != victim).findFirst().orElseThrow().address());
    }
  }

  @Test
  void spilledResultsAreReadBackAndHandedOver(@TempDir Path dir) {
    var token = AuthToken.generate();
    var options = Protocol.commOptions(token, null);
    SchedulerServer scheduler = SchedulerServer.start("tcp://127.0.0.1:0", options,
        SchedulerConfig.defaults().withValidate(true), Duration.ofSeconds(10));
    // 2 MB of results in memory at most; each result takes 0.8 MB, so the earlier ones spill.
    WorkerServer worker = null;
    try {
      worker = WorkerServer.start(WorkerServer.options(scheduler.address(), options).nthreads(1)
          .memoryLimit(4_000_000).ownsProcess(false).localDirectory(dir)
          .memoryThresholds(new MemoryThresholds(0.5, 0, 0)));
      try (Client client = Client.connect(scheduler.address(), token.value())) {
        List<String> tags = new ArrayList<>();
        List<Future<double[]>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          tags.add(tag());
          futures.add(client.submit(SameJvmResultsTest::ramp, tags.get(i), 100_000));
        }
        client.wait(futures);
        assertThat(worker.storeStats().spilled()).isPositive();
        assertThat(worker.storeStats().unspills()).isZero();

        // Newest first: what is in memory is taken before reading back what spilled pushes it out.
        List<Future<double[]>> newestFirst = new ArrayList<>(futures);
        Collections.reverse(newestFirst);
        List<double[]> gathered = new ArrayList<>(client.gather(newestFirst));
        Collections.reverse(gathered);

        for (int i = 0; i < 4; i++) {
          assertThat(gathered.get(i)).containsExactly(expected(tags.get(i), 100_000));
        }
        assertThat(worker.storeStats().unspills()).isPositive(); // what had spilled was read back to hand over
        // What stayed in memory comes as the object the task made; what spilled, as the copy read back.
        long asMade = IntStream.range(0, 4).filter(i -> gathered.get(i) == MADE.get(tags.get(i))).count();
        assertThat(asMade).isBetween(1L, 3L);
      }
    } finally {
      if (worker != null) {
        worker.close();
      }
      scheduler.close();
    }
  }
}
