package io.jask.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lesson's delayed examples, as a user writes them. */
class LessonDelayedTest {
  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  @Test
  void incIncAdd() {
    Delayed<Integer> x = Jask.delayed(LessonDelayedTest::inc, 1);
    Delayed<Integer> y = Jask.delayed(LessonDelayedTest::inc, 2);
    Delayed<Integer> z = Jask.delayed(LessonDelayedTest::add, x, y);
    int total = z.compute();
    assertThat(total).isEqualTo(5);
    assertThat(z.compute(Schedulers.sync())).isEqualTo(5);
    assertThat(x.key().group()).isEqualTo("inc");
    assertThat(z.graph().size()).isEqualTo(3);
  }

  @Test
  void sumOfAList() {
    List<Delayed<Integer>> incs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      incs.add(Jask.delayed(LessonDelayedTest::inc, i));
    }
    Delayed<Integer> total = Jask.delayed((List<Integer> xs) -> xs.stream().mapToInt(Integer::intValue).sum(), incs);
    assertThat(total.compute()).isEqualTo(500_500);
  }
}
