package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.SchedulerDriver.compute;
import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static io.jask.distributed.scheduler.SchedulerDriver.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where tasks go: to their data, away from busy workers, within their restrictions. */
class PlacementTest {
  static final Key BIG = Key.of("big-00000001");
  static final Key SMALL = Key.of("small-00000001");
  static final Key SUM = Key.of("sum-00000001");

  SchedulerDriver twoWorkersWithData() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    d.scatter("c", BIG, 1_000_000_000L, "w1");
    d.scatter("c", SMALL, 1_000L, "w2");
    return d;
  }

  @Test
  void aTaskGoesToTheWorkerHoldingItsBigInput() {
    SchedulerDriver d = twoWorkersWithData();
    ComputeTask sum = single(d.submit("c", List.of(TaskSpec.of(SUM, "sum", BIG, SMALL)), SUM), ComputeTask.class);
    assertThat(sum.worker()).isEqualTo("w1");
    assertThat(sum.whoHas()).isEqualTo(Map.of(BIG, List.of("w1"), SMALL, List.of("w2")));
    assertThat(sum.nbytes()).isEqualTo(Map.of(BIG, 1_000_000_000L, SMALL, 1_000L));
  }

  @Test
  void aBusyEnoughWorkerLosesTheTaskToAnIdleOne() {
    SchedulerDriver d = twoWorkersWithData();
    // 30 tasks of 0.5 s (the default estimate) on w1: 15 s of queued work, more than the 10 s
    // it takes to move 1 GB at 100 MB/s
    List<TaskSpec> busy = new ArrayList<>();
    Key[] keys = new Key[30];
    for (int i = 0; i < 30; i++) {
      keys[i] = Key.of("busy", i);
      busy.add(TaskSpec.of(keys[i], "busy").withWorkerRestrictions(Set.of("w1")));
    }
    assertThat(of(d.submit("c", busy, keys), ComputeTask.class)).hasSize(30);
    assertThat(d.state.registry().workers.get("w1").occupancyMicros).isEqualTo(15_000_000L);

    ComputeTask sum = single(d.submit("c", List.of(TaskSpec.of(SUM, "sum", BIG, SMALL)), SUM), ComputeTask.class);
    assertThat(sum.worker()).isEqualTo("w2");
  }

  @Test
  void durationsReportedByWorkersBecomeTheEstimates() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    Key first = Key.of("slow", 0);
    Key second = Key.of("slow", 1);
    ComputeTask c = single(d.submit("c", List.of(TaskSpec.of(first, "slow")), first), ComputeTask.class);
    assertThat(d.state.registry().workers.get("w1").occupancyMicros).isEqualTo(500_000L);
    d.finish(c, 8, Duration.ofSeconds(4));
    d.submit("c", List.of(TaskSpec.of(second, "slow")), second);
    assertThat(d.state.registry().workers.get("w1").occupancyMicros).isEqualTo(4_000_000L);
  }

  @Test
  void equalInputsAndEqualLoadsBreakTiesByAddress() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("wb", 1);
    d.addWorker("wa", 1);
    Key a = Key.of("a-00000001");
    ComputeTask c = single(d.submit("c", List.of(TaskSpec.of(a, "a").withWorkerRestrictions(Set.of("wa", "wb"))), a), ComputeTask.class);
    assertThat(c.worker()).isEqualTo("wa");
  }

  @Test
  void restrictedTasksWaitInNoWorkerUntilTheirWorkerJoins() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 4);
    Key t = Key.of("t-00000001");
    assertThat(d.submit("c", List.of(TaskSpec.of(t, "t").withWorkerRestrictions(Set.of("w9"))), t)).isEmpty();
    assertThat(d.state.status(t)).isEqualTo(TaskStatus.NO_WORKER);
    assertThat(d.addWorker("w2", 4)).isEmpty();

    ComputeTask c = single(d.addWorker("w9", 1), ComputeTask.class);
    assertThat(c.worker()).isEqualTo("w9");
    assertThat(d.state.status(t)).isEqualTo(TaskStatus.PROCESSING);
  }

  @Test
  void resourcesAreRespectedAndHeldWhileProcessing() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("cpu", 8);
    d.addWorker("small-gpu", 1, Map.of("GPU", 0.5));
    Key t = Key.of("train-00000001");
    assertThat(d.submit("c", List.of(TaskSpec.of(t, "train").withResources(Map.of("GPU", 1.0))), t)).isEmpty();
    assertThat(d.state.status(t)).isEqualTo(TaskStatus.NO_WORKER);

    ComputeTask c = single(d.addWorker("gpu", 1, Map.of("GPU", 2.0)), ComputeTask.class);
    assertThat(c.worker()).isEqualTo("gpu");
    assertThat(c.resources()).isEqualTo(Map.of("GPU", 1.0));
    assertThat(d.state.registry().workers.get("gpu").usedResources).isEqualTo(Map.of("GPU", 1.0));
    d.finish(c, 8);
    assertThat(d.state.registry().workers.get("gpu").usedResources).isEmpty();
  }

  @Test
  void pausedWorkersGetNoNewTasksAndNoWorkerTasksMoveWhenTheyResume() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.scatter("c", SMALL, 10, "w1");
    d.setStatus("w1", WorkerStatus.PAUSED);
    Key t = Key.of("t-00000001");
    assertThat(d.submit("c", List.of(TaskSpec.of(t, "t", SMALL)), t)).isEmpty();
    assertThat(d.state.status(t)).isEqualTo(TaskStatus.NO_WORKER);
    assertThat(compute(d.setStatus("w1", WorkerStatus.RUNNING), t).worker()).isEqualTo("w1");
  }
}
