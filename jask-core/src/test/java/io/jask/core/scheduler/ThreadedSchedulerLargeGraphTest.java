package io.jask.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graphs far larger than a thread's stack is deep: nothing may recurse per task. */
class ThreadedSchedulerLargeGraphTest {
  /** One plus the sum of the inputs: the root of a tree gets the number of tasks in it. */
  private static final TaskFunction ONE_PLUS_SUM = args -> {
    long sum = 1;
    for (Object a : args) {
      sum += (Long) a;
    }
    return sum;
  };

  @Test
  @Tag("slow") // about 3 s: a million tasks to build, plan and run
  void aMillionTaskTreeCompletes() {
    int n = 1_000_000;
    Graph.Builder builder = Graph.builder(n);
    for (int i = 0; i < n; i++) {
      int left = 2 * i + 1;
      int right = 2 * i + 2;
      Object[] args = left >= n ? new Object[0]
          : right >= n ? new Object[] {Key.of("tree", left)}
          : new Object[] {Key.of("tree", left), Key.of("tree", right)};
      builder.add(Task.of(Key.of("tree", i), ONE_PLUS_SUM, args));
    }
    Graph tree = builder.build();
    try (ThreadedScheduler threads = new ThreadedScheduler(4)) {
      assertThat(threads.get(tree, List.of(Key.of("tree", 0)))).containsExactly((long) n);
    }
  }

  @Test
  void aHundredThousandTaskChainCompletes() {
    int n = 100_000;
    Graph.Builder builder = Graph.builder(n);
    builder.add(Task.of(Key.of("chain", 0), ONE_PLUS_SUM));
    for (int i = 1; i < n; i++) {
      builder.add(Task.of(Key.of("chain", i), ONE_PLUS_SUM, Key.of("chain", i - 1)));
    }
    Graph chain = builder.build();
    try (ThreadedScheduler threads = new ThreadedScheduler(4)) {
      assertThat(threads.get(chain, List.of(Key.of("chain", n - 1), Key.of("chain", 0))))
          .containsExactly((long) n, 1L);
    }
    assertThat(Schedulers.sync().get(chain, List.of(Key.of("chain", n - 1)))).containsExactly((long) n);
  }
}
