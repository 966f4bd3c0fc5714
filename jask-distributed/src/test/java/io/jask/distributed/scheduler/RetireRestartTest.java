package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static io.jask.distributed.scheduler.SchedulerDriver.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerMessage.AcquireReplicas;
import io.jask.distributed.scheduler.SchedulerMessage.CloseWorker;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.FreeKeys;
import io.jask.distributed.scheduler.SchedulerMessage.KeyErred;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Graceful retirement, replicas, memory reports and restarts, in the state machine alone. */
class RetireRestartTest {
  static final Key A = Key.of("a-00000001");
  static final Key B = Key.of("b-00000001");
  static final Key C = Key.of("c-00000001");

  private static List<SchedulerMessage> retire(SchedulerDriver d, String... workers) {
    return d.handle(new SchedulerEvent.RetireWorkers(List.of(workers), d.nextStimulus()));
  }

  private static List<SchedulerMessage> replicaAdded(SchedulerDriver d, String worker, Key key) {
    return d.handle(new SchedulerEvent.ReplicaAdded(worker, key, d.nextStimulus()));
  }

  /** Computes a (on w1) and b (on w2), both wanted by client c; w3 joins afterwards, empty. */
  private static SchedulerDriver twoResults() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withWorkStealing(false).withWorkerSaturation(1.0));
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    List<SchedulerMessage> started = d.submit("c", List.of(TaskSpec.of(A, "a"), TaskSpec.of(B, "b")), A, B);
    ComputeTask a = SchedulerDriver.compute(started, A);
    ComputeTask b = SchedulerDriver.compute(started, B);
    assertThat(a.worker()).isEqualTo("w1");
    assertThat(b.worker()).isEqualTo("w2");
    d.finish(a, 1000);
    d.finish(b, 10);
    d.addWorker("w3", 1);
    return d;
  }

  @Test
  void aRetiringWorkerCopiesItsUniqueResultsToTheEmptiestWorkerThenCloses() {
    SchedulerDriver d = twoResults();
    assertThat(d.state.whoHas(B)).doesNotContain("w3");
    List<SchedulerMessage> out = retire(d, "w1");
    AcquireReplicas ask = single(out, AcquireReplicas.class);
    assertThat(ask.worker()).isEqualTo("w3"); // holds nothing, unlike the worker with b
    assertThat(ask.whoHas()).isEqualTo(Map.of(A, List.of("w1")));
    assertThat(ask.nbytes()).isEqualTo(Map.of(A, 1000L));
    assertThat(of(out, CloseWorker.class)).isEmpty();
    assertThat(d.state.workerMemory("w1").orElseThrow().status()).isEqualTo(WorkerStatus.CLOSING);

    // Nothing new goes to a retiring worker.
    ComputeTask c = single(d.submit("c", List.of(TaskSpec.of(C, "c")), C), ComputeTask.class);
    assertThat(c.worker()).isNotEqualTo("w1");

    CloseWorker close = single(replicaAdded(d, "w3", A), CloseWorker.class);
    assertThat(close).isEqualTo(new CloseWorker("w1", false, "retired", close.stimulusId()));
    assertThat(d.state.whoHas(A)).containsExactly("w1", "w3");

    // The goodbye removes it as retired; the result stays available on w3.
    assertThat(d.removeWorker("w1", RemovalReason.RETIRED)).isEmpty();
    assertThat(d.state.whoHas(A)).containsExactly("w3");
    assertThat(d.state.status(A)).isEqualTo(TaskStatus.MEMORY);
  }

  @Test
  void aWorkerWhoseResultsAreHeldElsewhereClosesAtOnce() {
    SchedulerDriver d = twoResults();
    replicaAdded(d, "w3", A);
    CloseWorker close = single(retire(d, "w1"), CloseWorker.class);
    assertThat(close.worker()).isEqualTo("w1");
    assertThat(close.restart()).isFalse();
  }

  @Test
  void aCopyWhoseTargetDiesIsAskedOfAnother() {
    SchedulerDriver d = twoResults();
    AcquireReplicas first = single(retire(d, "w1"), AcquireReplicas.class);
    assertThat(first.worker()).isEqualTo("w3");
    List<SchedulerMessage> out = d.removeWorker("w3", RemovalReason.LOST);
    AcquireReplicas second = single(out, AcquireReplicas.class);
    assertThat(second.worker()).isEqualTo("w2");
    assertThat(second.whoHas()).containsOnlyKeys(A);
    assertThat(single(replicaAdded(d, "w2", A), CloseWorker.class).worker()).isEqualTo("w1");
  }

  @Test
  void withNoWorkerLeftToTakeItsResultsAWorkerClosesAnyway() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.finish(single(d.submit("c", List.of(TaskSpec.of(A, "a")), A), ComputeTask.class), 8);
    CloseWorker close = single(retire(d, "w1"), CloseWorker.class);
    assertThat(close.reason()).contains("no other worker");
  }

  @Test
  void tasksProcessingOnARetiringWorkerMoveElsewhereWithoutSuspicion() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withWorkStealing(false));
    d.connect("c");
    d.addWorker("w1", 1);
    ComputeTask onW1 = single(d.submit("c", List.of(TaskSpec.of(A, "a")), A), ComputeTask.class);
    d.addWorker("w2", 1);
    List<SchedulerMessage> out = retire(d, "w1");
    FreeKeys cancel = single(out, FreeKeys.class);
    assertThat(cancel.worker()).isEqualTo("w1");
    assertThat(cancel.keys()).containsExactly(A);
    ComputeTask onW2 = single(out, ComputeTask.class);
    assertThat(onW2.worker()).isEqualTo("w2");
    assertThat(onW2.runId()).isGreaterThan(onW1.runId());
    assertThat(single(out, CloseWorker.class).worker()).isEqualTo("w1");
    assertThat(d.state.registry().tasks.get(A).suspicious).isZero();
    assertThat(d.finish(onW2, 8)).containsExactly(new KeyInMemory("c", A, "Integer"));
  }

  @Test
  void aRetiringWorkerStaysClosingWhenItsMemoryLetsItResume() {
    SchedulerDriver d = twoResults();
    retire(d, "w1");
    d.setStatus("w1", WorkerStatus.RUNNING);
    assertThat(d.state.workerMemory("w1").orElseThrow().status()).isEqualTo(WorkerStatus.CLOSING);
  }

  @Test
  void aReplicaOfAKeyNotInMemoryIsFreedOnTheWorker() {
    SchedulerDriver d = twoResults();
    FreeKeys free = single(replicaAdded(d, "w3", C), FreeKeys.class);
    assertThat(free.worker()).isEqualTo("w3");
    assertThat(free.keys()).containsExactly(C);
    // and a replica from an unknown worker changes nothing
    assertThat(replicaAdded(d, "gone", A)).isEmpty();
    assertThat(d.state.whoHas(A)).containsExactly("w1");
  }

  @Test
  void replicasCountAsHoldersWhenTheirFirstHolderDies() {
    SchedulerDriver d = twoResults();
    replicaAdded(d, "w2", A);
    assertThat(d.removeWorker("w1", RemovalReason.LOST)).isEmpty(); // nothing to recompute
    assertThat(d.state.status(A)).isEqualTo(TaskStatus.MEMORY);
    assertThat(d.state.whoHas(A)).containsExactly("w2");
  }

  @Test
  void memoryReportsAreKeptPerWorker() {
    SchedulerDriver d = twoResults();
    d.handle(new SchedulerEvent.WorkerMemory("w2", 100, 200, 300, d.nextStimulus()));
    assertThat(d.state.workerMemory("w2")).contains(
        new SchedulerState.WorkerMemoryReport(WorkerStatus.RUNNING, 100, 200, 300));
    assertThat(d.handle(new SchedulerEvent.WorkerMemory("nobody", 1, 1, 1, d.nextStimulus()))).isEmpty();
    assertThat(d.state.workerMemory("nobody")).isEmpty();
  }

  @Test
  void aRestartErrsEveryFutureForgetsEveryTaskAndRestartsEveryWorker() {
    SchedulerDriver d = twoResults();
    d.connect("other");
    ComputeTask c = single(d.submit("other", List.of(TaskSpec.of(C, "c", A)), C), ComputeTask.class);
    List<SchedulerMessage> out = d.handle(new SchedulerEvent.Restart(d.nextStimulus()));

    List<KeyErred> erred = of(out, KeyErred.class);
    assertThat(erred).extracting(KeyErred::client, KeyErred::key)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("c", A), org.assertj.core.groups.Tuple.tuple("c", B),
            org.assertj.core.groups.Tuple.tuple("other", C));
    assertThat(erred).allSatisfy(e -> assertThat(e.error().exceptionClass()).isEqualTo(ErrorInfo.RESTARTED));
    assertThat(of(out, CloseWorker.class)).extracting(CloseWorker::worker, CloseWorker::restart)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("w1", true), org.assertj.core.groups.Tuple.tuple("w2", true),
            org.assertj.core.groups.Tuple.tuple("w3", true));
    d.assertEmpty();
    assertThat(d.state.taskCount()).isZero();

    // Late results of the old run are freed; the old workers take nothing new.
    assertThat(single(d.finish(c, 8), FreeKeys.class).keys()).containsExactly(C);
    assertThat(of(d.submit("c", List.of(TaskSpec.of(A, "a")), A), ComputeTask.class)).isEmpty();
    assertThat(d.state.status(A)).isIn(TaskStatus.QUEUED, TaskStatus.NO_WORKER);

    // The old workers leave; a fresh one runs the new work.
    d.removeWorker("w1", RemovalReason.RETIRED);
    d.removeWorker("w2", RemovalReason.RETIRED);
    d.removeWorker("w3", RemovalReason.RETIRED);
    ComputeTask fresh = single(d.addWorker("w4", 1), ComputeTask.class);
    assertThat(fresh.key()).isEqualTo(A);
    assertThat(d.finish(fresh, 8)).containsExactly(new KeyInMemory("c", A, "Integer"));
  }
}
