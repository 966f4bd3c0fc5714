package io.jask.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jask.core.ComputationInterruptedException;
import io.jask.core.JaskException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What only the threaded scheduler promises: real parallelism, cancellation, nesting, its pool's life. */
class ThreadedSchedulerTest {
  private static final TaskFunction INC = args -> (Integer) args[0] + 1;

  @Test
  void runsTasksReallyInParallel() {
    try (ThreadedScheduler threads = new ThreadedScheduler(4)) {
      CountDownLatch allFourRunning = new CountDownLatch(4);
      Set<Thread> threadsUsed = ConcurrentHashMap.newKeySet();
      List<Task> tasks = new ArrayList<>();
      List<Key> keys = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        tasks.add(Task.of(Key.of("meet", i), args -> {
          threadsUsed.add(Thread.currentThread());
          allFourRunning.countDown();
          return allFourRunning.await(5, TimeUnit.SECONDS); // false, failing the test, if not parallel
        }));
        keys.add(Key.of("meet", i));
      }
      assertThat(threads.get(Graph.of(tasks), keys)).containsExactly(true, true, true, true);
      assertThat(threadsUsed).hasSize(4);
      assertThat(threadsUsed).extracting(Thread::getName).as("each worker has its own name")
          .doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).startsWith("jask-threads-"));
    }
  }

  @Test
  void onOneThreadAFailingFirstTaskStopsTenThousandIndependentOnes() {
    AtomicInteger others = new AtomicInteger();
    List<Task> tasks = new ArrayList<>();
    List<Key> outputs = new ArrayList<>();
    tasks.add(Task.of(Key.of("fail"), args -> {
      throw new IllegalStateException("first task fails");
    }));
    outputs.add(Key.of("fail")); // requested first: runs first
    for (int i = 0; i < 10_000; i++) {
      tasks.add(Task.of(Key.of("independent", i), args -> others.incrementAndGet()));
      outputs.add(Key.of("independent", i));
    }
    ThreadedScheduler one = new ThreadedScheduler(1);
    try {
      assertThatThrownBy(() -> one.get(Graph.of(tasks), outputs))
          .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(Key.of("fail")));
    } finally {
      one.close(); // lets the queued tasks drain: they must be skipped, not run
    }
    assertThat(others.get()).isLessThan(100);
  }

  @Test
  void interruptingTheWaitingThreadCancelsTheComputation() throws InterruptedException {
    CountDownLatch blockerRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger others = new AtomicInteger();
    List<Task> tasks = new ArrayList<>();
    List<Key> outputs = new ArrayList<>();
    tasks.add(Task.of(Key.of("blocker"), args -> {
      blockerRunning.countDown();
      return release.await(10, TimeUnit.SECONDS);
    }));
    outputs.add(Key.of("blocker")); // requested first: runs first on the only thread
    for (int i = 0; i < 10; i++) {
      tasks.add(Task.of(Key.of("dependent", i), args -> others.incrementAndGet(), Key.of("blocker")));
      outputs.add(Key.of("dependent", i));
    }
    for (int i = 0; i < 100; i++) {
      tasks.add(Task.of(Key.of("independent", i), args -> others.incrementAndGet()));
      outputs.add(Key.of("independent", i));
    }
    Graph graph = Graph.of(tasks);
    RecordingCallback callback = new RecordingCallback();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptFlagAfterwards = new AtomicBoolean();
    ThreadedScheduler one = new ThreadedScheduler(1);
    Thread caller = new Thread(() -> {
      try {
        one.get(graph, outputs, callback);
      } catch (Throwable t) {
        thrown.set(t);
      }
      interruptFlagAfterwards.set(Thread.currentThread().isInterrupted());
    }, "jask-test-caller");
    try {
      caller.start();
      assertThat(blockerRunning.await(5, TimeUnit.SECONDS)).as("blocker started").isTrue();
      caller.interrupt();
      caller.join(5_000);
      assertThat(caller.isAlive()).as("get() returned on interrupt").isFalse();
      assertThat(thrown.get()).isInstanceOf(ComputationInterruptedException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(interruptFlagAfterwards).as("interrupt flag set again").isTrue();
      assertThat(callback.finishedWith).containsExactly(thrown.get());
    } finally {
      release.countDown();
      one.close(); // waits until the pool has drained what was queued
    }
    assertThat(others).as("tasks not started before the interrupt never start").hasValue(0);
    assertThat(callback.startedKeys()).containsExactly(Key.of("blocker"));
  }

  @Test
  void aTaskMayComputeAGraphOnTheSameSingleThreadScheduler() {
    try (ThreadedScheduler one = new ThreadedScheduler(1)) {
      Graph inner = Graph.of(Task.of(Key.of("x"), args -> 1), Task.of(Key.of("y"), INC, Key.of("x")));
      TaskFunction computesInner = args -> (Integer) one.get(inner, List.of(Key.of("y"))).get(0) * 10;
      TaskFunction computesNested = args -> {
        Graph middle = Graph.of(Task.of(Key.of("m"), computesInner), Task.of(Key.of("n"), INC, Key.of("m")));
        return (Integer) one.get(middle, List.of(Key.of("n"))).get(0) + (Integer) args[0];
      };
      Graph outer = Graph.of(
          Task.of(Key.of("left"), computesInner),
          Task.of(Key.of("right"), computesInner),
          Task.of(Key.of("deep"), computesNested, Key.of("left")),
          Task.of(Key.of("sum"), args -> (Integer) args[0] + (Integer) args[1], Key.of("deep"), Key.of("right")));
      List<Object> results = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> one.get(outer, List.of(Key.of("sum"), Key.of("left"))),
          "nested computations on a one-thread pool deadlocked");
      assertThat(results).containsExactly(41 + 20, 20);
    }
  }

  @Test
  void theConstructorRejectsFewerThanOneThread() {
    assertThatThrownBy(() -> new ThreadedScheduler(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    assertThatThrownBy(() -> new ThreadedScheduler(-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -3");
  }

  @Test
  void reportsItsNumberOfThreads() {
    try (ThreadedScheduler three = new ThreadedScheduler(3);
        ThreadedScheduler perProcessor = new ThreadedScheduler()) {
      assertThat(three.threads()).isEqualTo(3);
      assertThat(three).hasToString("ThreadedScheduler[threads=3]");
      assertThat(perProcessor.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  void closeStopsThePoolsThreads() {
    ThreadedScheduler three = new ThreadedScheduler(3);
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    CountDownLatch allThreeRunning = new CountDownLatch(3);
    List<Task> tasks = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(Task.of(Key.of("worker", i), args -> {
        workers.add(Thread.currentThread());
        allThreeRunning.countDown();
        return allThreeRunning.await(5, TimeUnit.SECONDS);
      }));
      keys.add(Key.of("worker", i));
    }
    try {
      assertThat(three.get(Graph.of(tasks), keys)).containsOnly(true);
      assertThat(workers).hasSize(3).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    } finally {
      three.close();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream().noneMatch(Thread::isAlive));
    String prefix = workers.iterator().next().getName().replaceAll("-\\d+$", "-");
    assertThat(workers).extracting(Thread::getName).allSatisfy(name -> assertThat(name).startsWith(prefix));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneSatisfy(t -> assertThat(t.getName()).startsWith(prefix));
  }

  @Test
  void aClosedSchedulerFailsClearlyAndEndsTheComputationForCallbacks() {
    ThreadedScheduler closed = new ThreadedScheduler(2);
    closed.close();
    RecordingCallback callback = new RecordingCallback();
    Graph graph = Graph.of(Task.of(Key.of("a"), args -> 1));
    assertThatThrownBy(() -> closed.get(graph, List.of(Key.of("a")), callback))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("closed");
    assertThat(callback.startedKeys()).isEmpty();
    assertThat(callback.finishedWith).as("finished() follows started()").hasSize(1);
  }
}
