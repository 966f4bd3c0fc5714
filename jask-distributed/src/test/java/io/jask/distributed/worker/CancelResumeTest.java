package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerDriver.executed;
import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerDriver.keys;
import static io.jask.distributed.worker.WorkerDriver.on;
import static io.jask.distributed.worker.WorkerDriver.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.worker.SchedulerMessage.AddKeys;
import io.jask.distributed.worker.SchedulerMessage.ReleaseWorkerData;
import io.jask.distributed.worker.SchedulerMessage.TaskFinished;
import io.jask.distributed.worker.WorkerInstruction.DropData;
import io.jask.distributed.worker.WorkerInstruction.GatherDep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CancelResumeTest {
  static final String A = "tcp://10.0.0.2:7000";

  @Test
  void freeKeysDropsTheValueAndForgetsTheTask() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("x", 0);
    w.succeed("x");

    List<WorkerInstruction> out = w.free("x");

    assertThat(out).containsExactly(new DropData("s2", key("x")), new ReleaseWorkerData("s2", key("x")));
    assertThat(w.state.stateOf(key("x"))).isEmpty();
    assertThat(w.state.memory()).isEmpty();
    assertThat(w.state.story(key("x"))).extracting(StoryEntry::detail).contains("released -> forgotten => forgotten");
  }

  @Test
  void aDependencyStaysInMemoryUntilTheSchedulerFreesIt() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));
    w.gathered(A, "x");
    w.succeed("f");

    assertThat(w.free("f")).containsExactly(new DropData("s3", key("f")), new ReleaseWorkerData("s3", key("f")));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.MEMORY);
    assertThat(w.free("x")).containsExactly(new DropData("s4", key("x")), new ReleaseWorkerData("s4", key("x")));
    assertThat(w.state.states()).isEmpty();
  }

  @Test
  void freeKeysDuringExecutionCancelsAndDropsTheResult() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("t", 0);
    w.compute("u", 1);

    // The shell is told, so that a run not started yet is skipped; this one runs already.
    assertThat(w.free("t")).containsExactly(new WorkerInstruction.CancelExecute("s2", key("t")));
    assertThat(w.stateOf("t")).isEqualTo(WorkerTaskState.CANCELLED);
    assertThat(w.state.executing()).containsExactly(key("t")); // the thread is still taken

    List<WorkerInstruction> out = w.succeed("t");

    assertThat(out).containsExactly(new DropData("s3", key("t")), new WorkerInstruction.Execute("s3", key("u"), "run u", List.of()));
    assertThat(w.stateOf("t")).isEqualTo(WorkerTaskState.FORGOTTEN);
  }

  @Test
  void aCancelledComputationThatFailsIsNotReported() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("t", 0);
    w.free("t");

    assertThat(w.fail("t", "too late")).isEmpty();
    assertThat(w.stateOf("t")).isEqualTo(WorkerTaskState.FORGOTTEN);
  }

  @Test
  void computeTaskForACancelledRunningTaskResumesItInsteadOfRunningItTwice() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("t", 0);
    w.free("t");

    List<WorkerInstruction> out = w.compute("t", 0);

    assertThat(out).isEmpty();
    assertThat(w.stateOf("t")).isEqualTo(WorkerTaskState.EXECUTING);
    assertThat(w.succeed("t")).containsExactly(new TaskFinished("s3", key("t"), 100, "java.lang.String", 1.0, 3.5));
    assertThat(w.state.executedCount()).isEqualTo(1);
  }

  @Test
  void freeKeysDuringATransferCancelsItAndDropsTheValue() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));

    assertThat(w.free("f")).isEmpty();
    assertThat(w.stateOf("f")).isEqualTo(WorkerTaskState.FORGOTTEN);
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.CANCELLED);

    assertThat(w.gathered(A, "x")).containsExactly(new DropData("s2", key("x")));
    assertThat(w.state.states()).isEmpty();
  }

  @Test
  void aCancelledTransferWantedAgainSimplyGoesOn() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));
    w.free("f");

    List<WorkerInstruction> out = w.compute("f", 0, Map.of(key("x"), on(10, A)));

    assertThat(only(out, GatherDep.class)).isEmpty();
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.FLIGHT);
    assertThat(executed(w.gathered(A, "x"))).containsExactly(key("f"));
  }

  @Test
  void aCancelledTransferOfAKeyNowToBeComputedKeepsTheValueIfItArrives() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("g", 0, Map.of(key("x"), on(10, A)));
    w.free("g");

    assertThat(w.compute("x", 0)).isEmpty();
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.RESUMED);

    List<WorkerInstruction> out = w.gathered(A, "x");

    assertThat(out).containsExactly(new TaskFinished("s3", key("x"), 10, "double[]", 0, 0));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.MEMORY);
  }

  @Test
  void aCancelledTransferOfAKeyNowToBeComputedRunsItIfTheTransferFails() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("g", 0, Map.of(key("x"), on(10, A)));
    w.free("g");
    w.compute("x", 0);

    List<WorkerInstruction> out = w.networkFailure(A, "x");

    assertThat(executed(out)).containsExactly(key("x"));
  }

  @Test
  void aCancelledComputationWantedAsADependencyResumesAsAFetch() {
    WorkerDriver w = new WorkerDriver(2);
    w.compute("x", 0);
    w.free("x");

    List<WorkerInstruction> out = w.compute("f", 0, Map.of(key("x"), on(10, A)));

    assertThat(out).isEmpty(); // no second fetch of x while it is being computed
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.RESUMED);

    out = w.succeed("x");

    assertThat(out).containsExactly(
        new AddKeys("s3", key("x")), new WorkerInstruction.Execute("s3", key("f"), "run f", List.of(key("x"))));
  }

  @Test
  void aResumedComputationThatFailsIsFetchedInstead() {
    WorkerDriver w = new WorkerDriver(2);
    w.compute("x", 0);
    w.free("x");
    w.compute("f", 0, Map.of(key("x"), on(10, A)));

    List<WorkerInstruction> out = w.fail("x", "boom");

    assertThat(out).containsExactly(new GatherDep("s3", A, keys("x"), 10));
  }
}
