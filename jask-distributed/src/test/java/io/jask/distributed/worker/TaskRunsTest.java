package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Key;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shell's runs on a real one-thread pool: a run waits for the thread until it is free. */
class TaskRunsTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final TaskRuns runs = new TaskRuns(pool);
  /** What happened, in order: "ran x", "skipped x". */
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch blockerStarted = new CountDownLatch(1);

  @AfterEach
  void stopPool() throws InterruptedException {
    release.countDown();
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Takes the pool's only thread until {@link #release} opens. */
  private void occupyTheThread() throws InterruptedException {
    runs.submit(Key.of("blocker"), () -> {
      blockerStarted.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.add("ran blocker");
    }, () -> log.add("skipped blocker"));
    assertThat(blockerStarted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private void submit(String name) {
    runs.submit(Key.of(name), () -> log.add("ran " + name), () -> log.add("skipped " + name));
  }

  /** Waits until everything handed to the pool so far has been taken up and has ended. */
  private void drainPool() throws Exception {
    Future<?> marker = pool.submit(() -> { });
    marker.get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsWaitForTheThreadAndRunInTheOrderHandedOver() throws Exception {
    occupyTheThread();
    submit("a");
    submit("b");

    assertThat(runs.running()).isEqualTo(1);
    assertThat(runs.waiting()).isEqualTo(2);
    release.countDown();
    drainPool();

    assertThat(log).containsExactly("ran blocker", "ran a", "ran b");
    assertThat(runs.running()).isZero();
    assertThat(runs.waiting()).isZero();
  }

  @Test
  void aRunCancelledBeforeItStartsIsSkippedNotRun() throws Exception {
    occupyTheThread();
    submit("a");
    submit("b");

    assertThat(runs.cancel(Key.of("a"))).isTrue();
    assertThat(runs.waiting()).isEqualTo(1);
    release.countDown();
    drainPool();

    assertThat(log).containsExactly("ran blocker", "skipped a", "ran b");
  }

  @Test
  void aRunUnderWayCannotBeCancelled() throws Exception {
    occupyTheThread();

    assertThat(runs.cancel(Key.of("blocker"))).isFalse();
    assertThat(runs.cancel(Key.of("unknown"))).isFalse();
    release.countDown();
    drainPool();

    assertThat(log).containsExactly("ran blocker");
  }

  @Test
  void whilePausedNoWaitingRunStarts() throws Exception {
    occupyTheThread();
    submit("a");
    runs.pause(true);
    release.countDown();
    drainPool();

    assertThat(log).containsExactly("ran blocker");
    assertThat(runs.waiting()).isEqualTo(1);

    runs.pause(false);
    drainPool();
    assertThat(log).containsExactly("ran blocker", "ran a");
  }

  @Test
  void aRunHeldByAPauseIsSkippedAtOnceWhenCancelled() throws Exception {
    occupyTheThread();
    submit("a");
    runs.pause(true);
    release.countDown();
    drainPool();

    assertThat(runs.cancel(Key.of("a"))).isTrue();
    assertThat(log).containsExactly("ran blocker", "skipped a");
    runs.pause(false);
    drainPool();
    assertThat(log).containsExactly("ran blocker", "skipped a");
  }

  @Test
  void aKeyWaitingAlreadyCannotBeHandedOverAgain() throws Exception {
    occupyTheThread();
    submit("a");

    assertThatThrownBy(() -> submit("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("'a'");
  }

  @Test
  void aSkippedKeyCanBeHandedOverAgain() throws Exception {
    occupyTheThread();
    submit("a");
    runs.cancel(Key.of("a"));
    release.countDown();
    drainPool();
    submit("a");
    drainPool();

    assertThat(log).containsExactly("ran blocker", "skipped a", "ran a");
  }
}
