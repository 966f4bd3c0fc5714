package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static io.jask.distributed.scheduler.SchedulerDriver.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.StealRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Idle workers take queued work from busy ones, only when the busy one had not started it. */
class StealingTest {
  /** w1 (2 threads) alone gets 10 root tasks (queuing off), then idle w2 (2 threads) joins. */
  static SchedulerDriver busyAndIdle() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withWorkerSaturation(Double.POSITIVE_INFINITY));
    d.connect("c");
    d.addWorker("w1", 2);
    assertThat(of(d.submit("c", QueuingTest.roots(10), QueuingTest.keys(10)), ComputeTask.class)).hasSize(10);
    assertThat(d.addWorker("w2", 2)).isEmpty();
    return d;
  }

  @Test
  void theIdleWorkerAsksForTheLowestPriorityQueuedTasks() {
    SchedulerDriver d = busyAndIdle();
    List<SchedulerMessage> tick = d.stealTick();
    assertThat(of(tick, StealRequest.class))
        .extracting(StealRequest::worker, StealRequest::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("w1", QueuingTest.root(9)),
            org.assertj.core.groups.Tuple.tuple("w1", QueuingTest.root(8)));
    // requests in flight count: the next tick asks for nothing more
    assertThat(d.stealTick()).isEmpty();
  }

  @Test
  void aTaskGivenBackUnstartedMovesToTheThief() {
    SchedulerDriver d = busyAndIdle();
    List<StealRequest> requests = of(d.stealTick(), StealRequest.class);
    ComputeTask moved = single(d.stealResponse(requests.get(0), true), ComputeTask.class);
    assertThat(moved.worker()).isEqualTo("w2");
    assertThat(moved.key()).isEqualTo(QueuingTest.root(9));
    assertThat(moved.runId()).isGreaterThan(requests.get(0).runId());
    assertThat(d.state.processingOn("w2")).containsExactly(QueuingTest.root(9));
    assertThat(d.state.processingOn("w1")).hasSize(9);
    assertThat(d.state.story(QueuingTest.root(9)))
        .anySatisfy(e -> assertThat(e.details()).isEqualTo("stolen from w1 to w2 run " + moved.runId()));

    // the victim's late result from the old run is stale
    assertThat(d.state.status(QueuingTest.root(9))).isEqualTo(TaskStatus.PROCESSING);
    assertThat(d.finish(moved, 8)).hasSize(1);
    assertThat(d.state.whoHas(QueuingTest.root(9))).containsExactly("w2");
  }

  @Test
  void aTaskAlreadyRunningStaysWithTheVictim() {
    SchedulerDriver d = busyAndIdle();
    List<StealRequest> requests = of(d.stealTick(), StealRequest.class);
    assertThat(d.stealResponse(requests.get(1), false)).isEmpty();
    assertThat(d.state.processingOn("w1")).contains(QueuingTest.root(8));
    assertThat(d.state.registry().stealsInFlight).hasSize(1);
    // a repeated answer is stale
    assertThat(d.stealResponse(requests.get(1), true)).isEmpty();
    assertThat(d.state.processingOn("w1")).contains(QueuingTest.root(8));
  }

  @Test
  void aTaskGivenBackToAThiefThatLeftIsPlacedAgain() {
    SchedulerDriver d = busyAndIdle();
    List<StealRequest> requests = of(d.stealTick(), StealRequest.class);
    d.addWorker("w3", 1);
    d.removeWorker("w2", RemovalReason.RETIRED);
    ComputeTask placed = single(d.stealResponse(requests.get(0), true), ComputeTask.class);
    assertThat(placed.worker()).isEqualTo("w3");
  }

  @Test
  void aPausedWorkersWholeQueueMayBeStolen() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withWorkerSaturation(Double.POSITIVE_INFINITY));
    d.connect("c");
    d.addWorker("w1", 2);
    d.submit("c", QueuingTest.roots(2), QueuingTest.keys(2));
    d.addWorker("w2", 2);
    // w1 runs both its tasks on its two threads: nothing to steal
    assertThat(d.stealTick()).isEmpty();
    // paused, it starts nothing new: both may go
    d.setStatus("w1", WorkerStatus.PAUSED);
    assertThat(of(d.stealTick(), StealRequest.class)).hasSize(2);
  }

  @Test
  void restrictedTasksAreNotStolenByWorkersTheyMayNotRunOn() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    Key[] keys = new Key[5];
    List<TaskSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys[i] = Key.of("pinned", i);
      specs.add(TaskSpec.of(keys[i], "p").withWorkerRestrictions(Set.of("w1")));
    }
    d.submit("c", specs, keys);
    assertThat(d.stealTick()).isEmpty();
  }

  @Test
  void stealingCanBeTurnedOff() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withWorkerSaturation(Double.POSITIVE_INFINITY).withWorkStealing(false));
    d.connect("c");
    d.addWorker("w1", 1);
    d.submit("c", QueuingTest.roots(10), QueuingTest.keys(10));
    d.addWorker("w2", 1);
    assertThat(d.stealTick()).isEmpty();
  }
}
