package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.TaskFailedException;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Task;
import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Client#persist}: results left on the workers, and later graphs that use them there. */
class PersistTest {
  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster(2, 2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** {@code later}'s graph with the tasks of {@code held} in place of those they stand for. */
  private static Graph withHeld(Delayed<?> later, List<Task> held) {
    List<Task> tasks = new ArrayList<>(held);
    for (Task t : later.graph()) {
      if (held.stream().noneMatch(h -> h.key().equals(t.key()))) {
        tasks.add(t);
      }
    }
    return Graph.of(tasks);
  }

  @Test
  void persistedResultsStayOnTheWorkersAndLaterGraphsUseThemThere() {
    String tag = "persist-" + UUID.randomUUID();
    try (Client client = cluster.connect()) {
      Delayed<Integer> x = Jask.delayed(Tasks::countedInc, tag, 1);
      List<Task> held = client.persist(x.graph(), List.of(x.key()));

      assertThat(held).hasSize(1);
      assertThat(held.get(0).key()).isEqualTo(x.key());
      assertThat(held.get(0).isConstant()).isFalse();
      assertThat(Tasks.count(tag)).isEqualTo(1);
      assertThat(client.whoHasKeys(List.of(x.key())).get(x.key())).hasSize(1);

      Delayed<Integer> y = Jask.delayed(Tasks::add, x, 10);
      Graph later = withHeld(y, held);
      assertThat(client.get(later, List.of(y.key()))).containsExactly(12);
      assertThat(client.get(later, List.of(y.key(), x.key()))).containsExactly(12, 2);
      assertThat(Tasks.count(tag)).as("the persisted task ran once").isEqualTo(1);
      // Another scheduler fetches the kept result from the cluster.
      assertThat(Schedulers.sync().get(later, List.of(y.key()))).containsExactly(12);
      assertThat(Tasks.count(tag)).isEqualTo(1);

      try (Client other = cluster.connect()) {
        assertThatThrownBy(() -> other.get(later, List.of(y.key())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(x.key().toString())
            .hasMessageContaining("persisted on another client");
      }
    }
  }

  @Test
  void aFailingTaskFailsThePersist() {
    try (Client client = cluster.connect()) {
      Delayed<Integer> bad = Jask.delayed(Tasks::boom, 3);
      assertThatThrownBy(() -> client.persist(bad.graph(), List.of(bad.key())))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("boom 3");
    }
  }
}
