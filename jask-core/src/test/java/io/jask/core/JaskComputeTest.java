package io.jask.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Graph;
import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jask.compute, computeAll, persist and graph over several delayed values at once. */
class JaskComputeTest {
  private static final AtomicInteger EXPENSIVE_CALLS = new AtomicInteger();

  static int expensive(int x) {
    EXPENSIVE_CALLS.incrementAndGet();
    return x * 100;
  }

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  @BeforeEach
  void resetCounter() {
    EXPENSIVE_CALLS.set(0);
  }

  @Test
  void computeRunsSharedPartsOnce() {
    Delayed<Integer> shared = Jask.delayed(JaskComputeTest::expensive, 1);
    Delayed<Integer> a = Jask.delayed(JaskComputeTest::inc, shared);
    Delayed<Integer> b = Jask.delayed(JaskComputeTest::add, shared, a);
    assertThat(Jask.compute(a, b, shared)).containsExactly(101, 201, 100);
    assertThat(EXPENSIVE_CALLS).hasValue(1);
    assertThat(Jask.compute(Schedulers.sync(), b, a)).containsExactly(201, 101);
    assertThat(EXPENSIVE_CALLS).hasValue(2);
  }

  @Test
  void computeOfNothingIsEmpty() {
    assertThat(Jask.compute()).isEmpty();
    assertThat(Jask.computeAll(List.<Delayed<Integer>>of())).isEmpty();
  }

  @Test
  void computeAllReturnsTypedResultsInOrder() {
    List<Delayed<Integer>> values = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      values.add(Jask.delayed(JaskComputeTest::inc, i));
    }
    List<Integer> results = Jask.computeAll(values);
    int sum = 0;
    for (int r : results) {
      sum += r;
    }
    assertThat(sum).isEqualTo(5050);
    assertThat(results).startsWith(1, 2, 3).endsWith(100);
    assertThat(Jask.computeAll(Schedulers.sync(), values.subList(0, 3))).containsExactly(1, 2, 3);
  }

  @Test
  void persistKeepsTheKeyAndHoldsTheResult() {
    Delayed<Integer> work = Jask.delayed(JaskComputeTest::expensive, 3);
    Delayed<Integer> persisted = work.persist();
    assertThat(EXPENSIVE_CALLS).hasValue(1);
    assertThat(persisted.key()).isEqualTo(work.key());
    Graph graph = persisted.graph();
    assertThat(graph.size()).isEqualTo(1);
    assertThat(graph.task(0).isConstant()).isTrue();
    assertThat(graph.task(0).key()).isEqualTo(work.key());

    assertThat(persisted.compute()).isEqualTo(300);
    assertThat(Jask.delayed(JaskComputeTest::inc, persisted).compute(Schedulers.sync())).isEqualTo(301);
    assertThat(persisted.then(JaskComputeTest::inc).then(JaskComputeTest::inc).compute()).isEqualTo(302);
    assertThat(EXPENSIVE_CALLS).as("the persisted work never runs again").hasValue(1);
  }

  @Test
  void persistOfSeveralValuesComputesThemTogether() {
    Delayed<Integer> shared = Jask.delayed(JaskComputeTest::expensive, 2);
    Delayed<Integer> a = Jask.delayed(JaskComputeTest::inc, shared);
    Delayed<Integer> b = Jask.delayed(JaskComputeTest::add, shared, 1000);
    List<Delayed<?>> persisted = Jask.persist(a, b);
    assertThat(EXPENSIVE_CALLS).hasValue(1);
    assertThat(persisted).extracting(Delayed::key).containsExactly(a.key(), b.key());
    assertThat(Jask.compute(persisted.get(0), persisted.get(1))).containsExactly(201, 1200);
    assertThat(persisted.get(0).graph().size()).isEqualTo(1);
    assertThat(EXPENSIVE_CALLS).hasValue(1);
  }

  @Test
  void aPersistedValueKeepsItsDeclaredOutputs() {
    Delayed<List<Integer>> pair = Jask.options().nout(2).delayed((Integer x) -> List.of(x, -x), 4);
    Delayed<List<Integer>> persisted = pair.persist(Schedulers.sync());
    assertThat(Jask.computeAll(persisted.outputs())).containsExactly(4, -4);
  }

  @Test
  void graphOfSeveralValuesHoldsSharedTasksOnce() {
    Delayed<Integer> shared = Jask.delayed(JaskComputeTest::inc, 1);
    Delayed<Integer> a = Jask.delayed(JaskComputeTest::inc, shared);
    Delayed<Integer> b = Jask.delayed(JaskComputeTest::inc, shared);
    Graph graph = Jask.graph(a, b);
    assertThat(graph.size()).isEqualTo(3);
    assertThat(graph.keys()).containsExactlyInAnyOrder(shared.key(), a.key(), b.key());
  }

  @Test
  void aLongChainOfDelayedCallsComputes() {
    Delayed<Integer> value = Jask.value(0);
    for (int i = 0; i < 100_000; i++) {
      value = Jask.delayed(JaskComputeTest::inc, value);
    }
    assertThat(value.compute()).isEqualTo(100_000);
    assertThat(value.compute(Schedulers.sync())).isEqualTo(100_000);
  }
}
