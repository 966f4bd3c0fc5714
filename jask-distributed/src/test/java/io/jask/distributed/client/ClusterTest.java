package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import io.jask.distributed.scheduler.StoryEntry;
import io.jask.distributed.scheduler.TaskStatus;
import io.jask.distributed.worker.WorkerServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client and the cluster together: Delayed on the cluster, scatter, where data lives, tasks
 * that submit tasks, and the cluster forgetting what nobody holds any more.
 */
class ClusterTest {
  private static TestCluster cluster;
  private Client client;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster(2, 2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void connect() {
    client = cluster.connect();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private WorkerServer worker(int i) {
    return cluster.workers.get(i);
  }

  /** Whether the scheduler has forgotten the key: its story ends with the task forgotten. */
  private static boolean forgotten(Key key) {
    List<StoryEntry> story = cluster.scheduler.story(key);
    return !story.isEmpty() && story.get(story.size() - 1).to() == TaskStatus.FORGOTTEN;
  }

  @Test
  void delayedComputeRunsOnTheClustersWorkersWhileTheClientIsOpen() {
    Delayed<Integer> x = Jask.delayed(Tasks::inc, 1);
    Delayed<Integer> y = Jask.delayed(Tasks::inc, 2);
    Delayed<Integer> z = Jask.delayed(Tasks::add, x, y);

    assertThat(Schedulers.current()).isSameAs(client);
    assertThat(z.compute()).isEqualTo(5);
    assertThat(Jask.delayed(Tasks::threadName, z).compute()).startsWith("jask-worker-");

    client.close();
    assertThat(Schedulers.current()).isNotSameAs(client);
    assertThat(Jask.delayed(Tasks::threadName, 1).compute()).doesNotStartWith("jask-worker-");
  }

  @Test
  void aDelayedTaskThatThrowsFailsComputeWithTheTaskAndItsRemoteCause() {
    Delayed<Integer> bad = Jask.delayed(Tasks::boom, 3);
    Delayed<Integer> after = Jask.delayed(Tasks::inc, bad);

    org.assertj.core.api.Assertions.assertThatThrownBy(after::compute)
        .isInstanceOfSatisfying(io.jask.core.TaskFailedException.class, e -> {
          assertThat(e.key()).isEqualTo(bad.key());
          assertThat(e.getCause()).isInstanceOf(RemoteException.class).hasMessageContaining("boom 3");
        });
  }

  @Test
  void computeReleasesWhatItComputed() {
    Delayed<Integer> z = Jask.delayed(Tasks::inc, 123);

    assertThat(z.compute()).isEqualTo(124);

    await().atMost(Duration.ofSeconds(10)).until(() -> forgotten(z.key()));
  }

  @Test
  void scatteredDataIsUsedBySubmittedTasks() {
    Future<List<Integer>> data = client.scatter(List.of(1, 2, 3));
    assertThat(data.result()).containsExactly(1, 2, 3);
    assertThat(client.whoHas(List.of(data)).get(data.key())).hasSize(1);

    Future<Integer> total = client.submit(Tasks::sum, data);
    assertThat(total.result()).isEqualTo(6);

    // The same value scattered again is the same key.
    assertThat(client.scatter(List.of(1, 2, 3)).key()).isEqualTo(data.key());
  }

  @Test
  void scatterAllSpreadsValuesOverTheWorkersAndBroadcastPutsThemOnEvery() {
    List<Future<Integer>> spread = client.scatterAll(List.of(100, 200));
    Map<Key, List<String>> where = client.whoHas(spread);
    assertThat(where.values()).allSatisfy(holders -> assertThat(holders).hasSize(1));
    assertThat(where.values().stream().flatMap(List::stream))
        .containsExactlyInAnyOrder(worker(0).address(), worker(1).address());
    assertThat(client.gather(spread)).containsExactly(100, 200);

    Future<Integer> everywhere = client.scatter(300, true);
    assertThat(everywhere.result()).isEqualTo(300);
    assertThat(client.whoHas(List.of(everywhere)).get(everywhere.key()))
        .containsExactlyInAnyOrder(worker(0).address(), worker(1).address());
    Future<Integer> onB = client.options().workers(Set.of(worker(1).address())).submit(Tasks::add, everywhere, 1);
    assertThat(onB.result()).isEqualTo(301);
  }

  @Test
  void aResultMadeOnOneWorkerIsFetchedByTheTaskOnAnotherDirectly() {
    WorkerServer a = worker(0);
    WorkerServer b = worker(1);
    Future<Integer> onA = client.options().workers(Set.of(a.address())).submit(Tasks::inc, 41);
    Future<String> onB = client.options().workers(Set.of(b.address())).submit(Tasks::threadName, onA);

    assertThat(onB.result()).startsWith("jask-" + b.name() + "-task-");
    assertThat(client.whoHas(List.of(onA)).get(onA.key())).contains(a.address());
    assertThat(client.whoHas(List.of(onB)).get(onB.key())).containsExactly(b.address());
  }

  static int fanOut(int n) {
    Client inside = Client.fromWorker();
    List<Future<Integer>> parts = inside.map(Tasks::inc, IntStream.range(0, n).boxed().toList());
    return inside.gather(parts).stream().mapToInt(Integer::intValue).sum();
  }

  @Test
  void aTaskCanSubmitTasksThroughItsWorkersClient() {
    Future<Integer> f = client.submit(ClusterTest::fanOut, 3);

    assertThat(f.result()).isEqualTo(1 + 2 + 3);
    assertThat(Schedulers.current()).isSameAs(client); // the worker's client did not take over
  }

  @Test
  void releasingEveryFutureOfAKeyMakesTheClusterForgetIt() {
    Future<Integer> first = client.submit(Tasks::inc, 1_001);
    Future<Integer> second = client.submit(Tasks::inc, 1_001);
    first.result();

    first.release();
    assertThat(first.isReleased()).isTrue();
    assertThat(second.result()).isEqualTo(1_002); // the other future still holds it
    assertThat(client.whoHas(List.of(second)).get(second.key())).isNotEmpty();

    second.release();
    await().atMost(Duration.ofSeconds(10)).until(() -> forgotten(second.key()));
    assertThat(client.whoHasKeys(List.of(second.key())).get(second.key())).isEmpty();
  }

  /** Submits, waits, and drops the future: only the key escapes. */
  private Key submitAndDrop(int x) {
    Future<Integer> f = client.submit(Tasks::inc, x);
    f.result();
    return f.key();
  }

  @Test
  void aCollectedFutureIsReleasedToo() {
    Key key = submitAndDrop(2_002);

    await().atMost(Duration.ofSeconds(20)).until(() -> {
      System.gc();
      return forgotten(key);
    });
  }

  @Test
  void closingTheClientReleasesItsFutures() {
    Future<Integer> f = client.submit(Tasks::inc, 3_003);
    f.result();

    client.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> forgotten(f.key()));
    assertThat(f.isReleased()).isTrue();
  }

  @Test
  void fireAndForgetKeepsComputingAfterTheClientLetsGo() throws Exception {
    String gate = Tasks.newGate();
    String signal = Tasks.newSignal();
    try {
      // The side effect waits for an input that is still running when the client closes, so it has
      // not started: only fire-and-forget keeps it wanted.
      Future<Integer> input = client.submit(Tasks::gated, gate, 7);
      Future<Integer> effect = client.submit(Tasks::raise, signal, input);
      client.fireAndForget(effect);
      client.close();

      Tasks.open(gate);
      assertThat(Tasks.raised(signal, 20)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> forgotten(effect.key()));
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void withoutFireAndForgetClosingDropsWorkNotStarted() throws Exception {
    String gate = Tasks.newGate();
    String signal = Tasks.newSignal();
    try {
      Future<Integer> input = client.submit(Tasks::gated, gate, 8);
      Future<Integer> effect = client.submit(Tasks::raise, signal, input);
      client.close();
      // The release travels to the scheduler: the waiting side effect is dropped once it arrives.
      await().atMost(Duration.ofSeconds(10)).until(() -> forgotten(effect.key()));

      Tasks.open(gate);
      await().atMost(Duration.ofSeconds(10)).until(() -> forgotten(input.key()));
      assertThat(Tasks.raised(signal, 0)).isFalse();
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void theClientDescribesTheCluster() {
    assertThat(client.toString())
        .startsWith("<Client: '" + cluster.address() + "'")
        .contains("workers=2", "threads=4", "memory=unlimited");
    assertThat(client.nthreads()).containsOnlyKeys(worker(0).address(), worker(1).address()).containsValues(2, 2);
    assertThat(client.clusterInfo().totalThreads()).isEqualTo(4);

    Future<Integer> f = client.submit(Tasks::inc, 4_004);
    f.result();
    assertThat(client.story(f.key())).isNotEmpty().anySatisfy(line -> assertThat(line).contains("memory"));
  }
}
