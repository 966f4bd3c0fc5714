package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerDriver.executed;
import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerDriver.on;
import static io.jask.distributed.worker.WorkerDriver.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.worker.SchedulerMessage.TaskFinished;
import io.jask.distributed.worker.WorkerInstruction.CancelExecute;
import io.jask.distributed.worker.WorkerInstruction.GatherDep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker that hands the shell more tasks than it has threads, to wait on its pool. */
class LookaheadTest {
  static final String A = "tcp://10.0.0.2:7000";
  static final Map<String, Double> GPU = Map.of("GPU", 1.0);

  private static WorkerDriver worker(int nthreads, int lookahead) {
    return new WorkerDriver(WorkerConfig.of(nthreads).withLookahead(lookahead).withResources(GPU));
  }

  private static List<WorkerInstruction> computeNeeding(WorkerDriver w, String name, long priority,
      Map<String, Double> resources) {
    return w.feed(new WorkerEvent.ComputeTask(w.nextId(), key(name), "run " + name, Priority.of(priority),
        Map.of(), resources));
  }

  private static List<WorkerInstruction> skipped(WorkerDriver w, String name) {
    return w.feed(new WorkerEvent.ExecuteSkipped(w.nextId(), key(name)));
  }

  @Test
  void handsOverThreadsPlusLookaheadTasksInPriorityOrder() {
    WorkerDriver w = worker(2, 2);
    for (int i = 0; i < 6; i++) {
      w.compute("t" + i, i);
    }

    assertThat(w.state.executing()).containsExactlyInAnyOrder(key("t0"), key("t1"), key("t2"), key("t3"));
    assertThat(w.state.ready()).containsExactly(key("t4"), key("t5"));

    assertThat(executed(w.compute("urgent", -1))).isEmpty();
    assertThat(executed(w.succeed("t2"))).containsExactly(key("urgent"));
    assertThat(w.state.executingCount()).isEqualTo(4);
  }

  @Test
  void withoutLookaheadOnlyAsManyAsThreads() {
    WorkerDriver w = worker(2, 0);
    for (int i = 0; i < 4; i++) {
      w.compute("t" + i, i);
    }

    assertThat(w.state.executing()).containsExactlyInAnyOrder(key("t0"), key("t1"));
  }

  @Test
  void aTaskNeedingResourcesIsHandedOverOnlyToAFreeThread() {
    WorkerDriver w = worker(1, 2);
    w.compute("r0", 0);
    // More urgent than r1 and its resource is free, but the one thread is taken: it must not wait
    // on the pool holding the resource.
    assertThat(executed(computeNeeding(w, "g", 1, GPU))).isEmpty();
    assertThat(executed(w.compute("r1", 2))).containsExactly(key("r1"));
    assertThat(w.stateOf("g")).isEqualTo(WorkerTaskState.CONSTRAINED);

    assertThat(executed(w.succeed("r0"))).isEmpty(); // r1 takes the thread
    assertThat(executed(w.succeed("r1"))).containsExactly(key("g"));
    assertThat(w.state.executing()).containsExactly(key("g"));
    assertThat(executed(w.compute("r2", 3))).containsExactly(key("r2")); // waits behind g
  }

  @Test
  void aRunCancelledBeforeItStartedIsSkippedAndReleased() {
    WorkerDriver w = worker(1, 1);
    w.compute("t", 0);
    w.compute("u", 1); // waits on the pool behind t
    w.compute("v", 2);

    assertThat(w.free("u")).containsExactly(new CancelExecute("s3", key("u")));
    assertThat(w.stateOf("u")).isEqualTo(WorkerTaskState.CANCELLED);
    assertThat(w.state.executing()).contains(key("u")); // until the shell says what became of it

    List<WorkerInstruction> out = skipped(w, "u");

    assertThat(only(out, TaskFinished.class)).isEmpty();
    assertThat(executed(out)).containsExactly(key("v")); // its place goes to the next task
    assertThat(w.stateOf("u")).isEqualTo(WorkerTaskState.FORGOTTEN);
    assertThat(w.state.executedCount()).isZero();
  }

  @Test
  void aSkippedRunThatIsWantedAgainIsHandedOverAnew() {
    WorkerDriver w = worker(1, 1);
    w.compute("t", 0);
    w.compute("u", 1);
    w.free("u");
    assertThat(executed(w.compute("u", 1))).isEmpty(); // back to executing: never started twice
    assertThat(w.stateOf("u")).isEqualTo(WorkerTaskState.EXECUTING);

    // The shell had skipped it meanwhile: it goes round again, and runs.
    assertThat(executed(skipped(w, "u"))).containsExactly(key("u"));
    assertThat(w.stateOf("u")).isEqualTo(WorkerTaskState.EXECUTING);
    assertThat(only(w.succeed("u"), TaskFinished.class)).extracting(TaskFinished::key).containsExactly(key("u"));
  }

  @Test
  void aSkippedRunWhoseValueADependentWantsIsFetchedInstead() {
    WorkerDriver w = worker(1, 1);
    w.compute("t", 0);
    w.compute("x", 1);
    w.free("x");
    // The scheduler now has x elsewhere and places a dependent of it here.
    w.compute("y", 2, Map.of(key("x"), on(10, A)));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.RESUMED);

    List<WorkerInstruction> out = skipped(w, "x");

    assertThat(only(out, GatherDep.class)).extracting(GatherDep::peer).containsExactly(A);
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.FLIGHT);
  }

  @Test
  void aRunThatStartedIsNotSkippedAndItsResultIsDropped() {
    WorkerDriver w = worker(1, 1);
    w.compute("t", 0);
    w.free("t");

    List<WorkerInstruction> out = w.succeed("t");

    assertThat(only(out, WorkerInstruction.DropData.class)).hasSize(1);
    assertThat(w.stateOf("t")).isEqualTo(WorkerTaskState.FORGOTTEN);
    assertThat(w.state.executedCount()).isEqualTo(1);
  }

  @Test
  void aStaleSkipChangesNothing() {
    WorkerDriver w = worker(1, 1);
    w.compute("t", 0);

    assertThat(skipped(w, "nobody")).isEmpty();
    w.compute("r", 1);
    w.free("r");
    skipped(w, "r");
    assertThat(skipped(w, "r")).isEmpty();
    assertThat(w.state.story(key("r"))).extracting(StoryEntry::action).contains("stale-execute-skipped");
  }

  @Test
  void aPausedWorkerHandsNothingOver() {
    WorkerDriver w = worker(1, 2);
    w.feed(new WorkerEvent.Pause(w.nextId()));

    assertThat(executed(w.compute("t", 0))).isEmpty();
    assertThat(executed(w.feed(new WorkerEvent.Unpause(w.nextId())))).containsExactly(key("t"));
  }

  @Test
  void lookaheadMustNotBeNegative() {
    assertThatThrownBy(() -> WorkerConfig.of(2).withLookahead(-1)).hasMessageContaining("lookahead");
  }
}
