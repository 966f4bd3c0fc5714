package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerSimulationTest {

  static LongStream seeds() {
    return LongStream.range(0, 150);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invariantsHoldAndEveryTaskEnds(long seed) {
    new WorkerSimulation(seed).run(400);
  }

  @Test
  void aLongRunEndsToo() {
    new WorkerSimulation(20_240_601L).run(20_000);
  }

  @Test
  void theSameSeedGivesTheSameInstructions() {
    WorkerSimulation first = new WorkerSimulation(7);
    WorkerSimulation second = new WorkerSimulation(7);
    first.run(1_000);
    second.run(1_000);

    assertThat(first.log).isNotEmpty().isEqualTo(second.log);
  }

  @Test
  void theStimulusLogReplaysARun() {
    WorkerSimulation original = new WorkerSimulation(11);
    original.run(1_000);
    WorkerState replay = new WorkerState(original.worker.state.address(), original.worker.state.config());

    List<WorkerInstruction> instructions = new ArrayList<>();
    original.worker.state.stimulusLog().forEach(event -> instructions.addAll(replay.handle(event)));

    assertThat(instructions).isNotEmpty().isEqualTo(original.log);
    assertThat(replay.story(Key.of("t3"))).isEqualTo(original.worker.state.story(Key.of("t3")));
  }

  @Test
  void theSimulationMakesEveryTransitionOfTheTable() {
    Set<String> table = new TreeSet<>();
    WorkerState.transitionTable()
        .forEach((from, tos) -> tos.forEach(to -> table.add(from.label() + " -> " + to.label())));
    Set<String> made = new TreeSet<>();
    for (long seed = 1_000; seed < 1_060; seed++) {
      WorkerSimulation simulation = new WorkerSimulation(seed);
      simulation.run(400);
      made.addAll(simulation.transitionsMade());
    }

    assertThat(made).containsAll(table);
  }
}
