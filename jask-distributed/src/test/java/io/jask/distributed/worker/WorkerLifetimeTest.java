package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A worker's lifetime: how it is written on the command line, and how it is staggered. */
class WorkerLifetimeTest {
  @Test
  void durationsParseAsWorkersAreToldThem() {
    assertThat(WorkerLifetime.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(WorkerLifetime.parse("55m")).isEqualTo(Duration.ofMinutes(55));
    assertThat(WorkerLifetime.parse("55 min")).isEqualTo(Duration.ofMinutes(55));
    assertThat(WorkerLifetime.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(WorkerLifetime.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(WorkerLifetime.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(WorkerLifetime.parse("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(WorkerLifetime.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> WorkerLifetime.parse("soon")).hasMessageContaining("'soon'");
    assertThatThrownBy(() -> WorkerLifetime.parse("-5s")).hasMessageContaining("'-5s'");
  }

  @Test
  void staggeredLifetimesStayWithinTheStaggerEitherWay() {
    Random random = new Random(7);
    Duration life = Duration.ofMinutes(10);
    Duration stagger = Duration.ofMinutes(1);
    boolean below = false;
    boolean above = false;
    for (int i = 0; i < 1000; i++) {
      Duration d = WorkerLifetime.staggered(life, stagger, random);
      assertThat(d).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
      below |= d.compareTo(life) < 0;
      above |= d.compareTo(life) > 0;
    }
    assertThat(below && above).isTrue();
    assertThat(WorkerLifetime.staggered(life, Duration.ZERO, random)).isEqualTo(life);
    assertThat(WorkerLifetime.staggered(Duration.ofSeconds(1), Duration.ofMinutes(1), new Random(1)))
        .isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void theWorkerCommandLineTakesALifetime() {
    WorkerArguments args = WorkerArguments.parse("tcp://127.0.0.1:8786", "--lifetime", "55m",
        "--lifetime-stagger", "4m");
    assertThat(args.lifetime()).isEqualTo(Duration.ofMinutes(55));
    assertThat(args.lifetimeStagger()).isEqualTo(Duration.ofMinutes(4));
    assertThat(WorkerArguments.parse("tcp://127.0.0.1:8786").lifetime()).isNull();
    assertThatThrownBy(() -> WorkerArguments.parse("tcp://127.0.0.1:8786", "--lifetime-stagger", "4m"))
        .hasMessageContaining("--lifetime-stagger needs --lifetime");
    assertThatThrownBy(() -> WorkerArguments.parse("tcp://127.0.0.1:8786", "--lifetime", "never"))
        .hasMessageContaining("--lifetime").hasMessageContaining("never");
  }

  @Test
  void aLifetimeAndMemoryThresholdsGoTogetherOnOneCommandLine() {
    WorkerArguments args = WorkerArguments.parse("tcp://127.0.0.1:8786", "--memory-target", "0.5",
        "--lifetime", "10m", "--local-directory", "spill", "--memory-pause", "0.7");
    assertThat(args.lifetime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(args.lifetimeStagger()).isEqualTo(Duration.ZERO);
    assertThat(args.thresholds()).isEqualTo(MemoryThresholds.defaults().withTarget(0.5).withPause(0.7));
    assertThat(args.localDirectory()).isEqualTo(java.nio.file.Path.of("spill"));
  }
}
