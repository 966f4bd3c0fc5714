package io.jask.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.jask.core.graph.GraphErrors.graphException;

import io.jask.core.GraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GraphTest {
  private static final Key A = Key.of("a");
  private static final Key B = Key.of("b");
  private static final Key C = Key.of("c");
  private static final Key D = Key.of("d");
  private static final Key E = Key.of("e");

  static Object inc(Object[] args) {
    return ((Number) args[0]).longValue() + 1;
  }

  static Object add(Object[] args) {
    return ((Number) args[0]).longValue() + ((Number) args[1]).longValue();
  }

  /** a = 1; b = inc(a); c = inc(a); d = add(b, c); e = inc(100) (unrelated). */
  private static Graph diamondPlusOne() {
    return Graph.of(
        Task.constant(A, 1),
        Task.of(B, GraphTest::inc, A),
        Task.of(C, GraphTest::inc, A),
        Task.of(D, GraphTest::add, B, C),
        Task.of(E, GraphTest::inc, 100));
  }

  static List<Long> seeds() {
    return RandomDags.seeds(200).toList();
  }

  // ---- basics ------------------------------------------------------------------------------

  @Test
  void lookupsFollowInsertionOrder() {
    Graph g = diamondPlusOne();
    assertThat(g.size()).isEqualTo(5);
    assertThat(g.keys()).containsExactly(A, B, C, D, E);
    assertThat(g.indexOf(C)).isEqualTo(2);
    assertThat(g.indexOf(Key.of("zzz"))).isEqualTo(-1);
    assertThat(g.task(3).key()).isEqualTo(D);
    assertThat(g.get(D).dependencies()).containsExactly(B, C);
    assertThat(g.get(Key.of("zzz"))).isNull();
    assertThat(g.contains(E)).isTrue();
    assertThat(g.contains(Key.of("e", 0))).isFalse();
    List<Key> iterated = new ArrayList<>();
    g.forEach(t -> iterated.add(t.key()));
    assertThat(iterated).containsExactly(A, B, C, D, E);
  }

  @Test
  void theEmptyGraphHasNothing() {
    assertThat(Graph.empty().size()).isZero();
    assertThat(Graph.empty().keys()).isEmpty();
    assertThat(Graph.empty().contains(A)).isFalse();
    assertThat(Graph.of().size()).isZero();
    assertThat(Graph.empty().cull(List.of()).size()).isZero();
  }

  // ---- building ----------------------------------------------------------------------------

  @Test
  void aKeyBoundToADifferentFunctionIsAConflictNamingTheKey() {
    GraphException e = graphException(() -> Graph.of(Task.of(B, GraphTest::inc, A), Task.of(B, GraphTest::add, A, A)));
    assertThat(e.keys()).containsExactly(B);
    assertThat(e).hasMessageContaining("'b'").hasMessageContaining("two different tasks");
  }

  @Test
  void aKeyBoundToDifferentArgumentsIsAConflict() {
    Key blk = Key.of("x", 0, 1);
    GraphException e = graphException(() -> Graph.of(Task.of(blk, GraphTest::inc, 1), Task.of(D, GraphTest::inc, 5), Task.of(blk, GraphTest::inc, 2)));
    assertThat(e.keys()).containsExactly(blk);
    assertThat(e).hasMessageContaining("(x, 0, 1)");
  }

  @Test
  void conflictingConstantsAreDetected() {
    assertThatThrownBy(() -> Graph.of(Task.constant(A, 1), Task.constant(A, 2)))
        .isInstanceOf(GraphException.class);
  }

  @Test
  void theSameComputationTwiceIsKeptOnce() {
    Task first = Task.of(B, GraphTest::inc, A);
    Task second = Task.of(B, GraphTest::inc, A);
    Graph g = Graph.of(Task.constant(A, 1), first, Task.constant(A, 1), second);
    assertThat(g.size()).isEqualTo(2);
    assertThat(g.keys()).containsExactly(A, B);
    assertThat(g.get(B)).isSameAs(first);
  }

  @Test
  void builderReportsWhetherATaskWasNew() {
    Graph.Builder b = Graph.builder(4);
    assertThat(b.addIfAbsent(Task.constant(A, 1))).isTrue();
    assertThat(b.addIfAbsent(Task.constant(A, 1))).isFalse();
    assertThat(b.contains(A)).isTrue();
    assertThat(b.contains(B)).isFalse();
    assertThatThrownBy(() -> b.addIfAbsent(Task.constant(A, 2))).isInstanceOf(GraphException.class);
    assertThat(b.build().size()).isEqualTo(1);
  }

  @Test
  void aBuiltGraphDoesNotChangeWhenItsBuilderIsUsedAgain() {
    Graph.Builder b = Graph.builder(4).add(Task.constant(A, 1));
    Graph g = b.build();
    assertThatThrownBy(() -> b.add(Task.constant(B, 2))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.addIfAbsent(Task.constant(A, 1))).isInstanceOf(IllegalStateException.class);
    assertThat(g.size()).isEqualTo(1);
    assertThat(g.contains(B)).isFalse();
    assertThat(g.get(B)).isNull();
    assertThat(g.indexOf(B)).isEqualTo(-1);
  }

  // ---- merging -----------------------------------------------------------------------------

  @Test
  void mergeKeepsSharedTasksOnce() {
    Graph left = Graph.of(Task.constant(A, 1), Task.of(B, GraphTest::inc, A));
    Graph right = Graph.of(Task.constant(A, 1), Task.of(C, GraphTest::inc, A));
    Graph more = Graph.of(Task.of(B, GraphTest::inc, A), Task.of(D, GraphTest::add, B, C));
    Graph merged = left.merge(right, more);
    assertThat(merged.keys()).containsExactly(A, B, C, D);
    assertThat(merged.get(B)).isSameAs(left.get(B));
    assertThat(left.size()).as("inputs are unchanged").isEqualTo(2);
    assertThat(left.merge().keys()).containsExactly(A, B);
    assertThat(Graph.empty().merge(left).keys()).containsExactly(A, B);
  }

  @Test
  void mergeDetectsConflicts() {
    Graph left = Graph.of(Task.constant(A, 1), Task.of(B, GraphTest::inc, A));
    Graph right = Graph.of(Task.constant(A, 2));
    GraphException e = graphException(() -> left.merge(right));
    assertThat(e.keys()).containsExactly(A);
    assertThat(e).hasMessageContaining("'a'");
  }

  // ---- culling -----------------------------------------------------------------------------

  @Test
  void cullKeepsOutputsAndTheirDependenciesInGraphOrder() {
    Graph g = diamondPlusOne();
    assertThat(g.cull(List.of(D)).keys()).containsExactly(A, B, C, D);
    assertThat(g.cull(List.of(B)).keys()).containsExactly(A, B);
    assertThat(g.cull(List.of(E, B)).keys()).containsExactly(A, B, E);
    assertThat(g.cull(List.of(E, E)).keys()).containsExactly(E);
    assertThat(g.cull(List.of()).keys()).isEmpty();
    assertThat(g.cull(List.of(D)).get(D)).isSameAs(g.get(D));
  }

  @Test
  void cullOfAMissingOutputNamesIt() {
    Key ghost = Key.of("ghost", 4);
    GraphException e = graphException(() -> diamondPlusOne().cull(List.of(D, ghost)));
    assertThat(e.keys()).containsExactly(ghost);
    assertThat(e).hasMessageContaining("(ghost, 4)");
  }

  @Test
  void cullOfAMissingDependencyNamesTaskAndDependency() {
    Key ghost = Key.of("ghost");
    Graph g = Graph.of(Task.constant(A, 1), Task.of(B, GraphTest::add, A, ghost), Task.of(C, GraphTest::inc, B));
    GraphException e = graphException(() -> g.cull(List.of(C)));
    assertThat(e.keys()).containsExactly(B, ghost);
    assertThat(e).hasMessageContaining("'b'").hasMessageContaining("'ghost'");
    assertThat(g.cull(List.of(A)).keys()).as("not needed: no error").containsExactly(A);
  }

  @Test
  void validateReportsAMissingDependency() {
    Key ghost = Key.of("ghost");
    Graph g = Graph.of(Task.constant(A, 1), Task.of(B, GraphTest::inc, ghost));
    GraphException e = graphException(g::validate);
    assertThat(e.keys()).containsExactly(B, ghost);
    assertThat(diamondPlusOne().validate().size()).isEqualTo(5);
  }

  @Test
  void validateReportsACycle() {
    Graph g = Graph.of(Task.of(A, GraphTest::inc, B), Task.of(B, GraphTest::inc, A));
    GraphException e = graphException(g::validate);
    assertThat(e.keys()).containsExactly(A, B);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void cullMatchesABreadthFirstSearch(long seed) {
    RandomDags.Dag dag = RandomDags.generate(seed, 300);
    Graph g = dag.graph();
    Random rnd = new Random(seed);
    List<Key> outputs = new ArrayList<>(dag.outputs());
    if (rnd.nextBoolean()) {
      outputs.add(dag.key(rnd.nextInt(dag.size())));
    }
    Graph culled = g.cull(outputs);
    Set<Key> expected = dag.reachableFrom(outputs);

    assertThat(culled.keys()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(culled.keys()).as("graph order is kept")
        .containsExactlyElementsOf(g.keys().stream().filter(expected::contains).toList());
    for (Key k : culled.keys()) {
      assertThat(culled.get(k)).isSameAs(g.get(k));
    }
    assertThat(culled.cull(outputs).keys()).as("culling is idempotent").isEqualTo(culled.keys());
  }

  static List<Long> fewerSeeds() {
    return RandomDags.seeds(50).toList();
  }

  @ParameterizedTest
  @MethodSource("fewerSeeds")
  void graphsOfRandomDagsIndexEveryTask(long seed) {
    RandomDags.Dag dag = RandomDags.generate(seed, 300);
    Graph g = dag.graph();
    assertThat(g.size()).isEqualTo(dag.size());
    for (int i = 0; i < g.size(); i++) {
      assertThat(g.indexOf(g.task(i).key())).isEqualTo(i);
    }
    for (int v = 0; v < dag.size(); v++) {
      int[] deps = dag.deps()[v];
      assertThat(g.get(dag.key(v)).dependencies())
          .containsExactly(Arrays.stream(deps).mapToObj(dag::key).toArray(Key[]::new));
    }
    assertThat(g.merge(g).keys()).as("merging a graph with itself changes nothing").isEqualTo(g.keys());
  }
}
