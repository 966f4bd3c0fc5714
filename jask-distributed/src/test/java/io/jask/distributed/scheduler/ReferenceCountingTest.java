package io.jask.distributed.scheduler;

import static io.jask.distributed.scheduler.SchedulerDriver.compute;
import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static io.jask.distributed.scheduler.SchedulerDriver.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.FreeKeys;
import io.jask.distributed.scheduler.SchedulerMessage.KeyCancelled;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Futures as reference counts: a key lives while a client wants it or a pending task needs it. */
class ReferenceCountingTest {
  static final Key X = SimpleGraphTest.X;
  static final Key Y = SimpleGraphTest.Y;
  static final Key Z = SimpleGraphTest.Z;

  @Test
  void releasingWhileRunningCancelsOnTheWorkerAndForgetsEverything() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    List<SchedulerMessage> started = d.submit("c", SimpleGraphTest.graph(), Z);
    String sid = d.nextStimulus();
    assertThat(d.release("c", Z)).containsExactly(new FreeKeys("w1", List.of(X, Y), sid));
    d.assertEmpty();
    // the worker finished x before it got the message: its result is freed there
    String late = d.nextStimulus();
    assertThat(d.finish(compute(started, X), 8)).containsExactly(new FreeKeys("w1", List.of(X), late));
  }

  @Test
  void aKeyWantedByTwoClientsLivesUntilBothReleaseIt() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("a");
    d.connect("b");
    d.addWorker("w1", 2);
    d.runToCompletion(d.submit("a", SimpleGraphTest.graph(), Z), 8);
    // b submits the same graph: z is already in memory and reported at once
    assertThat(d.submit("b", SimpleGraphTest.graph(), Z)).containsExactly(new KeyInMemory("b", Z, "Integer"));

    assertThat(d.release("a", Z)).isEmpty();
    assertThat(d.state.status(Z)).isEqualTo(TaskStatus.MEMORY);
    String sid = d.nextStimulus();
    assertThat(d.release("b", Z)).containsExactly(new FreeKeys("w1", List.of(Z), sid));
    d.assertEmpty();
  }

  @Test
  void aNeededDependencyStaysUntilItsDependentIsDone() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    List<SchedulerMessage> started = d.submit("c", SimpleGraphTest.graph(), X, Z);
    d.finish(compute(started, X), 8);
    // the client drops x, but z still needs it
    assertThat(d.release("c", X)).isEmpty();
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.MEMORY);
    ComputeTask z = single(d.finish(compute(started, Y), 8), ComputeTask.class);
    String sid = d.nextStimulus();
    assertThat(d.finish(z, 8))
        .containsExactly(new KeyInMemory("c", Z, "Integer"), new FreeKeys("w1", List.of(X, Y), sid));
    d.release("c", Z);
    d.assertEmpty();
  }

  @Test
  void disconnectingReleasesEverythingTheClientWanted() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    d.runToCompletion(d.submit("c", SimpleGraphTest.graph(), X, Z), 8);
    String sid = d.nextStimulus();
    assertThat(d.disconnect("c")).containsExactly(new FreeKeys("w1", List.of(X, Z), sid));
    d.assertEmpty();
    assertThat(d.state.clients()).isEmpty();
    // events from the gone client are stale
    assertThat(d.submit("c", SimpleGraphTest.graph(), Z)).isEmpty();
    d.assertEmpty();
  }

  @Test
  void cancellingTellsTheClientAndStopsTheWork() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    d.submit("c", SimpleGraphTest.graph(), Z);
    String sid = d.nextStimulus();
    assertThat(d.cancel("c", false, Z))
        .containsExactly(new KeyCancelled("c", Z), new FreeKeys("w1", List.of(X, Y), sid));
    d.assertEmpty();
  }

  @Test
  void cancellingAnInputCancelsTheDependentsTheSameClientWants() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    d.submit("c", SimpleGraphTest.graph(), X, Z);
    List<SchedulerMessage> out = d.cancel("c", false, X);
    assertThat(of(out, KeyCancelled.class)).containsExactly(new KeyCancelled("c", X), new KeyCancelled("c", Z));
    d.assertEmpty();
  }

  @Test
  void cancellingLeavesOtherClientsAloneUnlessForced() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("a");
    d.connect("b");
    d.addWorker("w1", 2);
    d.submit("a", SimpleGraphTest.graph(), Z);
    d.submit("b", SimpleGraphTest.graph(), Z);
    assertThat(d.cancel("a", false, Z)).containsExactly(new KeyCancelled("a", Z));
    assertThat(d.state.status(Z)).isEqualTo(TaskStatus.WAITING);

    d.submit("a", SimpleGraphTest.graph(), Z);
    List<SchedulerMessage> forced = d.cancel("a", true, Z);
    assertThat(of(forced, KeyCancelled.class)).containsExactly(new KeyCancelled("b", Z), new KeyCancelled("a", Z));
    assertThat(of(forced, FreeKeys.class)).hasSize(1);
    d.assertEmpty();
  }

  @Test
  void aReleasedInputIsRecomputedWhenWantedAgain() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    d.runToCompletion(d.submit("c", SimpleGraphTest.graph(), Z), 8);
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.RELEASED);
    // x is known only as lineage of z; wanting it again recomputes it
    List<SchedulerMessage> again = d.submit("c", List.of(), X);
    assertThat(single(again, ComputeTask.class).key()).isEqualTo(X);
    assertThat(d.runToCompletion(again, 8)).contains(new KeyInMemory("c", X, "Integer"));
  }

  @Test
  void aKeyWantedTwiceInOneSubmissionIsReportedOnce() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    d.runToCompletion(d.submit("c", SimpleGraphTest.graph(), Z), 8);
    assertThat(d.submit("c", List.of(), Z, Z)).containsExactly(new KeyInMemory("c", Z, "Integer"));
    d.release("c", Z);
    d.assertEmpty();
  }

  @Test
  void unknownWantedKeysAreReportedLostAndUnneededTasksForgotten() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 2);
    Key nobody = Key.of("nobody-00000001");
    List<SchedulerMessage> out = d.submit("c", SimpleGraphTest.graph(), nobody);
    assertThat(single(out, SchedulerMessage.KeyLost.class).key()).isEqualTo(nobody);
    d.assertEmpty();
  }
}
