package io.jask.distributed.scheduler;

import io.jask.distributed.protocol.ErrorInfo;
import static io.jask.distributed.scheduler.SchedulerDriver.compute;
import static io.jask.distributed.scheduler.SchedulerDriver.of;
import static io.jask.distributed.scheduler.SchedulerDriver.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent.RemovalReason;
import io.jask.distributed.scheduler.SchedulerMessage.ComputeTask;
import io.jask.distributed.scheduler.SchedulerMessage.FreeKeys;
import io.jask.distributed.scheduler.SchedulerMessage.KeyErred;
import io.jask.distributed.scheduler.SchedulerMessage.KeyInMemory;
import io.jask.distributed.scheduler.SchedulerMessage.KeyLost;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Workers dying, data lost, tasks throwing: the scheduler recovers, or says why it cannot. */
class FailureTest {
  static final Key X = Key.of("x-00000001");
  static final Key Y = Key.of("y-00000001");
  static final Key Z = Key.of("z-00000001");
  static final ErrorInfo BOOM =
      new ErrorInfo("java.lang.ArithmeticException", "/ by zero", "java.lang.ArithmeticException: / by zero\n\tat Lesson.div(Lesson.java:7)\n");

  /** x, y = f(x), z = g(y); the client wants z. */
  static List<TaskSpec> chain() {
    return List.of(TaskSpec.of(X, "x"), TaskSpec.of(Y, "f", X), TaskSpec.of(Z, "g", Y));
  }

  @Test
  void aTaskOnALostWorkerIsRescheduledElsewhere() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    ComputeTask onW1 = single(d.submit("c", List.of(TaskSpec.of(X, "x")), X), ComputeTask.class);
    assertThat(onW1.worker()).isEqualTo("w1");

    ComputeTask onW2 = single(d.removeWorker("w1", RemovalReason.LOST), ComputeTask.class);
    assertThat(onW2.worker()).isEqualTo("w2");
    assertThat(onW2.runId()).isGreaterThan(onW1.runId());
    assertThat(d.state.registry().tasks.get(X).suspicious).isEqualTo(1);
    assertThat(d.state.story(X)).anySatisfy(e -> assertThat(e.details()).contains("w1 died while processing it"));

    // a result from the dead worker's run is ignored: w1 is gone
    assertThat(d.finish(onW1, 8)).isEmpty();
    assertThat(d.finish(onW2, 8)).containsExactly(new KeyInMemory("c", X, "Integer"));
  }

  @Test
  void aRetiringWorkerDoesNotMakeItsTasksSuspicious() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    d.submit("c", List.of(TaskSpec.of(X, "x")), X);
    assertThat(single(d.removeWorker("w1", RemovalReason.RETIRED), ComputeTask.class).worker()).isEqualTo("w2");
    assertThat(d.state.registry().tasks.get(X).suspicious).isZero();
  }

  @Test
  void inputsLostWithTheirWorkerAreRecomputedFromLineage() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    List<SchedulerMessage> started = d.submit("c", chain(), Z);
    ComputeTask x = compute(started, X);
    assertThat(x.worker()).isEqualTo("w1");
    ComputeTask y = single(d.finish(x, 100), ComputeTask.class);
    assertThat(y.worker()).isEqualTo("w1");

    // w1 dies while running y: x (only on w1) is recomputed on w2, then y
    List<SchedulerMessage> lost = d.removeWorker("w1", RemovalReason.LOST);
    ComputeTask x2 = single(lost, ComputeTask.class);
    assertThat(x2.key()).isEqualTo(X);
    assertThat(x2.worker()).isEqualTo("w2");
    assertThat(d.state.status(Y)).isEqualTo(TaskStatus.WAITING);
    ComputeTask y2 = single(d.finish(x2, 100), ComputeTask.class);
    assertThat(y2.key()).isEqualTo(Y);
    assertThat(y2.whoHas()).containsEntry(X, List.of("w2"));

    ComputeTask z = single(d.finish(y2, 100), ComputeTask.class);
    assertThat(d.finish(z, 8)).startsWith(new KeyInMemory("c", Z, "Integer"));
  }

  @Test
  void aWantedResultLostWithItsWorkerIsRecomputedAndReportedAgain() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    List<SchedulerMessage> all = d.runToCompletion(d.submit("c", chain(), Z), 8);
    assertThat(of(all, KeyInMemory.class)).containsExactly(new KeyInMemory("c", Z, "Integer"));
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.RELEASED);

    d.addWorker("w2", 1);
    List<SchedulerMessage> lost = d.removeWorker("w1", RemovalReason.LOST);
    assertThat(single(lost, ComputeTask.class).key()).isEqualTo(X);
    List<SchedulerMessage> again = d.runToCompletion(lost, 8);
    assertThat(of(again, ComputeTask.class)).extracting(ComputeTask::key).containsExactly(X, Y, Z);
    assertThat(of(again, KeyInMemory.class)).containsExactly(new KeyInMemory("c", Z, "Integer"));
    assertThat(d.state.whoHas(Z)).containsExactly("w2");
  }

  @Test
  void dataMissingOnItsOnlyWorkerIsRecomputed() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.runToCompletion(d.submit("c", List.of(TaskSpec.of(X, "x")), X), 8);
    assertThat(d.missing("w2", X)).isEmpty();
    ComputeTask again = single(d.missing("w1", X), ComputeTask.class);
    assertThat(again.key()).isEqualTo(X);
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.PROCESSING);
  }

  @Test
  void aTaskWhoseWorkersKeepDyingErrsWithKilledWorkerAndItsStory() {
    SchedulerDriver d = new SchedulerDriver(SchedulerConfig.defaults().withAllowedFailures(2));
    d.connect("c");
    for (String w : List.of("w1", "w2", "w3", "w4")) {
      d.addWorker(w, 1);
    }
    assertThat(single(d.submit("c", List.of(TaskSpec.of(X, "x")), X), ComputeTask.class).worker()).isEqualTo("w1");
    assertThat(single(d.removeWorker("w1", RemovalReason.LOST), ComputeTask.class).worker()).isEqualTo("w2");
    assertThat(single(d.removeWorker("w2", RemovalReason.LOST), ComputeTask.class).worker()).isEqualTo("w3");

    List<SchedulerMessage> third = d.removeWorker("w3", RemovalReason.LOST);
    KeyErred erred = single(third, KeyErred.class);
    assertThat(third).hasSize(1);
    assertThat(erred.key()).isEqualTo(X);
    assertThat(erred.cause()).isEqualTo(X);
    assertThat(erred.error().exceptionClass()).isEqualTo(ErrorInfo.KILLED_WORKER);
    assertThat(erred.error().message()).contains("on 3 different workers").contains("w3");
    assertThat(erred.error().stackTrace())
        .contains("w1 died while processing it")
        .contains("w2 died while processing it")
        .contains("w3 died while processing it");
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.ERRED);
  }

  @Test
  void byDefaultTheFourthDeathIsFatal() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    for (String w : List.of("w1", "w2", "w3", "w4", "w5")) {
      d.addWorker(w, 1);
    }
    d.submit("c", List.of(TaskSpec.of(X, "x")), X);
    for (String w : List.of("w1", "w2", "w3")) {
      assertThat(of(d.removeWorker(w, RemovalReason.LOST), ComputeTask.class)).hasSize(1);
    }
    assertThat(single(d.removeWorker("w4", RemovalReason.LOST), KeyErred.class).error().exceptionClass())
        .isEqualTo(ErrorInfo.KILLED_WORKER);
  }

  @Test
  void anErrorReachesTheClientAndEveryDependentNamesItsCause() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    ComputeTask x = compute(d.submit("c", chain(), X, Z), X);
    List<SchedulerMessage> failed = d.fail(x, BOOM);
    assertThat(failed)
        .containsExactlyInAnyOrder(new KeyErred("c", X, X, BOOM), new KeyErred("c", Z, X, BOOM));
    assertThat(d.state.status(Y)).isEqualTo(TaskStatus.ERRED);
    assertThat(d.state.error(Z)).hasValueSatisfying(e -> {
      assertThat(e.getKey()).isEqualTo(X);
      assertThat(e.getValue().stackTrace()).contains("Lesson.div");
    });

    // a graph submitted later on top of the erred key errs at once
    Key w = Key.of("w-00000001");
    assertThat(d.submit("c", List.of(TaskSpec.of(w, "h", Z)), w)).containsExactly(new KeyErred("c", w, X, BOOM));

    d.disconnect("c");
    d.assertEmpty();
  }

  @Test
  void aTaskWithRetriesIsRunAgainUntilTheyAreUsedUp() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    ComputeTask first = single(d.submit("c", List.of(TaskSpec.of(X, "x").withRetries(2)), X), ComputeTask.class);

    List<SchedulerMessage> retry1 = d.fail(first, BOOM);
    assertThat(retry1).hasSize(2);
    assertThat(retry1.get(0)).isEqualTo(new FreeKeys("w1", List.of(X), "s4"));
    ComputeTask second = single(retry1, ComputeTask.class);
    ComputeTask third = single(d.fail(second, BOOM), ComputeTask.class);
    assertThat(third.runId()).isGreaterThan(second.runId());
    assertThat(d.fail(third, BOOM)).containsExactly(new KeyErred("c", X, X, BOOM));
    assertThat(d.state.story(X)).filteredOn(e -> e.details().contains("retrying")).hasSize(2);
  }

  @Test
  void scatteredDataLostWithItsWorkerIsReportedLostAndItsDependentsErr() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    assertThat(d.scatter("c", X, 64, "w1")).containsExactly(new KeyInMemory("c", X, "int[]"));
    ComputeTask y = single(d.submit("c", List.of(TaskSpec.of(Y, "f", X)), Y), ComputeTask.class);
    assertThat(y.worker()).isEqualTo("w1");

    List<SchedulerMessage> lost = d.removeWorker("w1", RemovalReason.LOST);
    KeyLost keyLost = single(lost, KeyLost.class);
    assertThat(keyLost.key()).isEqualTo(X);
    assertThat(keyLost.reason()).contains("no lineage").contains("scattered");
    KeyErred yErred = single(lost, KeyErred.class);
    assertThat(yErred.key()).isEqualTo(Y);
    assertThat(yErred.cause()).isEqualTo(X);
    assertThat(yErred.error().exceptionClass()).isEqualTo(ErrorInfo.LOST_DATA);
    assertThat(of(lost, ComputeTask.class)).isEmpty();

    d.release("c", X, Y);
    d.assertEmpty();
  }

  @Test
  void lostScatteredDataCanBeScatteredAgain() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    d.scatter("c", X, 64, "w1");
    List<SchedulerMessage> done = d.runToCompletion(d.submit("c", List.of(TaskSpec.of(Y, "f", X)), Y), 8);
    assertThat(done).contains(new KeyInMemory("c", Y, "Integer"));
    d.release("c", X);
    // x is no longer wanted: freed, but kept as y's (lineage-less) dependency
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.RELEASED);
    assertThat(d.scatter("c", X, 64, "w2")).containsExactly(new KeyInMemory("c", X, "int[]"));
    assertThat(d.state.whoHas(X)).containsExactly("w2");
    assertThat(d.state.story(X)).extracting(StoryEntry::from, StoryEntry::to)
        .endsWith(org.assertj.core.groups.Tuple.tuple(TaskStatus.RELEASED, TaskStatus.MEMORY));
  }

  @Test
  void aDependencyNobodyKnowsErrsTheTask() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    Key ghost = Key.of("ghost-00000001");
    List<SchedulerMessage> out = d.submit("c", List.of(TaskSpec.of(Y, "f", ghost), TaskSpec.of(Z, "g", Y)), Z);
    KeyErred erred = single(out, KeyErred.class);
    assertThat(erred.key()).isEqualTo(Z);
    assertThat(erred.cause()).isEqualTo(Y);
    assertThat(erred.error().exceptionClass()).isEqualTo(ErrorInfo.MISSING_DEPENDENCY);
    assertThat(erred.error().message()).contains("ghost-00000001");
    d.release("c", Z);
    d.assertEmpty();
  }

  @Test
  void staleResultsAreFreedOrIgnored() {
    SchedulerDriver d = new SchedulerDriver();
    d.connect("c");
    d.addWorker("w1", 1);
    d.addWorker("w2", 1);
    ComputeTask run1 = single(d.submit("c", List.of(TaskSpec.of(X, "x").withWorkerRestrictions(Set.of("w1", "w2"))), X), ComputeTask.class);
    // the task is released and submitted again: run 1's late result must not count
    d.release("c", X);
    ComputeTask run2 = single(d.submit("c", List.of(TaskSpec.of(X, "x")), X), ComputeTask.class);
    assertThat(run2.worker()).isEqualTo("w1");
    assertThat(d.finish(run1, 8)).isEmpty();
    assertThat(d.state.status(X)).isEqualTo(TaskStatus.PROCESSING);
    // a result from a worker the task is not processing on is freed there
    String sid = d.nextStimulus();
    assertThat(d.finish(new ComputeTask("w2", X, run2.runId(), "x", run2.priority(), run2.whoHas(), run2.nbytes(), run2.resources(), "fake"), 8))
        .containsExactly(new FreeKeys("w2", List.of(X), sid));
    assertThat(d.finish(run2, 8)).containsExactly(new KeyInMemory("c", X, "Integer"));
    assertThat(d.finish(run2, 8)).isEmpty();
  }
}
