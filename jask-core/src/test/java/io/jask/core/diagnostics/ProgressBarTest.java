package io.jask.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.TaskFailedException;
import io.jask.core.scheduler.Schedulers;
import io.jask.core.scheduler.ThreadedScheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console progress bar, drawn into a buffer. */
class ProgressBarTest {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  static int inc(int x) {
    return x + 1;
  }

  static int fail(int x) {
    throw new IllegalStateException("task fails on " + x);
  }

  private String printed() {
    out.flush();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static Delayed<Integer> sumOfIncs(int n) {
    List<Delayed<Integer>> incs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      incs.add(Jask.delayed(ProgressBarTest::inc, i));
    }
    return Jask.delayed((List<Integer> xs) -> xs.stream().mapToInt(Integer::intValue).sum(), incs);
  }

  @Test
  void aComputationEndsWithAFullBar() {
    try (ProgressBar bar = ProgressBar.show(out, Duration.ZERO)) {
      assertThat(sumOfIncs(100).compute(Schedulers.sync())).isEqualTo(5050);
    }
    String printed = printed();
    String lastLine = printed.substring(printed.lastIndexOf('\r') + 1);
    assertThat(lastLine).contains("100% Completed")
        .contains("[" + "#".repeat(40) + "]")
        .endsWith(System.lineSeparator())
        .doesNotContain("failed");
  }

  @Test
  void worksWithTheThreadedSchedulerToo() {
    try (ProgressBar bar = ProgressBar.show(out, Duration.ZERO);
        ThreadedScheduler threads = new ThreadedScheduler(4)) {
      assertThat(sumOfIncs(1000).compute(threads)).isEqualTo(500_500);
    }
    assertThat(printed()).contains("100% Completed");
  }

  @Test
  void aFailedComputationIsMarkedFailed() {
    Delayed<Integer> failing = Jask.delayed(ProgressBarTest::inc, Jask.delayed(ProgressBarTest::fail, 1));
    try (ProgressBar bar = ProgressBar.show(out, Duration.ZERO)) {
      assertThatThrownBy(() -> failing.compute(Schedulers.sync())).isInstanceOf(TaskFailedException.class);
    }
    String printed = printed();
    assertThat(printed).contains("(failed)").doesNotContain("100% Completed");
  }

  @Test
  void afterCloseNothingIsPrinted() {
    ProgressBar bar = ProgressBar.show(out, Duration.ZERO);
    sumOfIncs(10).compute(Schedulers.sync());
    bar.close();
    int before = buffer.size();
    assertThat(before).isPositive();
    sumOfIncs(10).compute(Schedulers.sync());
    sumOfIncs(10).compute();
    assertThat(buffer.size()).isEqualTo(before);
  }

  @Test
  void quickComputationsUnderTheMinimumPrintNothing() {
    try (ProgressBar bar = ProgressBar.show(out, Duration.ofHours(1))) {
      sumOfIncs(100).compute(Schedulers.sync());
      sumOfIncs(100).compute();
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void aNegativeMinimumIsRejected() {
    assertThatThrownBy(() -> ProgressBar.show(out, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDrawingThreadStopsWithTheComputation() {
    try (ProgressBar bar = ProgressBar.show(out, Duration.ZERO)) {
      sumOfIncs(10).compute(Schedulers.sync());
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneSatisfy(t -> assertThat(t.getName()).isEqualTo("jask-progress"));
  }
}
