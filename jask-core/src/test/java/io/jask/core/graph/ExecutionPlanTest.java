package io.jask.core.graph;

import static io.jask.core.graph.GraphErrors.graphException;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.GraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionPlanTest {
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

  static List<Long> seeds() {
    return RandomDags.seeds(200).toList();
  }

  private static int[] positions(ExecutionPlan plan) {
    int[] pos = new int[plan.size()];
    int[] order = plan.runOrder();
    for (int p = 0; p < order.length; p++) {
      pos[order[p]] = p;
    }
    return pos;
  }

  private static int planIndex(ExecutionPlan plan, Key key) {
    for (int i = 0; i < plan.size(); i++) {
      if (plan.key(i).equals(key)) {
        return i;
      }
    }
    throw new AssertionError(key + " is not in the plan");
  }

  // ---- small graphs ------------------------------------------------------------------------

  @Test
  void aDiamondIsNumberedAndWiredBothWays() {
    Graph g = Graph.of(
        Task.of(D, ExecutionPlanTest::add, B, C),
        Task.constant(A, 1),
        Task.of(E, ExecutionPlanTest::inc, 7),
        Task.of(C, ExecutionPlanTest::inc, A),
        Task.of(B, ExecutionPlanTest::inc, A));
    ExecutionPlan plan = ExecutionPlan.of(g, List.of(D));

    assertThat(plan.size()).as("e is culled").isEqualTo(4);
    int a = planIndex(plan, A);
    int b = planIndex(plan, B);
    int c = planIndex(plan, C);
    int d = planIndex(plan, D);
    assertThat(plan.dependencyCount(d)).isEqualTo(2);
    assertThat(plan.dependency(d, 0)).isEqualTo(b);
    assertThat(plan.dependency(d, 1)).isEqualTo(c);
    assertThat(plan.dependentCount(a)).isEqualTo(2);
    assertThat(Set.of(plan.dependent(a, 0), plan.dependent(a, 1))).containsExactlyInAnyOrder(b, c);
    assertThat(plan.dependentCount(d)).isZero();
    assertThat(plan.isOutput(d)).isTrue();
    assertThat(plan.isOutput(a)).isFalse();
    assertThat(plan.outputs()).containsExactly(d);
    assertThat(plan.keysInRunOrder()).first().isEqualTo(A);
    assertThat(plan.keysInRunOrder()).last().isEqualTo(D);
    assertThat(RandomDags.evaluate(g, List.of(D))).isEqualTo(Map.of(D, 4L));
  }

  @Test
  void theTallestDependencyRunsFirst() {
    Key s = Key.of("short");
    Key t0 = Key.of("t", 0);
    Key t1 = Key.of("t", 1);
    Key t2 = Key.of("t", 2);
    Key root = Key.of("root");
    for (boolean shortFirst : new boolean[] {true, false}) {
      Graph g = Graph.of(
          Task.constant(s, 10),
          Task.constant(t0, 0),
          Task.of(t1, ExecutionPlanTest::inc, t0),
          Task.of(t2, ExecutionPlanTest::inc, t1),
          shortFirst ? Task.of(root, ExecutionPlanTest::add, s, t2) : Task.of(root, ExecutionPlanTest::add, t2, s));
      assertThat(ExecutionPlan.of(g, List.of(root)).keysInRunOrder()).containsExactly(t0, t1, t2, s, root);
    }
  }

  @Test
  void outputsAreRunInRequestedOrderWhenIndependent() {
    Graph g = Graph.of(Task.constant(A, 1), Task.constant(B, 2), Task.constant(C, 3));
    assertThat(ExecutionPlan.of(g, List.of(C, A, B)).keysInRunOrder()).containsExactly(C, A, B);
    ExecutionPlan plan = ExecutionPlan.of(g, List.of(B, C));
    assertThat(Arrays.stream(plan.outputs()).mapToObj(plan::key)).containsExactly(B, C);
  }

  @Test
  void requestingNothingGivesAnEmptyPlan() {
    ExecutionPlan plan = ExecutionPlan.of(Graph.of(Task.constant(A, 1)), List.of());
    assertThat(plan.size()).isZero();
    assertThat(plan.runOrder()).isEmpty();
    assertThat(plan.outputs()).isEmpty();
  }

  @Test
  void aMissingOutputIsNamed() {
    GraphException e = graphException(() -> ExecutionPlan.of(Graph.of(Task.constant(A, 1)), List.of(A, B)));
    assertThat(e.keys()).containsExactly(B);
  }

  @Test
  void aMissingDependencyNamesTheTaskAndTheDependency() {
    Key ghost = Key.of("ghost", 1);
    Graph g = Graph.of(Task.constant(A, 1), Task.of(B, ExecutionPlanTest::add, A, ghost), Task.of(C, ExecutionPlanTest::inc, B));
    GraphException e = graphException(() -> ExecutionPlan.of(g, List.of(C)));
    assertThat(e.keys()).containsExactly(B, ghost);
    assertThat(e).hasMessageContaining("'b'").hasMessageContaining("'(ghost, 1)'");
  }

  // ---- properties on random DAGs -----------------------------------------------------------

  @ParameterizedTest
  @MethodSource("seeds")
  void randomPlansAreConsistentAndComputeTheModelsValues(long seed) {
    RandomDags.Dag dag = RandomDags.generate(seed, 300);
    ExecutionPlan plan = ExecutionPlan.of(dag.graph(), dag.outputs());
    int n = plan.size();
    Set<Key> needed = dag.reachableFrom(dag.outputs());

    // Culled to exactly what the outputs need.
    Set<Key> planKeys = new HashSet<>();
    for (int i = 0; i < n; i++) {
      planKeys.add(plan.key(i));
    }
    assertThat(planKeys).hasSize(n).isEqualTo(needed);

    // Priorities are a permutation of 0..n-1, and runOrder inverts them.
    int[] order = plan.runOrder();
    assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(IntStream.range(0, n).toArray());
    for (int p = 0; p < n; p++) {
      check(plan.priority(order[p]) == p, "priority of run position %s is %s", p, plan.priority(order[p]));
    }
    assertThat(plan.keysInRunOrder()).containsExactlyElementsOf(Arrays.stream(order).mapToObj(plan::key).toList());

    // runOrder is topological.
    int[] pos = positions(plan);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        int d = plan.dependency(i, j);
        check(pos[d] < pos[i], "%s runs after its dependent %s", plan.key(d), plan.key(i));
      }
    }

    // Dependencies mirror the tasks (in Task.dependencies() order), which mirror the model.
    int edges = 0;
    for (int i = 0; i < n; i++) {
      Task t = plan.task(i);
      List<Key> fromPlan = new ArrayList<>();
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        fromPlan.add(plan.key(plan.dependency(i, j)));
      }
      List<Key> fromModel = Arrays.stream(dag.deps()[dag.node(t.key())]).mapToObj(dag::key).toList();
      check(fromPlan.equals(Arrays.asList(t.dependencies())), "plan dependencies of %s: %s", t.key(), fromPlan);
      check(fromModel.equals(fromPlan), "dependencies of %s: %s, expected %s", t.key(), fromPlan, fromModel);
      edges += plan.dependencyCount(i);
    }

    // Dependents are the exact inverse of dependencies.
    int dependentEdges = 0;
    for (int i = 0; i < n; i++) {
      Set<Integer> seen = new HashSet<>();
      for (int j = 0; j < plan.dependentCount(i); j++) {
        int k = plan.dependent(i, j);
        check(seen.add(k), "%s is listed twice as a dependent of %s", plan.key(k), plan.key(i));
        boolean back = false;
        for (int x = 0; x < plan.dependencyCount(k); x++) {
          back |= plan.dependency(k, x) == i;
        }
        check(back, "%s is a dependent of %s but does not depend on it", plan.key(k), plan.key(i));
      }
      dependentEdges += plan.dependentCount(i);
    }
    assertThat(dependentEdges).isEqualTo(edges);

    // Outputs in the requested order; every other task is needed by some dependent.
    assertThat(Arrays.stream(plan.outputs()).mapToObj(plan::key).toList()).isEqualTo(dag.outputs());
    for (int i = 0; i < n; i++) {
      check(plan.isOutput(i) == dag.outputs().contains(plan.key(i)), "isOutput(%s)", plan.key(i));
      check(plan.isOutput(i) || plan.dependentCount(i) > 0, "%s is neither requested nor needed", plan.key(i));
    }

    // Same graph, same plan: priorities are deterministic.
    assertThat(ExecutionPlan.of(dag.graph(), dag.outputs()).runOrder()).isEqualTo(order);

    // Running the plan in order computes what the model says.
    long[] expected = dag.expectedValues();
    Map<Key, Object> results = RandomDags.evaluate(plan);
    assertThat(results).hasSize(n);
    results.forEach((k, v) -> check(v.equals(expected[dag.node(k)]), "value of %s: %s", k, v));
  }

  /** A cheap assertion for inner loops: formats its message only when it fails. */
  private static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new AssertionError(String.format(format, args));
    }
  }


  static List<Long> fewerSeeds() {
    return RandomDags.seeds(50).toList();
  }

  @ParameterizedTest
  @MethodSource("fewerSeeds")
  void runOrderIsValidWhateverTheInsertionOrder(long seed) {
    RandomDags.Dag dag = RandomDags.generate(seed, 120);
    List<Task> tasks = new ArrayList<>();
    dag.graph().forEach(tasks::add);
    Collections.shuffle(tasks, new Random(seed ^ 0xABCDEF));
    Graph reshuffled = Graph.of(tasks);
    // Insertion order only breaks ties: the run order must still be a valid topological order.
    ExecutionPlan plan = ExecutionPlan.of(reshuffled, dag.outputs());
    int[] pos = positions(plan);
    for (int i = 0; i < plan.size(); i++) {
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        assertThat(pos[plan.dependency(i, j)]).isLessThan(pos[i]);
      }
    }
  }

  // ---- cycles ------------------------------------------------------------------------------

  @Test
  void aSelfLoopIsACycleOfOne() {
    Graph g = Graph.of(Task.constant(A, 1), Task.of(B, ExecutionPlanTest::add, A, B), Task.of(C, ExecutionPlanTest::inc, B));
    GraphException e = graphException(() -> ExecutionPlan.of(g, List.of(C)));
    assertThat(e.keys()).containsExactly(B);
    assertThat(e).hasMessageContaining("cycle").hasMessageContaining("'b' -> 'b'");
  }

  @Test
  void aTwoCycleIsReportedInDependencyOrder() {
    Graph g = Graph.of(Task.of(A, ExecutionPlanTest::inc, B), Task.of(B, ExecutionPlanTest::inc, A));
    GraphException e = graphException(() -> ExecutionPlan.of(g, List.of(A)));
    assertThat(e.keys()).containsExactly(A, B);
    assertThat(e).hasMessageContaining("'a' -> 'b' -> 'a'");
  }

  @Test
  void tasksLeadingIntoACycleAreNotPartOfIt() {
    // x -> a -> b -> c -> a ; x is inserted first so the search starts outside the cycle.
    Key x = Key.of("x");
    Graph g = Graph.of(
        Task.of(x, ExecutionPlanTest::inc, A),
        Task.of(A, ExecutionPlanTest::inc, B),
        Task.of(B, ExecutionPlanTest::add, C, E),
        Task.constant(E, 1),
        Task.of(C, ExecutionPlanTest::inc, A));
    GraphException e = graphException(() -> ExecutionPlan.of(g, List.of(x)));
    assertThat(e.keys()).containsExactly(A, B, C);
    assertThat(e).hasMessageContaining("'a' -> 'b' -> 'c' -> 'a'");
  }

  @Test
  void aCycleThatIsNotNeededDoesNotMatter() {
    Graph g = Graph.of(Task.of(A, ExecutionPlanTest::inc, B), Task.of(B, ExecutionPlanTest::inc, A), Task.constant(C, 1));
    assertThat(ExecutionPlan.of(g, List.of(C)).size()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aLongCycleInsideABiggerGraphIsReportedExactly(boolean cycleFirst) {
    int cycleLength = 50;
    Random rnd = new Random(cycleLength);
    List<Task> before = new ArrayList<>();
    List<Task> cycle = new ArrayList<>();
    List<Task> after = new ArrayList<>();
    List<Key> ring = new ArrayList<>();
    for (int i = 0; i < cycleLength; i++) {
      ring.add(Key.of("ring", i));
    }
    for (int i = 0; i < 200; i++) {
      Key k = Key.of("in", i);
      before.add(i == 0 ? Task.constant(k, 0L) : Task.of(k, ExecutionPlanTest::inc, Key.of("in", rnd.nextInt(i))));
    }
    for (int i = 0; i < cycleLength; i++) {
      // ring_i depends on ring_{i+1} (and on something from outside the cycle).
      cycle.add(Task.of(ring.get(i), ExecutionPlanTest::add, Key.of("in", rnd.nextInt(200)), ring.get((i + 1) % cycleLength)));
    }
    for (int i = 0; i < 200; i++) {
      after.add(Task.of(Key.of("out", i), ExecutionPlanTest::add,
          ring.get(rnd.nextInt(cycleLength)), i == 0 ? Key.of("in", 0) : Key.of("out", i - 1)));
    }
    List<Task> all = new ArrayList<>();
    if (cycleFirst) {
      all.addAll(cycle);
      all.addAll(before);
      all.addAll(after);
    } else {
      all.addAll(after);
      all.addAll(before);
      all.addAll(cycle);
    }
    Graph g = Graph.of(all);
    GraphException e = graphException(() -> ExecutionPlan.of(g, List.of(Key.of("out", 199))));

    List<Key> keys = e.keys();
    assertThat(keys).hasSize(cycleLength);
    if (cycleFirst) {
      assertThat(keys).containsExactlyElementsOf(ring);
    } else {
      int start = ring.indexOf(keys.get(0));
      assertThat(start).isNotNegative();
      List<Key> rotated = new ArrayList<>(ring);
      Collections.rotate(rotated, -start);
      assertThat(keys).containsExactlyElementsOf(rotated);
    }
    String chain = keys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(" -> "));
    assertThat(e).hasMessageContaining(chain + " -> '" + keys.get(0) + "'");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aBackEdgeInARandomDagIsReportedAsARealCycle(long seed) {
    RandomDags.Dag dag = RandomDags.generate(seed, 300);
    Random rnd = new Random(seed * 31);
    // Walk down from a random node v to one of its transitive dependencies u, then make u depend on v.
    int v = rnd.nextInt(dag.size());
    int u = v;
    for (int steps = rnd.nextInt(10); steps > 0 && dag.deps()[u].length > 0; steps--) {
      u = dag.deps()[u][rnd.nextInt(dag.deps()[u].length)];
    }
    Key vKey = dag.key(v);
    Key uKey = dag.key(u);
    List<Task> tasks = new ArrayList<>();
    for (Task t : dag.graph()) {
      if (t.key().equals(uKey)) {
        Object[] args = Arrays.copyOf(t.args(), t.args().length + 1);
        args[args.length - 1] = vKey;
        tasks.add(t.isConstant() ? Task.of(uKey, RandomDags::combine, 0L, vKey) : Task.of(uKey, t.function(), args));
      } else {
        tasks.add(t);
      }
    }
    Graph g = Graph.of(tasks);
    List<Key> outputs = new ArrayList<>(dag.outputs());
    outputs.add(rnd.nextInt(outputs.size() + 1), vKey);
    GraphException e = graphException(() -> ExecutionPlan.of(g, outputs));

    List<Key> cycle = e.keys();
    assertThat(cycle).isNotEmpty().doesNotHaveDuplicates();
    for (int i = 0; i < cycle.size(); i++) {
      Key from = cycle.get(i);
      Key to = cycle.get((i + 1) % cycle.size());
      assertThat(g.get(from).dependencies()).as("%s depends on %s", from, to).contains(to);
    }
    assertThat(cycle).as("the only cycle goes through the new edge").contains(uKey, vKey);
  }

  // ---- memory: depth-first order -----------------------------------------------------------

  /**
   * Runs tasks one at a time in {@code order}, releasing a result once every dependent has run
   * (outputs are kept); returns the largest number of results held at once.
   */
  static int peakLiveResults(ExecutionPlan plan, int[] order) {
    int[] waiting = new int[plan.size()];
    for (int i = 0; i < plan.size(); i++) {
      waiting[i] = plan.dependentCount(i);
    }
    int live = 0;
    int peak = 0;
    for (int i : order) {
      live++;
      peak = Math.max(peak, live);
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        int d = plan.dependency(i, j);
        if (--waiting[d] == 0 && !plan.isOutput(d)) {
          live--;
        }
      }
    }
    return peak;
  }

  /** A binary sum over {@code leaves} constants, inserted level by level (leaves first). */
  static Graph reductionTree(int leaves) {
    Graph.Builder b = Graph.builder(2 * leaves);
    Key[] level = new Key[leaves];
    for (int i = 0; i < leaves; i++) {
      level[i] = Key.of("leaf", i);
      b.add(Task.constant(level[i], (long) i));
    }
    for (int depth = 1, width = leaves; width > 1; depth++) {
      int nextWidth = (width + 1) / 2;
      for (int i = 0; i < nextWidth; i++) {
        Key k = Key.of("sum", depth, i);
        b.add(2 * i + 1 < width
            ? Task.of(k, ExecutionPlanTest::add, level[2 * i], level[2 * i + 1])
            : Task.of(k, ExecutionPlanTest::inc, level[2 * i]));
        level[i] = k;
      }
      width = nextWidth;
    }
    return b.build();
  }

  @Test
  void aReductionTreeRunsDepthFirstInLogarithmicMemory() {
    int leaves = 1024;
    Graph g = reductionTree(leaves);
    Key root = g.task(g.size() - 1).key();
    ExecutionPlan plan = ExecutionPlan.of(g, List.of(root));
    int log2 = 31 - Integer.numberOfLeadingZeros(leaves);

    int depthFirstPeak = peakLiveResults(plan, plan.runOrder());
    assertThat(depthFirstPeak).isLessThanOrEqualTo(2 * log2 + 2);

    // The level-by-level insertion order is also a valid order, but holds a whole level at once.
    int[] breadthFirst = IntStream.range(0, plan.size()).toArray();
    for (int i = 0; i < plan.size(); i++) {
      assertThat(plan.key(i)).isEqualTo(g.task(i).key());
    }
    assertThat(peakLiveResults(plan, breadthFirst)).isGreaterThanOrEqualTo(leaves / 2);

    assertThat(RandomDags.evaluate(g, List.of(root))).isEqualTo(Map.of(root, (long) leaves * (leaves - 1) / 2));
  }

  @Test
  void eachSubtreeOfAReductionRunsContiguously() {
    Graph g = reductionTree(256);
    ExecutionPlan plan = ExecutionPlan.of(g, List.of(g.task(g.size() - 1).key()));
    int[] pos = positions(plan);
    // Depth-first post-order: the tasks of any subtree occupy one contiguous stretch ending at its root.
    int[] size = new int[plan.size()];
    int[] first = new int[plan.size()];
    for (int i : plan.runOrder()) {
      size[i] = 1;
      first[i] = pos[i];
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        int d = plan.dependency(i, j);
        size[i] += size[d];
        first[i] = Math.min(first[i], first[d]);
      }
      assertThat(pos[i] - first[i] + 1).as("subtree of %s", plan.key(i)).isEqualTo(size[i]);
    }
  }

  // ---- scale: no recursion -----------------------------------------------------------------

  @Test
  @Tag("slow")
  void aChainOfAMillionTasksPlansWithoutRecursion() {
    int n = 1_000_000;
    Key[] keys = new Key[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Key.of("chain", i);
    }
    Graph.Builder b = Graph.builder(n);
    for (int i = n - 1; i > 0; i--) { // dependents first: insertion order is not run order
      b.add(Task.of(keys[i], ExecutionPlanTest::inc, keys[i - 1]));
    }
    b.add(Task.constant(keys[0], 0L));
    Graph g = b.build();

    ExecutionPlan plan = ExecutionPlan.of(g, List.of(keys[n - 1]));
    assertThat(plan.size()).isEqualTo(n);
    int[] order = plan.runOrder();
    for (int p = 0; p < n; p++) {
      if (!plan.key(order[p]).equals(keys[p])) {
        throw new AssertionError("position " + p + " runs " + plan.key(order[p]) + ", not " + keys[p]);
      }
    }
    assertThat(peakLiveResults(plan, order)).isEqualTo(2);
  }

  @Test
  @Tag("slow")
  void aTreeOfAMillionTasksPlansWithoutRecursion() {
    Graph g = reductionTree(1 << 19); // 2^20 - 1 tasks
    assertThat(g.size()).isEqualTo((1 << 20) - 1);
    ExecutionPlan plan = ExecutionPlan.of(g, List.of(g.task(g.size() - 1).key()));
    int[] pos = positions(plan);
    for (int i = 0; i < plan.size(); i++) {
      for (int j = 0; j < plan.dependencyCount(i); j++) {
        if (pos[plan.dependency(i, j)] >= pos[i]) {
          throw new AssertionError(plan.key(i) + " runs before its dependency");
        }
      }
    }
    assertThat(peakLiveResults(plan, plan.runOrder())).isLessThanOrEqualTo(2 * 19 + 2);
  }
}
