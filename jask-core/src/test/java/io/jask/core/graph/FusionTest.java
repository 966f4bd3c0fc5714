package io.jask.core.graph;

import static io.jask.core.graph.GraphErrors.graphException;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.GraphException;
import io.jask.core.graph.Nested.ListArg;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FusionTest {
  private static final Key A = Key.of("a");
  private static final Key B = Key.of("b");
  private static final Key C = Key.of("c");
  private static final Key D = Key.of("d");

  static Object inc(Object[] args) {
    return ((Number) args[0]).longValue() + 1;
  }

  static Object add(Object[] args) {
    return ((Number) args[0]).longValue() + ((Number) args[1]).longValue();
  }

  static Object mul(Object[] args) {
    return ((Number) args[0]).longValue() * ((Number) args[1]).longValue();
  }

  static Object sumList(Object[] args) {
    long total = 0;
    for (Object o : (List<?>) args[0]) {
      total += ((Number) o).longValue();
    }
    return total;
  }

  static List<Long> seeds() {
    return RandomDags.seeds(200).toList();
  }

  /** a = 1; b = inc(a); c = inc(b); d = inc(c). */
  private static Graph chain() {
    return Graph.of(
        Task.constant(A, 1L),
        Task.of(B, FusionTest::inc, A),
        Task.of(C, FusionTest::inc, B),
        Task.of(D, FusionTest::inc, C));
  }

  @Test
  void aChainFusesIntoOneTaskKeyedByItsLastKey() throws Exception {
    Graph fused = chain().fuseLinear(List.of(D));
    assertThat(fused.keys()).containsExactly(D);
    Task t = fused.get(D);
    assertThat(t.dependencies()).isEmpty();
    assertThat(t.functionName()).isEqualTo("inc");
    assertThat(t.run(new Object[0])).isEqualTo(4L);
    assertThat(RandomDags.evaluate(fused, List.of(D))).isEqualTo(Map.of(D, 4L));
  }

  @Test
  void keptTasksAreNotAbsorbed() {
    Graph fused = chain().fuseLinear(List.of(B, D));
    assertThat(fused.keys()).containsExactly(B, D);
    assertThat(fused.get(B).dependencies()).isEmpty();
    assertThat(fused.get(D).dependencies()).containsExactly(B);
    assertThat(RandomDags.evaluate(fused, List.of(B, D))).isEqualTo(Map.of(B, 2L, D, 4L));
  }

  @Test
  void keepingEverythingChangesNothing() {
    Graph g = chain();
    Graph fused = g.fuseLinear(g.keys());
    assertThat(fused.keys()).isEqualTo(g.keys());
    for (Key k : g.keys()) {
      assertThat(fused.get(k)).isSameAs(g.get(k));
    }
  }

  @Test
  void keepKeysNotInTheGraphAreIgnored() {
    assertThat(chain().fuseLinear(List.of(D, Key.of("elsewhere"))).keys()).containsExactly(D);
  }

  @Test
  void aTaskWithTwoDependentsIsNotAbsorbed() {
    // a -> x -> b and x -> c: x has two dependents; a has one, so it fuses into x.
    Key x = Key.of("x");
    Graph g = Graph.of(
        Task.constant(A, 1L),
        Task.of(x, FusionTest::inc, A),
        Task.of(B, FusionTest::inc, x),
        Task.of(C, FusionTest::mul, x, 10L));
    Graph fused = g.fuseLinear(List.of(B, C));
    assertThat(fused.keys()).containsExactly(x, B, C);
    assertThat(fused.get(x).dependencies()).isEmpty();
    assertThat(fused.get(B)).isSameAs(g.get(B));
    assertThat(fused.get(C)).isSameAs(g.get(C));
    assertThat(RandomDags.evaluate(fused, List.of(B, C))).isEqualTo(Map.of(B, 3L, C, 20L));
  }

  @Test
  void aDiamondIsPreserved() {
    Graph g = Graph.of(
        Task.constant(A, 1L),
        Task.of(B, FusionTest::inc, A),
        Task.of(C, FusionTest::mul, A, 3L),
        Task.of(D, FusionTest::add, B, C));
    Graph fused = g.fuseLinear(List.of(D));
    assertThat(fused.keys()).containsExactly(A, B, C, D);
    for (Key k : g.keys()) {
      assertThat(fused.get(k)).isSameAs(g.get(k));
    }
  }

  @Test
  void chainsOnTheEdgesOfADiamondFuse() {
    Key b1 = Key.of("b", 1);
    Key b2 = Key.of("b", 2);
    Key b3 = Key.of("b", 3);
    Graph g = Graph.of(
        Task.constant(A, 2L),
        Task.of(b1, FusionTest::inc, A),
        Task.of(b2, FusionTest::mul, b1, 10L),
        Task.of(b3, FusionTest::inc, b2),
        Task.of(C, FusionTest::inc, A),
        Task.of(D, FusionTest::add, b3, C));
    Graph fused = g.fuseLinear(List.of(D));
    assertThat(fused.keys()).containsExactly(A, b3, C, D);
    assertThat(fused.get(b3).dependencies()).containsExactly(A);
    assertThat(fused.get(D).dependencies()).containsExactly(b3, C);
    assertThat(RandomDags.evaluate(fused, List.of(D)))
        .isEqualTo(RandomDags.evaluate(g, List.of(D)))
        .isEqualTo(Map.of(D, (2L + 1) * 10 + 1 + (2 + 1)));
  }

  @Test
  void fusedTasksResolveArgumentsOfEveryLink() {
    // Links with plain arguments, a dependency used twice, and a dependency inside a list.
    Key x = Key.of("x");
    Key y = Key.of("y");
    Key z = Key.of("z");
    Graph g = Graph.of(
        Task.of(A, FusionTest::add, 3L, 4L),
        Task.of(x, FusionTest::add, A, A),
        Task.of(y, FusionTest::sumList, new ListArg(List.of(x, 100L, x))),
        Task.of(z, FusionTest::mul, 2L, y));
    Graph fused = g.fuseLinear(List.of(z));
    assertThat(fused.keys()).containsExactly(z);
    long expected = 2 * (14 + 100 + 14);
    assertThat(RandomDags.evaluate(fused, List.of(z))).isEqualTo(Map.of(z, expected));
    assertThat(RandomDags.evaluate(g, List.of(z))).isEqualTo(Map.of(z, expected));
  }

  @Test
  void aFusedChainKeepsTheHeadsDependencies() {
    Key in1 = Key.of("in", 1);
    Key in2 = Key.of("in", 2);
    Graph g = Graph.of(
        Task.constant(in1, 5L),
        Task.constant(in2, 7L),
        Task.of(A, FusionTest::add, in1, in2),
        Task.of(B, FusionTest::inc, A),
        Task.of(C, FusionTest::inc, B));
    Graph fused = g.fuseLinear(List.of(C));
    assertThat(fused.keys()).containsExactly(in1, in2, C);
    assertThat(fused.get(C).dependencies()).containsExactly(in1, in2);
    assertThat(RandomDags.evaluate(fused, List.of(C))).isEqualTo(Map.of(C, 14L));
  }

  @Test
  void aLongChainFusesAndRunsWithoutRecursion() throws Exception {
    int n = 200_000;
    Graph.Builder b = Graph.builder(n);
    b.add(Task.constant(Key.of("link", 0), 0L));
    for (int i = 1; i < n; i++) {
      b.add(Task.of(Key.of("link", i), FusionTest::inc, Key.of("link", i - 1)));
    }
    Key last = Key.of("link", n - 1);
    Graph fused = b.build().fuseLinear(List.of(last));
    assertThat(fused.keys()).containsExactly(last);
    assertThat(fused.get(last).run(new Object[0])).isEqualTo((long) n - 1);
  }

  @Test
  void fusionLeavesACycleForThePlanToReport() {
    // r0 -> r1 -> r2 -> r3 -> r0, and x -> r0: each ring task has a single dependency.
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(Task.of(Key.of("r", i), FusionTest::inc, Key.of("r", (i + 1) % 4)));
    }
    Key x = Key.of("x");
    tasks.add(Task.of(x, FusionTest::inc, Key.of("r", 0)));
    Graph fused = Graph.of(tasks).fuseLinear(List.of(x));
    GraphException e = graphException(() -> ExecutionPlan.of(fused, List.of(x)));
    assertThat(e.keys()).isNotEmpty().doesNotContain(x);
    assertThat(e).hasMessageContaining("cycle");
  }

  @Test
  void fusionKeepsAnIsolatedCycleSoValidationReportsIt() {
    // r0 -> r1 -> r2 -> r0 with nothing outside: every task would be absorbed into another.
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(Task.of(Key.of("r", i), FusionTest::inc, Key.of("r", (i + 1) % 3)));
    }
    Graph fused = Graph.of(tasks).fuseLinear(List.of());
    assertThat(fused.size()).isEqualTo(3);
    GraphException e = graphException(fused::validate);
    assertThat(e.keys()).containsExactlyInAnyOrder(Key.of("r", 0), Key.of("r", 1), Key.of("r", 2));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fusingRandomDagsAbsorbsExactlyTheLinearLinksAndKeepsTheResults(long seed) {
    RandomDags.Dag dag = RandomDags.generate(seed, 300);
    Graph g = dag.graph();
    Set<Key> keep = new HashSet<>(dag.outputs());
    Graph fused = g.fuseLinear(keep);
    int[] dependents = dag.dependentCounts();
    int[] dependentOf = new int[dag.size()];
    for (int v = 0; v < dag.size(); v++) {
      for (int d : dag.deps()[v]) {
        dependentOf[d] = v;
      }
    }

    assertThat(fused.size()).isLessThanOrEqualTo(g.size());
    assertThat(fused.keys()).as("surviving keys keep their order")
        .containsExactlyElementsOf(g.keys().stream().filter(fused::contains).toList());
    assertThat(fused.keys()).containsAll(keep);
    for (Key k : g.keys()) {
      int v = dag.node(k);
      boolean absorbable = !keep.contains(k) && dependents[v] == 1 && dag.deps()[dependentOf[v]].length == 1;
      assertThat(fused.contains(k)).as("%s survives fusion", k).isEqualTo(!absorbable);
    }
    // Every dependency of a fused task is still in the graph, and there is no cycle.
    assertThat(fused.validate()).isSameAs(fused);
    // Fusing again finds nothing more to fuse.
    assertThat(fused.fuseLinear(keep).keys()).isEqualTo(fused.keys());

    // The fused graph computes the same outputs as the original, and as the model.
    Map<Key, Object> expected = RandomDags.evaluate(g, dag.outputs());
    assertThat(RandomDags.evaluate(fused, dag.outputs())).isEqualTo(expected);
    long[] model = dag.expectedValues();
    expected.forEach((k, v) -> assertThat(v).as("value of %s", k).isEqualTo(model[dag.node(k)]));
  }
}
