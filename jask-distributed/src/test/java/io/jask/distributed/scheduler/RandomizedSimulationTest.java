package io.jask.distributed.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Random graphs on a random, failing cluster: after every event the invariants hold; in the end
 * every wanted key is in memory or erred, and once the clients leave nothing is left anywhere.
 */
class RandomizedSimulationTest {
  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void settlesWithDefaults(long seed) {
    new Simulation(seed, SchedulerConfig.defaults()).run(600);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void settlesWithoutQueuingAndWithFragileTasks(long seed) {
    new Simulation(seed, SchedulerConfig.defaults()
        .withWorkerSaturation(Double.POSITIVE_INFINITY)
        .withAllowedFailures(0)
        .withStoryLimit(500)).run(600);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void settlesWhenInstructionsReachWorkersLate(long seed) {
    new Simulation(seed, SchedulerConfig.defaults().withAllowedFailures(1), true).run(600);
  }

  @Test
  void theSameSeedGivesTheSameMessages() {
    Simulation a = new Simulation(7, SchedulerConfig.defaults(), true);
    a.run(600);
    Simulation b = new Simulation(7, SchedulerConfig.defaults(), true);
    b.run(600);
    assertThat(a.events).isGreaterThan(250);
    assertThat(b.log).isEqualTo(a.log);
  }
}
