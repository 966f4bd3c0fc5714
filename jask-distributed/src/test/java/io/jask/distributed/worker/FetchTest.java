package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.worker.WorkerDriver.executed;
import static io.jask.distributed.worker.WorkerDriver.key;
import static io.jask.distributed.worker.WorkerDriver.keys;
import static io.jask.distributed.worker.WorkerDriver.on;
import static io.jask.distributed.worker.WorkerDriver.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.distributed.worker.SchedulerMessage.AddKeys;
import io.jask.distributed.worker.SchedulerMessage.MissingData;
import io.jask.distributed.worker.SchedulerMessage.TaskErred;
import io.jask.distributed.worker.WorkerInstruction.GatherDep;
import io.jask.distributed.worker.WorkerInstruction.RetryBusyPeerLater;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FetchTest {
  static final String A = "tcp://10.0.0.2:7000";
  static final String B = "tcp://10.0.0.3:7000";
  static final String C = "tcp://10.0.0.4:7000";

  @Test
  void dependenciesAreGatheredOnePeerAtATimeThenTheTaskRuns() {
    WorkerDriver w = new WorkerDriver(1);

    List<WorkerInstruction> out =
        w.compute("sum", 0, Map.of(key("x1"), on(10, A), key("x2"), on(20, A), key("y"), on(30, B)));

    assertThat(only(out, GatherDep.class))
        .containsExactly(
            new GatherDep("s0", A, keys("x1", "x2"), 30),
            new GatherDep("s0", B, keys("y"), 30));
    assertThat(executed(out)).isEmpty();
    assertThat(w.stateOf("sum")).isEqualTo(WorkerTaskState.WAITING);
    assertThat(w.stateOf("x1")).isEqualTo(WorkerTaskState.FLIGHT);
    assertThat(w.state.peersInFlight()).containsExactly(A, B);
    assertThat(w.state.incomingBytes()).isEqualTo(60);

    out = w.gathered(A, "x1", "x2");
    assertThat(only(out, AddKeys.class)).extracting(AddKeys::key).containsExactly(key("x1"), key("x2"));
    assertThat(executed(out)).isEmpty();

    out = w.gathered(B, "y");
    assertThat(executed(out)).containsExactly(key("sum"));
    assertThat(only(out, WorkerInstruction.Execute.class).get(0).dependencies())
        .containsExactlyInAnyOrder(key("x1"), key("x2"), key("y"));
    assertThat(w.state.incomingBytes()).isZero();
  }

  @Test
  void aKeyHeldByTwoPeersIsFetchedOnceFromTheLowerAddress() {
    WorkerDriver w = new WorkerDriver(1);

    List<WorkerInstruction> out = w.compute("f", 0, Map.of(key("x"), on(10, B, A)));

    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s0", A, keys("x"), 10));
  }

  @Test
  void theMostUrgentValueDecidesWhichPeerIsAskedFirst() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(1).withTransferLimits(1, 1_000, 1_000));

    w.compute("late", 9, Map.of(key("a"), on(10, A)));
    w.feed(new WorkerEvent.ComputeTask(w.nextId(), key("soon"), "run", Priority.of(1), Map.of(key("b"), on(10, B))));

    // A was asked first (only task then); when it answers, B (urgent) goes before A's next value.
    w.compute("later", 9, Map.of(key("a2"), on(10, A)));
    List<WorkerInstruction> out = w.gathered(A, "a");
    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s3", B, keys("b"), 10));
  }

  @Test
  void aTransferCarriesAtMostTheMessageLimitButAlwaysOneKey() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(1).withTransferLimits(10, 1_000_000, 25));

    List<WorkerInstruction> out =
        w.compute("f", 0, Map.of(key("big"), on(100, A), key("s1"), on(10, B), key("s2"), on(10, B), key("s3"), on(10, B)));

    assertThat(only(out, GatherDep.class))
        .containsExactly(new GatherDep("s0", A, keys("big"), 100), new GatherDep("s0", B, keys("s1", "s2"), 20));
    assertThat(only(w.gathered(B, "s1", "s2"), GatherDep.class))
        .containsExactly(new GatherDep("s1", B, keys("s3"), 10));
  }

  @Test
  void concurrentTransfersAreLimited() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(1).withTransferLimits(1, 1_000_000, 1_000_000));

    List<WorkerInstruction> out = w.compute("f", 0, Map.of(key("x"), on(10, A), key("y"), on(10, B)));

    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s0", A, keys("x"), 10));
    assertThat(only(w.gathered(A, "x"), GatherDep.class)).containsExactly(new GatherDep("s1", B, keys("y"), 10));
  }

  @Test
  void bytesInFlightAreLimited() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(1).withTransferLimits(10, 50, 1_000));

    List<WorkerInstruction> out = w.compute("f", 0, Map.of(key("x"), on(60, A), key("y"), on(10, B)));

    // x alone is over the limit but goes first, since nothing else is under way; then y waits.
    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s0", A, keys("x"), 60));
    assertThat(only(w.gathered(A, "x"), GatherDep.class)).containsExactly(new GatherDep("s1", B, keys("y"), 10));
  }

  @Test
  void aFailedPeerIsForgottenAndTheValueFetchedFromAnother() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A, B), key("z"), on(10, A)));

    List<WorkerInstruction> out = w.networkFailure(A, "x", "z");

    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s1", B, keys("x"), 10));
    assertThat(only(out, MissingData.class)).containsExactly(new MissingData("s1", key("z")));
    assertThat(w.stateOf("z")).isEqualTo(WorkerTaskState.MISSING);
    assertThat(w.state.story(key("x"))).extracting(StoryEntry::action).contains("missing-dep");
  }

  @Test
  void aPeerLackingTheKeyIsNoLongerAskedForIt() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A, B)));

    List<WorkerInstruction> out = w.gathered(A);

    assertThat(only(out, GatherDep.class)).containsExactly(new GatherDep("s1", B, keys("x"), 10));
    assertThat(executed(w.gathered(B, "x"))).containsExactly(key("f"));
  }

  @Test
  void withNoPeerLeftTheSchedulerIsToldAndNewHoldersAwaited() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));

    List<WorkerInstruction> out = w.gathered(A);

    assertThat(out).containsExactly(new MissingData("s1", key("x")));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.MISSING);
    assertThat(w.feed(new WorkerEvent.FindMissing(w.nextId()))).containsExactly(new MissingData("s2", key("x")));

    out = w.feed(new WorkerEvent.RefreshWhoHas(w.nextId(), Map.of(key("x"), Set.of(C))));

    assertThat(out).containsExactly(new GatherDep("s3", C, keys("x"), 10));
    assertThat(executed(w.gathered(C, "x"))).containsExactly(key("f"));
  }

  @Test
  void aDependencyWithNoKnownHolderIsMissingAtOnce() {
    WorkerDriver w = new WorkerDriver(1);

    List<WorkerInstruction> out =
        w.compute("f", 0, Map.of(key("x"), new DependencyInfo(Set.of(WorkerDriver.SELF), 10)));

    assertThat(out).containsExactly(new MissingData("s0", key("x")));
  }

  @Test
  void aBusyPeerIsLeftAloneUntilRetried() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));

    List<WorkerInstruction> out = w.feed(new WorkerEvent.GatherDepBusy(w.nextId(), A, keys("x")));

    assertThat(out).containsExactly(new RetryBusyPeerLater("s1", A));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.FETCH);

    out = w.feed(new WorkerEvent.RetryBusyPeer(w.nextId(), A));

    assertThat(out).containsExactly(new GatherDep("s2", A, keys("x"), 10));
  }

  @Test
  void aBusyPeerIsSkippedForAnotherHolder() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A, B)));

    List<WorkerInstruction> out = w.feed(new WorkerEvent.GatherDepBusy(w.nextId(), A, keys("x")));

    assertThat(out).containsExactly(new RetryBusyPeerLater("s1", A), new GatherDep("s1", B, keys("x"), 10));
  }

  @Test
  void aValueThatCannotBeReceivedIsAnError() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));
    ErrorInfo error = new ErrorInfo("java.io.InvalidClassException", "no such class", "");

    List<WorkerInstruction> out = w.feed(new WorkerEvent.GatherDepFailure(w.nextId(), A, keys("x"), error));

    assertThat(out).containsExactly(new TaskErred("s1", key("x"), error));
    assertThat(w.stateOf("x")).isEqualTo(WorkerTaskState.ERROR);
    assertThat(w.stateOf("f")).isEqualTo(WorkerTaskState.WAITING);
  }

  @Test
  void aRemovedPeerIsNoLongerAsked() {
    WorkerDriver w = new WorkerDriver(WorkerConfig.of(1).withTransferLimits(1, 1_000, 1_000));
    w.compute("f", 0, Map.of(key("x"), on(10, A), key("y"), on(10, B, C)));

    List<WorkerInstruction> out = w.feed(new WorkerEvent.RemovePeer(w.nextId(), B));

    assertThat(out).isEmpty();
    assertThat(only(w.gathered(A, "x"), GatherDep.class)).containsExactly(new GatherDep("s2", C, keys("y"), 10));
  }

  @Test
  void replicasAreAcquiredOnRequest() {
    WorkerDriver w = new WorkerDriver(1);

    List<WorkerInstruction> out =
        w.feed(new WorkerEvent.AcquireReplicas(w.nextId(), Map.of(key("r"), on(5, A))));

    assertThat(out).containsExactly(new GatherDep("s0", A, keys("r"), 5));
    assertThat(w.gathered(A, "r")).containsExactly(new AddKeys("s1", key("r")));
    assertThat(w.state.memory()).containsOnlyKeys(key("r"));
  }

  @Test
  void aReplyNamingOtherKeysThanAskedIsRejectedWhenValidating() {
    WorkerDriver w = new WorkerDriver(1);
    w.compute("f", 0, Map.of(key("x"), on(10, A)));

    assertThatThrownBy(() -> w.feed(new WorkerEvent.GatherDepBusy(w.nextId(), A, keys("nope"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("were asked for");
  }

  @Test
  void anUnaskedValueIsDropped() {
    WorkerDriver w = new WorkerDriver(1);

    List<WorkerInstruction> out = w.gathered(A, "stray");

    assertThat(out).containsExactly(new WorkerInstruction.DropData("s0", key("stray")));
  }
}
