package io.jask.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jask.core.GraphException;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Scheduler} must do, written once and run for each implementation by a
 * subclass ({@code *ContractTest}). Graphs are built from tasks directly, so these tests check the
 * schedulers alone, not {@code Delayed}.
 */
abstract class SchedulerContract {
  static final TaskFunction INC = args -> (Integer) args[0] + 1;

  Scheduler scheduler;

  /** A fresh scheduler for one test; closed after it if it is a {@link ThreadedScheduler}. */
  abstract Scheduler createScheduler();

  @BeforeEach
  void createTheScheduler() {
    scheduler = createScheduler();
  }

  @AfterEach
  void closeTheScheduler() {
    if (scheduler instanceof ThreadedScheduler threaded) {
      threaded.close();
    }
  }

  /** Waits until no task of this computation can still start (for a pool: until it has stopped). */
  void awaitQuiescence() {
    if (scheduler instanceof ThreadedScheduler threaded) {
      threaded.close();
    }
  }

  static Key key(String name) {
    return Key.of(name);
  }

  static Task one(String name) {
    return Task.of(key(name), args -> 1);
  }

  static Task inc(String name, String dependency) {
    return Task.of(key(name), INC, key(dependency));
  }

  static Task counted(String name, AtomicInteger counter, Object... args) {
    return Task.of(key(name), a -> counter.incrementAndGet(), args);
  }

  /** Throws with this method as the top stack frame. */
  static Object explode(Object[] args) {
    throw new IllegalStateException("kaboom " + Arrays.toString(args));
  }

  // ---------------------------------------------------------------- results

  @Test
  void randomDagsGiveTheSameResultsAsAPlainJavaEvaluation() {
    Random random = new Random(20_240_611L);
    int tasksRun = 0;
    for (int g = 0; g < 100; g++) {
      RandomDag dag = RandomDag.generate(random, 500);
      List<Object> results = scheduler.get(dag.graph, dag.outputs);
      assertThat(results).as("results of graph %d (%d tasks)", g, dag.graph.size())
          .containsExactlyElementsOf(dag.expected);
      for (int i = 0; i < dag.keys.length; i++) {
        assertThat(dag.calls.get(i)).as("runs of %s in graph %d", dag.keys[i], g)
            .isEqualTo(dag.needed[i] ? 1 : 0);
      }
      tasksRun += dag.neededCount();
    }
    assertThat(tasksRun).as("the random graphs are not trivial").isGreaterThan(5_000);
  }

  @Test
  void resultsComeInTheRequestedOrder() {
    Graph graph = Graph.of(one("a"), inc("b", "a"), inc("c", "b"));
    assertThat(scheduler.get(graph, List.of(key("c"), key("a"), key("b")))).containsExactly(3, 1, 2);
    assertThat(scheduler.get(graph, List.of(key("b"), key("c")))).containsExactly(2, 3);
  }

  @Test
  void duplicateOutputsGetTheResultEachTimeAndRunOnce() {
    AtomicInteger runs = new AtomicInteger();
    Graph graph = Graph.of(counted("a", runs), inc("b", "a"));
    List<Object> results = scheduler.get(graph, List.of(key("b"), key("b"), key("a"), key("b")));
    assertThat(results).containsExactly(2, 2, 1, 2);
    assertThat(runs).hasValue(1);
  }

  @Test
  void anOutputThatOtherOutputsDependOnIsKept() {
    Graph graph = Graph.of(one("a"), inc("b", "a"), inc("c", "b"), inc("d", "c"),
        Task.of(key("e"), args -> (Integer) args[0] + (Integer) args[1], key("b"), key("d")));
    assertThat(scheduler.get(graph, List.of(key("e"), key("b"), key("a"), key("d"))))
        .containsExactly(6, 2, 1, 4);
  }

  @Test
  void nullResultsArePassedOnAndReturned() {
    Graph graph = Graph.of(Task.of(key("nothing"), args -> null),
        Task.of(key("isNull"), args -> args[0] == null, key("nothing")));
    assertThat(scheduler.get(graph, List.of(key("isNull"), key("nothing")))).containsExactly(true, null);
  }

  @Test
  void anEmptyGraphGivesNoResults() {
    RecordingCallback callback = new RecordingCallback();
    assertThat(scheduler.get(Graph.empty(), List.of(), callback)).isEmpty();
    assertThat(callback.events).containsExactly("started:0", "finished:ok");
  }

  @Test
  void noOutputsMeansNoTaskRuns() {
    AtomicInteger runs = new AtomicInteger();
    Graph graph = Graph.of(counted("a", runs), counted("b", runs, key("a")));
    assertThat(scheduler.get(graph, List.of())).isEmpty();
    assertThat(runs).hasValue(0);
  }

  @Test
  void tasksTheOutputsDoNotNeedNeverRun() {
    AtomicInteger needed = new AtomicInteger();
    AtomicInteger unneeded = new AtomicInteger();
    Graph graph = Graph.of(
        counted("a", needed),
        counted("x", unneeded),
        counted("b", needed, key("a")),
        counted("y", unneeded, key("a"), key("x")),
        counted("z", unneeded, key("b")));
    RecordingCallback callback = new RecordingCallback();
    scheduler.get(graph, List.of(key("b")), callback);
    assertThat(needed).hasValue(2);
    assertThat(unneeded).hasValue(0);
    assertThat(callback.plan.size()).isEqualTo(2);
    assertThat(callback.startedKeys()).containsExactlyInAnyOrder(key("a"), key("b"));
  }

  /**
   * In a chain each result is needed by the next task only: by the time task {@code i} runs, the
   * result of task {@code i-2} must be unreachable, unless it is an output. Checked with a weak
   * reference and full collections, from inside the task.
   */
  @Test
  void intermediateResultsAreReleasedOnceNoTaskNeedsThem() {
    int n = 7;
    AtomicReferenceArray<WeakReference<Object>> made = new AtomicReferenceArray<>(n);
    AtomicIntegerArray released = new AtomicIntegerArray(n);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      TaskFunction makeBig = args -> {
        if (index >= 2) {
          released.set(index - 2, awaitCollected(made.get(index - 2)) ? 1 : 0);
        }
        Object big = new long[1 << 17]; // 1 MiB
        made.set(index, new WeakReference<>(big));
        return big;
      };
      tasks.add(i == 0 ? Task.of(key("big0"), makeBig) : Task.of(key("big" + i), makeBig, key("big" + (i - 1))));
    }
    List<Object> results = scheduler.get(Graph.of(tasks), List.of(key("big" + (n - 1)), key("big0")));
    for (int i = 1; i < n - 2; i++) {
      assertThat(released.get(i)).as("result of big%d released before big%d ran", i, i + 2).isEqualTo(1);
    }
    assertThat(released.get(0)).as("big0 is an output: kept").isEqualTo(0);
    assertThat(results.get(0)).isInstanceOf(long[].class);
    assertThat(results.get(1)).isInstanceOf(long[].class);
  }

  private static boolean awaitCollected(WeakReference<?> ref) {
    for (int attempt = 0; attempt < 10 && ref.get() != null; attempt++) {
      System.gc();
    }
    return ref.get() == null;
  }

  // ---------------------------------------------------------------- failures

  @Test
  void aFailingTaskGivesTaskFailedExceptionWithTheOriginalCause() {
    Graph graph = Graph.of(one("a"), Task.of(key("bad"), SchedulerContract::explode, key("a")), inc("c", "bad"));
    TaskFailedException e = catchThrowableOfType(
        () -> scheduler.get(graph, List.of(key("c"))), TaskFailedException.class);
    assertThat(e).isNotNull();
    assertThat(e.key()).isEqualTo(key("bad"));
    assertThat(e).hasMessageContaining("'bad'").hasMessageContaining("kaboom [1]");
    assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("kaboom [1]");
    StackTraceElement top = e.getCause().getStackTrace()[0];
    assertThat(top.getClassName()).isEqualTo(SchedulerContract.class.getName());
    assertThat(top.getMethodName()).isEqualTo("explode");
  }

  @Test
  void theCauseOfAFailedLambdaHasTheLambdaAsTopFrame() {
    Graph graph = Graph.of(Task.of(key("lambda"), args -> {
      throw new ArithmeticException("lambda failed");
    }));
    TaskFailedException e = catchThrowableOfType(
        () -> scheduler.get(graph, List.of(key("lambda"))), TaskFailedException.class);
    assertThat(e.key()).isEqualTo(key("lambda"));
    assertThat(e.getCause()).isExactlyInstanceOf(ArithmeticException.class).hasMessage("lambda failed");
    StackTraceElement top = e.getCause().getStackTrace()[0];
    assertThat(top.getClassName()).isEqualTo(SchedulerContract.class.getName());
    assertThat(top.getMethodName()).startsWith("lambda$");
  }

  @Test
  void errorsThatAreNotExceptionsAreReportedToo() {
    Graph graph = Graph.of(Task.of(key("error"), args -> {
      throw new AssertionError("not an exception");
    }));
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("error"))))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("'error'")
        .cause().isInstanceOf(AssertionError.class).hasMessage("not an exception");
  }

  /**
   * Ten thousand tasks wait behind a gate that opens only once the computation has reported its
   * failure: none of them may start, on any scheduler.
   */
  @Test
  void noNewTaskStartsAfterAFailure() {
    CountDownLatch failureReported = new CountDownLatch(1);
    AtomicInteger afterGate = new AtomicInteger();
    List<Task> tasks = new ArrayList<>();
    List<Key> outputs = new ArrayList<>();
    tasks.add(Task.of(key("fail"), SchedulerContract::explode));
    outputs.add(key("fail"));
    tasks.add(Task.of(key("gate"), args -> failureReported.await(5, TimeUnit.SECONDS)));
    for (int i = 0; i < 10_000; i++) {
      tasks.add(Task.of(Key.of("after", i), args -> afterGate.incrementAndGet(), key("gate")));
      outputs.add(Key.of("after", i));
    }
    SchedulerCallback openGateOnFailure = new SchedulerCallback() {
      @Override
      public void finished(Throwable failure) {
        if (failure != null) {
          failureReported.countDown();
        }
      }
    };
    assertThatThrownBy(() -> scheduler.get(Graph.of(tasks), outputs, openGateOnFailure))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(key("fail")));
    awaitQuiescence();
    assertThat(afterGate).hasValue(0);
  }

  // ---------------------------------------------------------------- callbacks

  @Test
  void callbacksSeeEveryTaskStartAndFinish() {
    Graph graph = Graph.of(one("a"), inc("b", "a"), inc("c", "a"),
        Task.of(key("d"), args -> (Integer) args[0] * (Integer) args[1], key("b"), key("c")),
        one("unneeded"));
    RecordingCallback callback = new RecordingCallback();
    assertThat(scheduler.get(graph, List.of(key("d")), callback)).containsExactly(4);

    assertThat(callback.plan.size()).isEqualTo(4);
    assertThat(callback.startedKeys()).containsExactlyInAnyOrder(key("a"), key("b"), key("c"), key("d"));
    assertThat(callback.finishedKeys()).containsExactlyInAnyOrder(key("a"), key("b"), key("c"), key("d"));
    assertThat(callback.finishedResults)
        .containsEntry(key("a"), 1).containsEntry(key("b"), 2).containsEntry(key("c"), 2).containsEntry(key("d"), 4);
    assertThat(callback.failedKeys).isEmpty();
    assertThat(callback.finishedWith).containsExactly(RecordingCallback.Success.INSTANCE);
    List<String> events = callback.events;
    assertThat(events).hasSize(1 + 4 + 4 + 1);
    assertThat(events.get(0)).isEqualTo("started:4");
    assertThat(events.get(events.size() - 1)).isEqualTo("finished:ok");
    for (String k : List.of("a", "b", "c", "d")) {
      assertThat(events.indexOf("taskStarted:" + k)).isLessThan(events.indexOf("taskFinished:" + k));
    }
    assertThat(events.indexOf("taskFinished:a")).isLessThan(events.indexOf("taskStarted:b"));
    assertThat(events.indexOf("taskFinished:c")).isLessThan(events.indexOf("taskStarted:d"));
  }

  @Test
  void registeredCallbacksAreCalledBesidesTheExtraOneUntilUnregistered() {
    Graph graph = Graph.of(one("a"), inc("b", "a"));
    RecordingCallback registered = new RecordingCallback();
    RecordingCallback extra = new RecordingCallback();
    try (Callbacks.Registration r = Callbacks.register(registered)) {
      scheduler.get(graph, List.of(key("b")), extra);
      scheduler.get(graph, List.of(key("b")));
    }
    scheduler.get(graph, List.of(key("b")));
    assertThat(registered.finishedWith).hasSize(2);
    assertThat(registered.startedKeys()).containsExactlyInAnyOrder(key("a"), key("b"), key("a"), key("b"));
    assertThat(extra.finishedWith).hasSize(1);
    assertThat(extra.startedKeys()).containsExactlyInAnyOrder(key("a"), key("b"));
  }

  @Test
  void callbacksSeeAFailure() {
    Graph graph = Graph.of(one("a"), Task.of(key("bad"), SchedulerContract::explode, key("a")), inc("c", "bad"));
    RecordingCallback callback = new RecordingCallback();
    TaskFailedException thrown = catchThrowableOfType(
        () -> scheduler.get(graph, List.of(key("c")), callback), TaskFailedException.class);
    assertThat(callback.failedKeys).containsExactly(key("bad"));
    assertThat(callback.failedErrors).containsExactly(thrown.getCause());
    assertThat(callback.finishedWith).containsExactly(thrown);
    assertThat(callback.startedKeys()).containsExactlyInAnyOrder(key("a"), key("bad"));
    assertThat(callback.finishedKeys()).containsExactly(key("a"));
    assertThat(callback.events.get(callback.events.size() - 1)).isEqualTo("finished:TaskFailedException");
  }

  @Test
  void aCallbackThatThrowsWhenATaskStartsFailsTheComputation() {
    Graph graph = Graph.of(one("a"), inc("b", "a"), inc("c", "b"));
    RecordingCallback recorder = new RecordingCallback();
    SchedulerCallback refusing = new SchedulerCallback() {
      @Override
      public void taskStarted(Key key) {
        recorder.taskStarted(key);
        if (key.equals(key("b"))) {
          throw new IllegalStateException("callback refused " + key);
        }
      }

      @Override
      public void finished(Throwable failure) {
        recorder.finished(failure);
      }
    };
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("c")), refusing))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(key("b")))
        .hasMessageContaining("'b'")
        .hasMessageContaining("callback refused b")
        .cause().isExactlyInstanceOf(IllegalStateException.class).hasMessage("callback refused b");
    assertThat(recorder.startedKeys()).containsExactly(key("a"), key("b"));
    assertThat(recorder.finishedWith).hasSize(1).first().isInstanceOf(TaskFailedException.class);
  }

  @Test
  void aCallbackThatThrowsWhenATaskFinishesFailsTheComputation() {
    AtomicInteger cRuns = new AtomicInteger();
    Graph graph = Graph.of(one("a"), inc("b", "a"), counted("c", cRuns, key("b")));
    SchedulerCallback refusing = new SchedulerCallback() {
      @Override
      public void taskFinished(Key key, Object result) {
        if (key.equals(key("b"))) {
          throw new UnsupportedOperationException("cannot record " + result);
        }
      }
    };
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("c")), refusing))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.key()).isEqualTo(key("b")))
        .hasMessageContaining("cannot record 2")
        .cause().isExactlyInstanceOf(UnsupportedOperationException.class);
    assertThat(cRuns).hasValue(0);
  }

  @Test
  void aCallbackThatThrowsOnTaskFailureDoesNotHideTheTasksException() {
    Graph graph = Graph.of(Task.of(key("bad"), SchedulerContract::explode));
    RecordingCallback recorder = new RecordingCallback();
    SchedulerCallback throwing = new SchedulerCallback() {
      @Override
      public void taskFailed(Key key, Throwable error) {
        throw new IllegalStateException("callback broken");
      }

      @Override
      public void finished(Throwable failure) {
        recorder.finished(failure);
      }
    };
    TaskFailedException e = catchThrowableOfType(
        () -> scheduler.get(graph, List.of(key("bad")), throwing), TaskFailedException.class);
    assertThat(e).isNotNull();
    assertThat(e.key()).isEqualTo(key("bad"));
    assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("kaboom []");
    assertThat(e.getCause().getSuppressed()).singleElement()
        .satisfies(s -> assertThat(s).hasMessage("callback broken"));
    assertThat(recorder.finishedWith).containsExactly(e);
  }

  // ---------------------------------------------------------------- malformed graphs

  @Test
  void aCycleIsAGraphExceptionNamingItsKeys() {
    Graph graph = Graph.of(inc("a", "b"), inc("b", "a"), inc("c", "a"));
    RecordingCallback callback = new RecordingCallback();
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("c")), callback))
        .isInstanceOfSatisfying(GraphException.class,
            e -> assertThat(e.keys()).containsExactlyInAnyOrder(key("a"), key("b")))
        .hasMessageContaining("cycle").hasMessageContaining("'a'").hasMessageContaining("'b'");
    assertThat(callback.events).as("nothing started").isEmpty();
  }

  @Test
  void aTaskDependingOnItselfIsACycle() {
    Graph graph = Graph.of(inc("self", "self"));
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("self"))))
        .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.keys()).containsExactly(key("self")))
        .hasMessageContaining("cycle");
  }

  @Test
  void aMissingDependencyIsAGraphExceptionNamingBothKeys() {
    AtomicInteger runs = new AtomicInteger();
    Graph graph = Graph.of(counted("fine", runs), inc("orphan", "ghost"),
        Task.of(key("top"), args -> args[0], key("orphan"), key("fine")));
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("top"))))
        .isInstanceOfSatisfying(GraphException.class,
            e -> assertThat(e.keys()).containsExactly(key("orphan"), key("ghost")))
        .hasMessageContaining("'orphan'").hasMessageContaining("'ghost'");
    assertThat(runs).as("nothing ran").hasValue(0);
  }

  @Test
  void anOutputMissingFromTheGraphIsAGraphException() {
    Graph graph = Graph.of(one("a"));
    assertThatThrownBy(() -> scheduler.get(graph, List.of(key("a"), key("nope"))))
        .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.keys()).containsExactly(key("nope")))
        .hasMessageContaining("'nope'");
  }
}
