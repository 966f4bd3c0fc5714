package io.jask.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.ComputationInterruptedException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the synchronous scheduler promises: the caller's thread, strictly one task after another. */
class SyncSchedulerTest {
  private final Scheduler sync = Schedulers.sync();

  @AfterEach
  void clearInterruptFlag() {
    Thread.interrupted();
  }

  @Test
  void everyTaskRunsOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    List<Task> tasks = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Key k = Key.of("t", i);
      tasks.add(i == 0
          ? Task.of(k, args -> Thread.currentThread() == caller)
          : Task.of(k, args -> (Boolean) args[0] && Thread.currentThread() == caller, Key.of("t", i - 1)));
      keys.add(k);
    }
    assertThat(sync.get(Graph.of(tasks), keys)).containsOnly(true).hasSize(50);
  }

  @Test
  void noTaskRunsAfterTheFailingOne() {
    AtomicInteger others = new AtomicInteger();
    List<Task> tasks = new ArrayList<>();
    List<Key> outputs = new ArrayList<>();
    tasks.add(Task.of(Key.of("fail"), args -> {
      throw new IllegalStateException("first task fails");
    }));
    outputs.add(Key.of("fail"));
    for (int i = 0; i < 10_000; i++) {
      tasks.add(Task.of(Key.of("independent", i), args -> others.incrementAndGet()));
      outputs.add(Key.of("independent", i));
    }
    assertThatThrownBy(() -> sync.get(Graph.of(tasks), outputs)).isInstanceOf(TaskFailedException.class);
    assertThat(others).hasValue(0);
  }

  @Test
  void aFailureInTheMiddleEndsTheRunAtOnce() {
    List<Task> tasks = new ArrayList<>();
    List<Key> outputs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      tasks.add(Task.of(Key.of("t", i), args -> {
        if (n == 40) {
          throw new IllegalArgumentException("task 40 fails");
        }
        return n;
      }));
      outputs.add(Key.of("t", i));
    }
    RecordingCallback callback = new RecordingCallback();
    assertThatThrownBy(() -> sync.get(Graph.of(tasks), outputs, callback))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(Key.of("t", 40)));
    List<Key> started = callback.startedKeys();
    assertThat(started).last().isEqualTo(Key.of("t", 40));
    assertThat(callback.finishedKeys()).hasSize(started.size() - 1);
  }

  @Test
  void interruptingTheCallerStopsBeforeTheNextTask() {
    AtomicInteger later = new AtomicInteger();
    Graph graph = Graph.of(
        Task.of(Key.of("interrupts"), args -> {
          Thread.currentThread().interrupt();
          return 1;
        }),
        Task.of(Key.of("later"), args -> later.incrementAndGet(), Key.of("interrupts")));
    RecordingCallback callback = new RecordingCallback();
    assertThatThrownBy(() -> sync.get(graph, List.of(Key.of("later")), callback))
        .isInstanceOf(ComputationInterruptedException.class)
        .hasMessageContaining("'later'")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
    assertThat(later).hasValue(0);
    assertThat(callback.finishedWith).singleElement().isInstanceOf(ComputationInterruptedException.class);
  }

  @Test
  void anAlreadyInterruptedCallerRunsNothing() {
    AtomicInteger runs = new AtomicInteger();
    Graph graph = Graph.of(Task.of(Key.of("a"), args -> runs.incrementAndGet()));
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> sync.get(graph, List.of(Key.of("a"))))
        .isInstanceOf(ComputationInterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(runs).hasValue(0);
  }
}
