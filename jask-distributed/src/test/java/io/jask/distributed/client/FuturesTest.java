package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jask.core.graph.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lesson's futures steps, and what futures do on a real cluster over TCP. */
class FuturesTest {
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

  @Test
  void submitIncOfTenGivesEleven() {
    Future<Integer> f = client.submit(Tasks::inc, 10);

    assertThat(f.result()).isEqualTo(11);
    assertThat(f.status()).isEqualTo(FutureStatus.FINISHED);
    assertThat(f.done()).isTrue();
    assertThat(f.type()).isEqualTo("Integer");
    assertThat(f.key().name()).startsWith("inc-");
  }

  @Test
  void mapThenGatherGivesTheResultsInOrder() {
    List<Future<Integer>> fs = client.map(Tasks::inc, List.of(1, 2, 3));

    assertThat(client.gather(fs)).containsExactly(2, 3, 4);
  }

  @Test
  void mapOverTwoCollectionsZipsThem() {
    List<Future<Integer>> fs = client.map(Tasks::add, List.of(1, 2, 3), List.of(10, 20, 30));

    assertThat(client.gather(fs)).containsExactly(11, 22, 33);
    assertThatThrownBy(() -> client.map(Tasks::add, List.of(1), List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 2]");
  }

  @Test
  void functionsOfEveryArityRunAndNullIsAResult() {
    Future<String> none = client.submit(Tasks::nothing);
    Future<Integer> six = client.submit(Tasks::six, 1, 2, 3, 4, 5, 6);
    Future<Integer> many = client.submitN(Tasks::count, 1, "two", 3.0, six);

    assertThat(none.result()).isNull();
    assertThat(none.type()).isEqualTo("null");
    assertThat(six.result()).isEqualTo(21);
    assertThat(many.result()).isEqualTo(4);
  }

  @Test
  void mapOverFuturesChainsTheCalls() {
    List<Future<Integer>> first = client.map(Tasks::inc, List.of(1, 2));
    List<Future<Integer>> second = client.map(Tasks::inc, first);

    assertThat(client.gather(second)).containsExactly(3, 4);
  }

  @Test
  void computeTellsTheCallbacksWhenItStartsAndEnds() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.jask.core.scheduler.SchedulerCallback callback = new io.jask.core.scheduler.SchedulerCallback() {
      @Override
      public void started(io.jask.core.graph.ExecutionPlan plan) {
        seen.add("started " + plan.size());
      }

      @Override
      public void finished(Throwable failure) {
        seen.add("finished " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
      }
    };
    io.jask.core.Delayed<Integer> x = io.jask.core.Jask.delayed(Tasks::inc, 1);
    io.jask.core.Delayed<Integer> y = io.jask.core.Jask.delayed(Tasks::add, x, 2);

    assertThat(client.get(y.graph(), List.of(y.key(), x.key(), y.key()), callback)).containsExactly(4, 2, 4);
    io.jask.core.Delayed<Integer> bad = io.jask.core.Jask.delayed(Tasks::boom, 1);
    assertThatThrownBy(() -> client.get(bad.graph(), List.of(bad.key()), callback))
        .isInstanceOf(io.jask.core.TaskFailedException.class);

    assertThat(seen).containsExactly("started 2", "finished ok", "started 1", "finished TaskFailedException");
  }

  @Test
  void pureCallsShareOneKeyAndRunOnceImpureOnesDoNot() {
    String tag = "pure-" + System.nanoTime();
    Future<Integer> first = client.submit(Tasks::countedInc, tag, 41);
    Future<Integer> second = client.submit(Tasks::countedInc, tag, 41);
    assertThat(second.key()).isEqualTo(first.key());
    assertThat(second).isEqualTo(first);
    assertThat(client.gather(List.of(first, second))).containsExactly(42, 42);
    assertThat(Tasks.count(tag)).isEqualTo(1);

    Future<Integer> impure = client.options().pure(false).submit(Tasks::countedInc, tag, 41);
    assertThat(impure.key()).isNotEqualTo(first.key());
    assertThat(impure.result()).isEqualTo(42);
    assertThat(Tasks.count(tag)).isEqualTo(2);
  }

  @Test
  void futuresPassedAsArgumentsAreTheirResults() {
    Future<Integer> x = client.submit(Tasks::inc, 1);
    Future<Integer> y = client.submit(Tasks::add, x, 10);
    Future<Integer> total = client.submit(Tasks::sum, List.of(x, y));

    assertThat(y.result()).isEqualTo(12);
    assertThat(total.result()).isEqualTo(14);
  }

  @Test
  void anExplicitKeyNamesTheTask() {
    Future<Integer> f = client.options().key("my-answer").submit(Tasks::inc, 41);

    assertThat(f.key()).isEqualTo(Key.of("my-answer"));
    assertThat(f.result()).isEqualTo(42);
    assertThat(client.options().key("batch").map(Tasks::inc, List.of(1, 2)))
        .allSatisfy(g -> assertThat(g.key().name()).startsWith("batch-"));
  }

  @Test
  void aResultNotReadyInTimeTimesOutNamingTheKeyAndTheTimeout() throws Exception {
    String gate = Tasks.newGate();
    try {
      Future<Integer> slow = client.submit(Tasks::gated, gate, 1);

      assertThatThrownBy(() -> slow.result(Duration.ofMillis(200)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining(slow.key().toString())
          .hasMessageContaining("200 ms");
      assertThatThrownBy(() -> slow.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThatThrownBy(() -> client.gather(List.of(slow), Duration.ofMillis(50)))
          .isInstanceOf(TimeoutException.class);
      assertThat(slow.done()).isFalse();

      Tasks.open(gate);
      assertThat(slow.result(Duration.ofSeconds(20))).isEqualTo(1);
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void gatherFailsAsSoonAsOneFutureFailsWithoutWaitingForTheOthers() {
    String gate = Tasks.newGate();
    try {
      Future<Integer> slow = client.submit(Tasks::gated, gate, 5);
      Future<Integer> failing = client.submit(Tasks::boom, 5);

      assertThatThrownBy(() -> client.gather(List.of(slow, failing)))
          .isInstanceOfSatisfying(io.jask.core.TaskFailedException.class,
              e -> assertThat(e.key()).isEqualTo(failing.key()));
      assertThat(slow.done()).isFalse();
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void cancelMarksTheFutureCancelledAtOnce() {
    String gate = Tasks.newGate();
    try {
      Future<Integer> slow = client.submit(Tasks::gated, gate, 2);
      Future<Integer> dependent = client.submit(Tasks::inc, slow);

      assertThat(slow.cancel()).isTrue();

      assertThat(slow.status()).isEqualTo(FutureStatus.CANCELLED);
      assertThat(slow.isCancelled()).isTrue();
      assertThatThrownBy(slow::result).isInstanceOf(FutureCancelledException.class)
          .hasMessageContaining(slow.key().toString());
      assertThatThrownBy(slow::get).isInstanceOf(CancellationException.class);
      // The task depending on it could never run: the scheduler cancels it too.
      await().atMost(Duration.ofSeconds(10)).until(dependent::done);
      assertThat(dependent.status()).isEqualTo(FutureStatus.CANCELLED);
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void asCompletedYieldsFuturesInTheOrderTheyFinish() {
    String gate = Tasks.newGate();
    try {
      Future<Integer> slow = client.submit(Tasks::gated, gate, 3);
      Future<Integer> fast = client.submit(Tasks::inc, 3);

      Iterator<Future<Integer>> completed = client.asCompleted(List.of(slow, fast));
      assertThat(completed.next()).isEqualTo(fast);
      Tasks.open(gate);
      assertThat(completed.next()).isEqualTo(slow);
      assertThat(completed.hasNext()).isFalse();
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void asCompletedWithResults() {
    List<Future<Integer>> fs = client.map(Tasks::inc, List.of(10, 20, 30));
    List<Integer> results = new ArrayList<>();

    for (AsCompleted.Completed<Integer> done : client.asCompleted(fs).withResults()) {
      assertThat(fs).contains(done.future());
      results.add(done.result());
    }

    assertThat(results).containsExactlyInAnyOrder(11, 21, 31);
  }

  @Test
  void waitFirstCompletedReturnsAsSoonAsOneIsDone() throws Exception {
    String gate = Tasks.newGate();
    try {
      Future<Integer> slow = client.submit(Tasks::gated, gate, 4);
      Future<Integer> fast = client.submit(Tasks::inc, 4);

      WaitResult<Integer> first = client.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(20));
      assertThat(first.done()).containsExactly(fast);
      assertThat(first.notDone()).containsExactly(slow);

      assertThatThrownBy(() -> client.wait(List.of(slow, fast), ReturnWhen.ALL_COMPLETED, Duration.ofMillis(100)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("1 of 2");

      Tasks.open(gate);
      WaitResult<Integer> all = client.wait(List.of(slow, fast));
      assertThat(all.done()).containsExactly(slow, fast);
      assertThat(all.notDone()).isEmpty();
    } finally {
      Tasks.open(gate);
    }
  }

  @Test
  void toCompletableFutureCompletesWithTheResultOrTheFailure() throws Exception {
    CompletableFuture<Integer> doubled = client.submit(Tasks::inc, 10).toCompletableFuture().thenApply(v -> v * 2);
    assertThat(doubled.get(20, TimeUnit.SECONDS)).isEqualTo(22);

    CompletableFuture<Integer> failed = client.submit(Tasks::boom, 1).toCompletableFuture();
    assertThatThrownBy(() -> failed.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(io.jask.core.TaskFailedException.class);
  }

  @Test
  void doneCallbacksRunOnceDoneAndMayFetchTheResult() throws Exception {
    Future<Integer> f = client.submit(Tasks::inc, 99);
    CountDownLatch called = new CountDownLatch(2);
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    f.addDoneCallback(done -> {
      seen.add(done.result());
      called.countDown();
    });
    f.result();
    f.addDoneCallback(done -> { // already done: called at once
      seen.add(done.result());
      called.countDown();
    });

    assertThat(called.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly(100, 100);
  }

  @Test
  void javaUtilConcurrentGetReturnsTheResult() throws Exception {
    java.util.concurrent.Future<Integer> f = client.submit(Tasks::inc, 5);

    assertThat(f.get()).isEqualTo(6);
    assertThat(f.get(1, TimeUnit.SECONDS)).isEqualTo(6);
    assertThat(f.isDone()).isTrue();
  }

  @Test
  void submittingAfterCloseIsAClearError() {
    client.close();

    assertThatThrownBy(() -> client.submit(Tasks::inc, 1))
        .isInstanceOf(ClientClosedException.class)
        .hasMessageContaining("closed");
    assertThat(client.toString()).contains("closed");
    client.close(); // idempotent
  }

  @Test
  void optionsFailFastOnBadValues() {
    assertThatThrownBy(() -> client.options().retries(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> client.options().key("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.options().resources(java.util.Map.of("GPU", 0.0)))
        .hasMessageContaining("GPU");
  }
}
