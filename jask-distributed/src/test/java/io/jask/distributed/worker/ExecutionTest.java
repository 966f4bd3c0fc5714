package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.worker.WorkerDriver.executed;
import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerDriver.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.worker.SchedulerMessage.TaskErred;
import io.jask.distributed.worker.SchedulerMessage.TaskFinished;
import io.jask.distributed.worker.WorkerInstruction.Execute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionTest {

  @Test
  void taskWithoutDependenciesRunsAndIsReportedFinished() {
    WorkerDriver w = new WorkerDriver(2);

    List<WorkerInstruction> out = w.compute("inc-1", 0);

    assertThat(out).containsExactly(new Execute("s0", key("inc-1"), "run inc-1", List.of()));
    assertThat(w.stateOf("inc-1")).isEqualTo(WorkerTaskState.EXECUTING);

    out = w.succeed("inc-1");

    assertThat(out).containsExactly(new TaskFinished("s1", key("inc-1"), 100, "java.lang.String", 1.0, 3.5));
    assertThat(only(out, TaskFinished.class).get(0).duration()).isEqualTo(2.5);
    assertThat(w.stateOf("inc-1")).isEqualTo(WorkerTaskState.MEMORY);
    assertThat(w.state.memory()).containsEntry(key("inc-1"), 100L);
    assertThat(w.state.executing()).isEmpty();
    assertThat(w.state.executedCount()).isEqualTo(1);
  }

  @Test
  void atMostNthreadsRunAndReadyTasksStartInPriorityOrder() {
    WorkerDriver w = new WorkerDriver(3);
    w.feed(new WorkerEvent.Pause(w.nextId()));
    long[] priorities = {7, 3, 9, 1, 8, 0, 5, 2, 6, 4};
    for (int i = 0; i < priorities.length; i++) {
      assertThat(w.compute("t" + i, priorities[i])).isEmpty();
    }
    assertThat(w.state.ready()).hasSize(10);

    List<WorkerInstruction> out = w.feed(new WorkerEvent.Unpause(w.nextId()));

    // priorities 0, 1, 2 are t5, t3, t7
    assertThat(executed(out)).containsExactly(key("t5"), key("t3"), key("t7"));
    assertThat(w.state.executing()).hasSize(3);

    List<String> order = new ArrayList<>(List.of("t5", "t3", "t7"));
    List<String> running = new ArrayList<>(order);
    while (!running.isEmpty()) {
      String done = running.remove(0);
      List<Execute> next = only(w.succeed(done), Execute.class);
      assertThat(w.state.executing().size()).isLessThanOrEqualTo(3);
      next.forEach(x -> {
        order.add(x.key().name());
        running.add(x.key().name());
      });
    }
    // priority order: 0..9
    assertThat(order).containsExactly("t5", "t3", "t7", "t1", "t9", "t6", "t8", "t0", "t4", "t2");
  }

  @Test
  void amongEqualPrioritiesTheTaskReceivedLastRunsFirst() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("first", 0);
    w.compute("a", 5);
    w.compute("b", 5);

    assertThat(executed(w.succeed("first"))).containsExactly(key("b"));
  }

  @Test
  void failureIsReportedWithTheRemoteStackTrace() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("div-0", 0);

    List<WorkerInstruction> out = w.fail("div-0", "/ by zero");

    assertThat(out).hasSize(1);
    TaskErred erred = only(out, TaskErred.class).get(0);
    assertThat(erred.key()).isEqualTo(key("div-0"));
    assertThat(erred.error().exceptionClass()).isEqualTo("java.lang.ArithmeticException");
    assertThat(erred.error().message()).isEqualTo("/ by zero");
    assertThat(erred.error().stackTrace()).contains("Lesson.inc");
    assertThat(w.stateOf("div-0")).isEqualTo(WorkerTaskState.ERROR);
    assertThat(w.state.memory()).isEmpty();
  }

  @Test
  void errorInfoDescribesAThrowable() {
    ErrorInfo info = ErrorInfo.of(new IllegalStateException("boom"));

    assertThat(info.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
    assertThat(info.message()).isEqualTo("boom");
    assertThat(info.stackTrace()).contains("errorInfoDescribesAThrowable");
    assertThat(ErrorInfo.of(new RuntimeException()).message()).isEmpty();
  }

  @Test
  void failedTaskComputedAgainWhenTheSchedulerRetriesIt() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("flaky", 0);
    w.fail("flaky", "network blip");

    List<WorkerInstruction> out = w.compute("flaky", 0);

    assertThat(executed(out)).containsExactly(key("flaky"));
    assertThat(only(w.succeed("flaky"), TaskFinished.class)).hasSize(1);
  }

  @Test
  void computeTaskForAKeyInMemoryRepeatsTheFinishedMessage() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("x", 0);
    w.succeed("x");

    List<WorkerInstruction> out = w.compute("x", 0);

    assertThat(out).containsExactly(new TaskFinished("s2", key("x"), 100, "java.lang.String", 1.0, 3.5));
  }

  @Test
  void computeTaskForATaskAlreadyQueuedOrRunningChangesNothing() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("running", 0);
    w.compute("queued", 1);

    assertThat(w.compute("running", 0)).isEmpty();
    assertThat(w.compute("queued", 1)).isEmpty();
    assertThat(w.state.ready()).containsExactly(key("queued"));
  }

  @Test
  void constrainedTaskWaitsForItsResources() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(4).withResources(Map.of("GPU", 1.0)));
    Map<String, Double> gpu = Map.of("GPU", 1.0);

    List<WorkerInstruction> first =
        w.feed(new WorkerEvent.ComputeTask(w.nextId(), key("g1"), "run", Priority.of(0), Map.of(), gpu));
    List<WorkerInstruction> second =
        w.feed(new WorkerEvent.ComputeTask(w.nextId(), key("g2"), "run", Priority.of(0), Map.of(), gpu));
    List<WorkerInstruction> plain = w.compute("cpu", 5);

    assertThat(executed(first)).containsExactly(key("g1"));
    assertThat(second).isEmpty();
    assertThat(w.stateOf("g2")).isEqualTo(WorkerTaskState.CONSTRAINED);
    assertThat(executed(plain)).containsExactly(key("cpu"));
    assertThat(executed(w.succeed("g1"))).containsExactly(key("g2"));
  }
}
