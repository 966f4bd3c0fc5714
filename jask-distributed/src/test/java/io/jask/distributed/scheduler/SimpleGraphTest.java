package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.SchedulerDriver.compute;
import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.FreeKeys;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lesson's first graph, {@code add(inc(1), inc(2))}, end to end with simulated workers. */
class SimpleGraphTest {
  static final Key X = Key.of("inc-0000000a");
  static final Key Y = Key.of("inc-0000000b");
  static final Key Z = Key.of("add-0000000c");

  static List<TaskSpec> graph() {
    return List.of(
        TaskSpec.of(X, "inc(1)").withOrder(0),
        TaskSpec.of(Y, "inc(2)").withOrder(1),
        TaskSpec.of(Z, "add", X, Y).withOrder(2));
  }

  @Test
  void oneWorkerRunsIncIncAddAndForgetsEverythingOnRelease() {
    SchedulerDriver d = new SchedulerDriver();
    assertThat(d.connect("c")).isEmpty();
    assertThat(d.addWorker("w1", 2)).isEmpty();

    List<SchedulerMessage> submitted = d.submit("c", graph(), Z);
    Priority px = new Priority(0, 1, 0);
    Priority py = new Priority(0, 1, 1);
    assertThat(submitted)
        .containsExactly(
            new ComputeTask("w1", X, 1, "inc(1)", px, Map.of(), Map.of(), Map.of(), "s3"),
            new ComputeTask("w1", Y, 2, "inc(2)", py, Map.of(), Map.of(), Map.of(), "s3"));

    assertThat(d.finish(compute(submitted, X), 16)).isEmpty();
    List<SchedulerMessage> afterY = d.finish(compute(submitted, Y), 16);
    assertThat(afterY)
        .containsExactly(
            new ComputeTask(
                "w1",
                Z,
                3,
                "add",
                new Priority(0, 1, 2),
                Map.of(X, List.of("w1"), Y, List.of("w1")),
                Map.of(X, 16L, Y, 16L),
                Map.of(),
                "s5"));

    List<SchedulerMessage> afterZ = d.finish(compute(afterY, Z), 16);
    // the client hears about z; x and y are no longer needed: freed on the worker.
    assertThat(afterZ)
        .containsExactly(new KeyInMemory("c", Z, "Integer"), new FreeKeys("w1", List.of(X, Y), "s6"));
    assertThat(d.state.status(Z)).isEqualTo(TaskStatus.MEMORY);
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.RELEASED);
    assertThat(d.state.whoHas(Z)).containsExactly("w1");

    assertThat(d.release("c", Z)).containsExactly(new FreeKeys("w1", List.of(Z), "s7"));
    assertThat(d.state.taskCount()).isZero();
    d.assertEmpty();
  }

  @Test
  void twoWorkersSpreadTheRootsAndTheSumFetchesFromItsPeer() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);

    List<SchedulerMessage> submitted = d.submit("c", graph(), Z);
    assertThat(of(submitted, ComputeTask.class))
        .extracting(ComputeTask::key, ComputeTask::worker)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(X, "w1"), org.assertj.core.groups.Tuple.tuple(Y, "w2"));

    d.finish(compute(submitted, X), 1_000);
    List<SchedulerMessage> afterY = d.finish(compute(submitted, Y), 10);
    ComputeTask add = compute(afterY, Z);
    // the larger input is on w1: the sum goes there and fetches y from w2 directly
    assertThat(add.worker()).isEqualTo("w1");
    assertThat(add.whoHas()).isEqualTo(Map.of(X, List.of("w1"), Y, List.of("w2")));

    List<SchedulerMessage> done = d.finish(add, 8);
    assertThat(done)
        .containsExactly(
            new KeyInMemory("c", Z, "Integer"),
            new FreeKeys("w1", List.of(X), "s7"),
            new FreeKeys("w2", List.of(Y), "s7"));

    d.release("c", Z);
    d.assertEmpty();
  }

  @Test
  void storyTellsWhatHappenedInOrder() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    List<SchedulerMessage> all = d.runToCompletion(d.submit("c", graph(), Z), 8);
    assertThat(of(all, KeyInMemory.class)).containsExactly(new KeyInMemory("c", Z, "Integer"));
    d.release("c", Z);

    assertThat(d.state.story(Z))
        .extracting(StoryEntry::from, StoryEntry::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TaskStatus.RELEASED, TaskStatus.RELEASED),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.RELEASED, TaskStatus.WAITING),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.WAITING, TaskStatus.PROCESSING),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.PROCESSING, TaskStatus.MEMORY),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.MEMORY, TaskStatus.MEMORY),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.MEMORY, TaskStatus.FORGOTTEN));
    assertThat(d.state.story(Z).get(0).stimulusId()).isEqualTo("s3");
    assertThat(d.state.story(Z).get(0).details()).contains("submitted by c");
    assertThat(d.state.story(X))
        .extracting(StoryEntry::to)
        .containsExactly(
            TaskStatus.RELEASED,
            TaskStatus.WAITING,
            TaskStatus.QUEUED,
            TaskStatus.PROCESSING,
            TaskStatus.MEMORY,
            TaskStatus.RELEASED,
            TaskStatus.FORGOTTEN);
  }

  @Test
  void storyIsBounded() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withStoryLimit(3));
    d.connect("c");
    d.addWorker("w1", 2);
    d.runToCompletion(d.submit("c", graph(), Z), 8);
    d.release("c", Z);
    assertThat(d.state.story(Z)).hasSize(1);
    assertThat(d.state.story(Z).get(0).to()).isEqualTo(TaskStatus.FORGOTTEN);
  }
}
