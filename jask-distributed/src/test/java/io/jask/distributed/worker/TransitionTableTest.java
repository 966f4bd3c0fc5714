package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerTaskState.CANCELLED;
import static io.jask.distributed.worker.WorkerTaskState.EXECUTING;
import static io.jask.distributed.worker.WorkerTaskState.FORGOTTEN;
import static io.jask.distributed.worker.WorkerTaskState.MEMORY;
import static io.jask.distributed.worker.WorkerTaskState.READY;
import static io.jask.distributed.worker.WorkerTaskState.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionTableTest {

  @Test
  void everyStateButForgottenAndReleasedCanBeLetGoOfDirectly() {
    Map<WorkerTaskState, Set<WorkerTaskState>> table = WorkerState.transitionTable();

    for (WorkerTaskState state : WorkerTaskState.values()) {
      if (state != FORGOTTEN && state != RELEASED) {
        assertThat(table.get(state)).as("%s -> released", state).contains(RELEASED);
      }
    }
    assertThat(table).doesNotContainKey(FORGOTTEN);
    assertThat(table.get(RELEASED)).contains(FORGOTTEN);
    assertThat(table.values().stream().mapToInt(Set::size).sum()).isEqualTo(37);
  }

  @Test
  void aPairOutsideTheTableFromReleasedThrowsWithTheStory() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("g", 0, Map.of(key("x"), WorkerDriver.on(1, "tcp://10.0.0.2:1")));

    // waiting -> executing is not in the table: it goes through released, and released -> executing
    // is not in the table either.

    assertThatThrownBy(() -> w.state.transition(key("g"), EXECUTING, "bad"))
        .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
          assertThat(e.key()).isEqualTo(key("g"));
          assertThat(e.from()).isEqualTo(WorkerTaskState.WAITING);
          assertThat(e.to()).isEqualTo(EXECUTING);
          assertThat(e.story()).extracting(StoryEntry::action).contains("compute-task");
          assertThat(e.getMessage()).contains("from waiting to executing", "compute-task");
          assertThat(e.getCause()).isInstanceOf(InvalidTransitionException.class);
        });
  }

  @Test
  void aTaskWhoseWorkIsUnderWayCannotBeRoutedThroughReleased() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("t", 0);
    w.free("t");
    assertThat(w.stateOf("t")).isEqualTo(CANCELLED);

    assertThatThrownBy(() -> w.state.transition(key("t"), READY, "bad"))
        .isInstanceOf(InvalidTransitionException.class)
        .hasMessageContaining("from cancelled to ready");
  }

  @Test
  void theStoryIsBoundedAndOrdered() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(1).withStoryLimit(5));
    for (int i = 0; i < 5; i++) {
      w.compute("x", 0);
      w.succeed("x");
      w.free("x");
    }

    assertThat(w.state.story(key("x"))).hasSize(5);
    assertThat(w.state.story(key("x"))).extracting(StoryEntry::sequence).isSorted();
    assertThat(w.state.story(key("x")).get(4).detail()).isEqualTo("released -> forgotten => forgotten");
    assertThat(new WorkerDriver(WorkerConfig.of(1).withStoryLimit(0)).state.story(key("x"))).isEmpty();
  }

  @Test
  void validationCatchesASchedulerThatFreesAnInputStillNeeded() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("x", 0);
    w.succeed("x");
    w.compute("busy", 0);
    w.compute("f", 1, Map.of(key("x"), new DependencyInfo(Set.of(WorkerDriver.SELF), 100)));
    assertThat(w.stateOf("f")).isEqualTo(READY);

    assertThatThrownBy(() -> w.free("x"))
        .isInstanceOf(InvalidWorkerStateException.class)
        .hasMessageContaining("not in memory, yet its dependent f ready is ready");
  }

  @Test
  void withoutValidationTheSameEventPasses() {
    WorkerState state = new WorkerState("tcp://w:1", WorkerConfig.of(1));
    state.handle(new WorkerEvent.ComputeTask("a", key("x"), "run", Priority.of(0), Map.of()));
    state.handle(new WorkerEvent.ExecuteSuccess("b", key("x"), 1, "Long", 0, 1));

    assertThat(state.stateOf(key("x"))).contains(MEMORY);
    state.validateState();
    assertThat(state.transitionCount()).isEqualTo(4); // released->waiting->ready->executing->memory
  }
}
