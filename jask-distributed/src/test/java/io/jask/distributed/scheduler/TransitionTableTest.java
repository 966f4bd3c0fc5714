package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.TaskStatus.ERRED;
import static io.jask.distributed.scheduler.TaskStatus.FORGOTTEN;
import static io.jask.distributed.scheduler.TaskStatus.MEMORY;
import static io.jask.distributed.scheduler.TaskStatus.NO_WORKER;
import static io.jask.distributed.scheduler.TaskStatus.PROCESSING;
import static io.jask.distributed.scheduler.TaskStatus.QUEUED;
import static io.jask.distributed.scheduler.TaskStatus.RELEASED;
import static io.jask.distributed.scheduler.TaskStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of transitions, and what happens to a pair it has no route for. */
class TransitionTableTest {
  @Test
  void theTableHasExactlyTheDocumentedPairs() {
    assertThat(SchedulerState.transitionTable())
        .isEqualTo(
            Map.of(
                RELEASED, Set.of(WAITING, MEMORY, ERRED, FORGOTTEN),
                WAITING, Set.of(PROCESSING, QUEUED, NO_WORKER, RELEASED),
                QUEUED, Set.of(PROCESSING, RELEASED),
                NO_WORKER, Set.of(PROCESSING, RELEASED),
                PROCESSING, Set.of(MEMORY, ERRED, RELEASED),
                MEMORY, Set.of(RELEASED, FORGOTTEN),
                ERRED, Set.of(FORGOTTEN)));
  }

  @Test
  void aPairWithoutRouteThrowsWithTheStory() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    Key x = FailureTest.X;
    ComputeTask c = SchedulerDriver.single(d.submit("c", List.of(TaskSpec.of(x, "x")), x), ComputeTask.class);
    d.fail(c, FailureTest.BOOM);
    TaskState ts = d.state.registry().tasks.get(x);

    assertThatThrownBy(() -> d.state.transitions().transitionNow(ts, WAITING, null))
        .isInstanceOfSatisfying(
            InvalidTransitionException.class,
            e -> {
              assertThat(e.key()).isEqualTo(x);
              assertThat(e.from()).isEqualTo(ERRED);
              assertThat(e.to()).isEqualTo(WAITING);
              assertThat(e.story()).extracting(StoryEntry::to).endsWith(PROCESSING, ERRED);
              assertThat(e.getMessage())
                  .contains("from erred to waiting")
                  .contains("s4: x-00000001 processing -> erred");
            });
  }

  @Test
  void releasedCannotJumpToMemory() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.runToCompletion(d.submit("c", SimpleGraphTest.graph(), SimpleGraphTest.Z), 8);
    TaskState x = d.state.registry().tasks.get(SimpleGraphTest.X);
    assertThat(x.status).isEqualTo(RELEASED);
    assertThatThrownBy(() -> d.state.transitions().transitionNow(x, MEMORY, null))
        .isInstanceOf(InvalidTransitionException.class)
        .hasMessageContaining("from released to memory");
  }

  @Test
  void otherPairsGoThroughReleased() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    Key x = FailureTest.X;
    d.submit("c", List.of(TaskSpec.of(x, "x")), x);
    TaskState ts = d.state.registry().tasks.get(x);
    d.state.transitions().begin("manual");
    d.state.transitions().transitionNow(ts, WAITING, null);
    assertThat(d.state.story(x))
        .extracting(StoryEntry::stimulusId, StoryEntry::from, StoryEntry::to)
        .endsWith(
            org.assertj.core.groups.Tuple.tuple("manual", PROCESSING, RELEASED),
            org.assertj.core.groups.Tuple.tuple("manual", RELEASED, WAITING));
  }
}
