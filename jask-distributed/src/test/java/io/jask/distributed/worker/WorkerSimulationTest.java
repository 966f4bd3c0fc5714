package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorkerSimulationTest {

  static LongStream seeds() {
    return LongStream.range(0, 200);
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
}
