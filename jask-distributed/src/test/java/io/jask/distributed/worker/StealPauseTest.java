package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerDriver.executed;
import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerDriver.keys;
import static io.jask.distributed.worker.WorkerDriver.on;
import static io.jask.distributed.worker.WorkerDriver.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.worker.SchedulerMessage.StealResponse;
import io.jask.distributed.worker.SchedulerMessage.TaskFinished;
import io.jask.distributed.worker.WorkerInstruction.GatherDep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StealPauseTest {
  static final String A = "tcp://10.0.0.2:7000";
  static final String B = "tcp://10.0.0.3:7000";

  @Test
  void aReadyTaskIsGivenUp() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("a", 0);
    w.compute("b", 1);

    List<WorkerInstruction> out = w.feed(new WorkerEvent.StealRequest(w.nextId(), key("b")));

    assertThat(out).containsExactly(new StealResponse("s2", key("b"), WorkerTaskState.READY));
    assertThat(only(out, StealResponse.class).get(0).released()).isTrue();
    assertThat(w.stateOf("b")).isEqualTo(WorkerTaskState.FORGOTTEN);
    assertThat(executed(w.succeed("a"))).isEmpty();
  }

  @Test
  void anExecutingTaskIsKeptAndFinishes() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("a", 0);

    List<WorkerInstruction> out = w.feed(new WorkerEvent.StealRequest(w.nextId(), key("a")));

    assertThat(out).containsExactly(new StealResponse("s1", key("a"), WorkerTaskState.EXECUTING));
    assertThat(only(out, StealResponse.class).get(0).released()).isFalse();
    assertThat(w.stateOf("a")).isEqualTo(WorkerTaskState.EXECUTING);
    assertThat(only(w.succeed("a"), TaskFinished.class)).hasSize(1);
  }

  @Test
  void aWaitingTaskIsGivenUpAndItsTransfersCancelled() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));

    List<WorkerInstruction> out = w.feed(new WorkerEvent.StealRequest(w.nextId(), key("f")));

    assertThat(out).containsExactly(new StealResponse("s1", key("f"), WorkerTaskState.WAITING));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.CANCELLED);
  }

  @Test
  void anUnknownKeyIsAnsweredForgotten() {
    WorkerDriver w = new WorkerDriver(1);

    assertThat(w.feed(new WorkerEvent.StealRequest(w.nextId(), key("ghost"))))
        .containsExactly(new StealResponse("s0", key("ghost"), WorkerTaskState.FORGOTTEN));
  }

  @Test
  void whilePausedNothingStartsButWhatIsUnderWayFinishes() {
    WorkerDriver w = new WorkerDriver(2);
    w.compute("a", 0);
    w.compute("d", 1, Map.of(key("y"), on(10, B)));

    assertThat(w.feed(new WorkerEvent.Pause(w.nextId()))).isEmpty();
    assertThat(w.state.isRunning()).isFalse();
    assertThat(w.compute("b", 2)).isEmpty();
    assertThat(w.compute("c", 3, Map.of(key("x"), on(10, A)))).isEmpty();
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.FETCH);

    // the transfer and the computation already under way end normally
    assertThat(executed(w.gathered(B, "y"))).isEmpty();
    assertThat(w.stateOf("d")).isEqualTo(WorkerTaskState.READY);
    assertThat(only(w.succeed("a"), TaskFinished.class)).hasSize(1);
    assertThat(w.state.executing()).isEmpty();

    List<WorkerInstruction> out = w.feed(new WorkerEvent.Unpause(w.nextId()));

    assertThat(executed(out)).containsExactly(key("d"), key("b"));
    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s7", A, keys("x"), 10));
  }
}
