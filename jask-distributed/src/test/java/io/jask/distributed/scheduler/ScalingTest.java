package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's advice for adaptive scaling: how many workers, and which could go. */
class ScalingTest {
  private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

  @Test
  void anEmptySchedulerWantsNoWorkers() {
    SchedulerDriver d = new SchedulerDriver();
    assertThat(d.state.adaptiveTarget(FIVE_SECONDS)).isEqualTo(new AdaptiveTarget(0, List.of()));
  }

  @Test
  void tasksWithoutAnyWorkerAskForOne() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.submit("c", List.of(TaskSpec.of(Key.of("x"), "x")), Key.of("x"));
    assertThat(d.state.adaptiveTarget(FIVE_SECONDS).workers()).isEqualTo(1);
  }

  @Test
  void queuedWorkAsksForEnoughThreadsToFinishInTheTargetDuration() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    List<SchedulerMessage> first = d.submit("c", QueuingTest.roots(100), QueuingTest.keys(100));
    // One task of the prefix took a second: every other one is now expected to take as long.
    d.finish(of(first, ComputeTask.class).get(0), 8, Duration.ofSeconds(1));

    Registry r = d.state.registry();
    long occupancy = r.workers.values().stream().mapToLong(ws -> ws.occupancyMicros).sum();
    long queuedMicros = (long) r.queued.size() * 1_000_000;
    int expected = (int) Math.ceil((occupancy + queuedMicros) / 5_000_000.0);
    AdaptiveTarget target = d.state.adaptiveTarget(FIVE_SECONDS);
    assertThat(target.workers()).isEqualTo(expected).isBetween(19, 21);
    assertThat(target.workersToClose()).isEmpty();
    // A longer target duration needs fewer workers.
    assertThat(d.state.adaptiveTarget(Duration.ofSeconds(50)).workers()).isEqualTo((int) Math.ceil(expected / 10.0));
  }

  @Test
  void workersCountForTheirThreads() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 4);
    List<SchedulerMessage> first = d.submit("c", QueuingTest.roots(100), QueuingTest.keys(100));
    d.finish(of(first, ComputeTask.class).get(0), 8, Duration.ofSeconds(1));
    Registry r = d.state.registry();
    long occupancy = r.workers.values().stream().mapToLong(ws -> ws.occupancyMicros).sum();
    long threads = (long) Math.ceil((occupancy + r.queued.size() * 1_000_000L) / 5_000_000.0);
    assertThat(d.state.adaptiveTarget(FIVE_SECONDS).workers()).isEqualTo((int) Math.ceil(threads / 4.0));
  }

  @Test
  void idleWorkersHoldingTheLeastDataAreTheFirstToClose() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    d.addWorker("w3", 1);
    d.scatter("c", Key.of("big"), 1000, "w1");
    d.scatter("c", Key.of("small"), 10, "w2");

    AdaptiveTarget target = d.state.adaptiveTarget(FIVE_SECONDS);
    assertThat(target.workers()).isZero();
    assertThat(target.workersToClose()).containsExactly("w3", "w2", "w1");
    assertThat(d.state.workersToClose(2)).containsExactly("w3", "w2");
  }

  @Test
  void busyWorkersAreNotClosedButMayBeRetiredWhenAskedForMore() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    List<SchedulerMessage> sent = d.submit("c", List.of(TaskSpec.of(Key.of("slow"), "slow")), Key.of("slow"));
    String busy = of(sent, ComputeTask.class).get(0).worker();
    String idle = busy.equals("w1") ? "w2" : "w1";

    assertThat(d.state.workersToClose(2)).containsExactly(idle);
    assertThat(d.state.workersToRetire(2)).containsExactly(idle, busy);
    AdaptiveTarget target = d.state.adaptiveTarget(FIVE_SECONDS);
    assertThat(target.workers()).isEqualTo(1);
    assertThat(target.workersToClose()).containsExactly(idle);
  }

  @Test
  void closingWorkersAreNeverPickedAgain() {
    SchedulerDriver d = new SchedulerDriver();
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    d.setStatus("w2", WorkerStatus.CLOSING);
    assertThat(d.state.workersToClose(2)).containsExactly("w1");
    assertThat(d.state.workersToRetire(2)).containsExactly("w1");
  }

  @Test
  void memoryPressureAsksForTwiceTheWorkers() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1); // 1 GiB limit
    d.addWorker("w2", 1);
    d.scatter("c", Key.of("a"), 700L << 20, "w1");
    d.scatter("c", Key.of("b"), 700L << 20, "w2");
    assertThat(d.state.adaptiveTarget(FIVE_SECONDS)).isEqualTo(new AdaptiveTarget(4, List.of()));
  }

  @Test
  void aTargetDurationMustBePositive() {
    SchedulerDriver d = new SchedulerDriver();
    assertThatThrownBy(() -> d.state.adaptiveTarget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target duration");
  }

  @Test
  void retiringAWorkerCopiesItsOnlyResultsToARunningWorkerFirst() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    d.addWorker("w3", 1);
    d.scatter("c", Key.of("only-on-w1"), 100, "w1");
    d.scatter("c", Key.of("also-on-w3"), 10, "w1", "w3");
    d.scatter("c", Key.of("big-on-w3"), 1000, "w3");

    List<SchedulerMessage> out = d.handle(new SchedulerEvent.RetireWorkers(List.of("w1"), "retire-1"));
    // Only the result nobody else holds moves, to the running worker holding the least.
    SchedulerMessage.AcquireReplicas ask = SchedulerDriver.single(out, SchedulerMessage.AcquireReplicas.class);
    assertThat(ask.worker()).isEqualTo("w2");
    assertThat(ask.whoHas()).isEqualTo(java.util.Map.of(Key.of("only-on-w1"), List.of("w1")));
    assertThat(ask.nbytes()).isEqualTo(java.util.Map.of(Key.of("only-on-w1"), 100L));
    assertThat(of(out, SchedulerMessage.CloseWorker.class)).isEmpty();
    assertThat(d.state.workersToClose(3)).doesNotContain("w1");

    // Asked again before the copy arrived: nothing new is asked of w2.
    assertThat(d.handle(new SchedulerEvent.RetireWorkers(List.of("w1"), "retire-2"))).isEmpty();
    out = d.handle(new SchedulerEvent.ReplicaAdded("w2", Key.of("only-on-w1"), "copied"));
    assertThat(d.state.whoHas(Key.of("only-on-w1"))).containsExactly("w1", "w2");
    // Every result it held is safe elsewhere: it is told to close, not to restart.
    SchedulerMessage.CloseWorker close = SchedulerDriver.single(out, SchedulerMessage.CloseWorker.class);
    assertThat(close.worker()).isEqualTo("w1");
    assertThat(close.restart()).isFalse();

    d.removeWorker("w1", SchedulerEvent.RemovalReason.RETIRED);
    assertThat(d.state.status(Key.of("only-on-w1"))).isEqualTo(TaskStatus.MEMORY);
  }

  @Test
  void aCopyOfAResultNoLongerTrackedIsFreed() {
    SchedulerDriver d = new SchedulerDriver();
    d.addWorker("w1", 1);
    List<SchedulerMessage> out = d.handle(new SchedulerEvent.ReplicaAdded("w1", Key.of("gone"), "late"));
    assertThat(SchedulerDriver.single(out, SchedulerMessage.FreeKeys.class).keys()).containsExactly(Key.of("gone"));
  }
}
