package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How many warm-up runs {@link JitWarmUp} makes: the bounds, not the JIT's timing. */
class JitWarmUpTest {
  @Test
  void runsAtLeastTheMinimumAndAtMostTheMaximum() {
    AtomicInteger calls = new AtomicInteger();
    int runs = JitWarmUp.run(calls::incrementAndGet, 2, 5);
    // A full window of runs is judged before the JIT counts as settled.
    int least = JitWarmUp.compilationMillis() < 0 ? 2 : JitWarmUp.WINDOW;
    assertThat(runs).isBetween(least, 5).isEqualTo(calls.get());

    calls.set(0);
    assertThat(JitWarmUp.run(calls::incrementAndGet, 4, 4)).isEqualTo(4);
    assertThat(calls.get()).isEqualTo(4);

    calls.set(0);
    assertThat(JitWarmUp.run(calls::incrementAndGet, 0, 0)).isZero();
    assertThat(calls.get()).isZero();
  }

  @Test
  void badBoundsAreRefusedNamingBoth() {
    assertThatThrownBy(() -> JitWarmUp.run(() -> {}, 3, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min=3").hasMessageContaining("max=2");
    assertThatThrownBy(() -> JitWarmUp.run(() -> {}, -1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min=-1");
  }

  @Test
  void compilationTimeOnlyGrows() {
    long before = JitWarmUp.compilationMillis();
    JitWarmUp.run(() -> Math.sqrt(System.nanoTime()), 1, 3);
    long after = JitWarmUp.compilationMillis();
    assertThat(after).isGreaterThanOrEqualTo(before);
  }
}
