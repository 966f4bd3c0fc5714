package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerDriver.executed;
import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerDriver.on;
import static io.jask.distributed.worker.WorkerDriver.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values a client scatters onto the worker ({@link WorkerEvent.UpdateData}). */
class PutDataTest {
  static final String A = "tcp://10.0.0.2:7000";

  @Test
  void anUnknownKeyGoesToMemoryWithoutTellingTheScheduler() {
    WorkerDriver w = new WorkerDriver(1);
    assertThat(w.state.acceptsPutData(key("x"))).isTrue();

    List<WorkerInstruction> out = w.put("x", 24);

    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.MEMORY);
    assertThat(w.state.memory()).containsEntry(key("x"), 24L);
    assertThat(only(out, SchedulerMessage.class)).isEmpty();
    assertThat(w.state.story(key("x"))).extracting(StoryEntry::action).contains("put-data");
    assertThat(w.state.story(key("x")).get(w.state.story(key("x")).size() - 1).detail())
        .isEqualTo("released -> memory => memory");
  }

  @Test
  void aTaskPlacedHereUsesTheScatteredInputWithoutFetchingIt() {
    WorkerDriver w = new WorkerDriver(1);
    w.put("x", 24);

    List<WorkerInstruction> out = w.compute("f", 0, Map.of(key("x"), new DependencyInfo(Set.of(WorkerDriver.SELF), 24)));

    assertThat(executed(out)).containsExactly(key("f"));
    assertThat(only(out, WorkerInstruction.GatherDep.class)).isEmpty();
  }

  @Test
  void aKeyInMemoryKeepsItsStateAndTakesTheNewSize() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("x", 0);
    w.succeed("x");

    List<WorkerInstruction> out = w.put("x", 7);

    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.MEMORY);
    assertThat(w.state.memory()).containsEntry(key("x"), 7L);
    assertThat(out).isEmpty();
  }

  @Test
  void aValueForAKeyUnderWayIsDroppedAndThePlanStands() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("running", 0);
    w.compute("f", 0, Map.of(key("fetching"), on(10, A)));
    assertThat(w.state.acceptsPutData(key("running"))).isFalse();
    assertThat(w.state.acceptsPutData(key("fetching"))).isFalse();

    List<WorkerInstruction> out = w.put("running", 5);
    assertThat(only(out, WorkerInstruction.DropData.class)).extracting(WorkerInstruction.DropData::key)
        .containsExactly(key("running"));
    assertThat(w.stateOf("running")).isEqualTo(WorkerTaskState.EXECUTING);

    out = w.put("fetching", 5);
    assertThat(only(out, WorkerInstruction.DropData.class)).hasSize(1);
    assertThat(w.stateOf("fetching")).isEqualTo(WorkerTaskState.FLIGHT);
    assertThat(w.state.story(key("fetching"))).extracting(StoryEntry::action).contains("put-data-ignored");

    assertThat(executed(w.succeed("running"))).isEmpty();
    assertThat(w.stateOf("running")).isEqualTo(WorkerTaskState.MEMORY);
  }

  @Test
  void freeingAScatteredKeyDropsItAndForgetsIt() {
    WorkerDriver w = new WorkerDriver(1);
    w.put("x", 24);

    List<WorkerInstruction> out = w.free("x");

    assertThat(only(out, WorkerInstruction.DropData.class)).hasSize(1);
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.FORGOTTEN);
    assertThat(w.store).isEmpty();
  }
}
