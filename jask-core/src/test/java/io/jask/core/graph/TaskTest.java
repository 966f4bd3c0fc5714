package io.jask.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.graph.Nested.ArrayArg;
import io.jask.core.graph.Nested.ListArg;
import io.jask.core.graph.Nested.Literal;
import io.jask.core.graph.Nested.MapArg;
import io.jask.core.graph.Nested.SetArg;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TaskTest {
  private static final Key A = Key.of("a");
  private static final Key B = Key.of("b");
  private static final Key C = Key.of("c", 0);
  private static final Key D = Key.of("d", 1, 2);
  private static final Key OUT = Key.of("out-0123456789abcdef");

  /** Returns its arguments as they arrive: shows how arguments were resolved. */
  static Object echo(Object[] args) {
    return args.clone();
  }

  static Object sum(Object[] args) {
    long total = 0;
    for (Object a : args) {
      total += ((Number) a).longValue();
    }
    return total;
  }

  static Object inc(Object[] args) {
    return (Integer) args[0] + 1;
  }

  static Object fail(Object[] args) throws IOException {
    throw new IOException("disk on fire");
  }

  static TaskFunction plus(int k) {
    return args -> (Integer) args[0] + k;
  }

  private static Object[] run(Task t, Object... depResults) throws Exception {
    return (Object[]) t.run(depResults);
  }

  // ---- dependencies ------------------------------------------------------------------------

  @Test
  void dependenciesAreKeyArgumentsInFirstUseOrderWithoutDuplicates() {
    Task t = Task.of(OUT, TaskTest::echo, B, 1, A, B, "x", C, A);
    assertThat(t.dependencies()).containsExactly(B, A, C);
    assertThat(t.dependencyCount()).isEqualTo(3);
    assertThat(t.dependency(0)).isEqualTo(B);
    assertThat(t.dependency(2)).isEqualTo(C);
  }

  @Test
  void aTaskWithoutKeyArgumentsHasNoDependencies() {
    assertThat(Task.of(OUT, TaskTest::sum, 1, 2).dependencies()).isEmpty();
    assertThat(Task.of(OUT, TaskTest::sum).dependencies()).isEmpty();
    assertThat(Task.constant(OUT, A).dependencies()).as("a constant holding a key").isEmpty();
  }

  @Test
  void manyKeyArgumentsAreAllDependencies() {
    Object[] args = new Object[40];
    for (int i = 0; i < args.length; i++) {
      args[i] = Key.of("k", i % 25);
    }
    Task t = Task.of(OUT, TaskTest::echo, args);
    assertThat(t.dependencies()).hasSize(25);
    for (int i = 0; i < 25; i++) {
      assertThat(t.dependency(i)).isEqualTo(Key.of("k", i));
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // quadratic de-duplication would take minutes
  void aTaskWithHundredsOfThousandsOfKeyArgumentsBuildsInLinearTime() throws Exception {
    int n = 300_000;
    Object[] args = new Object[n + 1];
    Object[] results = new Object[n];
    for (int i = 0; i < n; i++) {
      args[i] = Key.of("part", i);
      results[i] = i;
    }
    args[n] = Key.of("part", 0); // a repeat: not a new dependency
    Task t = Task.of(OUT, TaskTest::echo, args);
    assertThat(t.dependencyCount()).isEqualTo(n);
    assertThat(t.dependency(n - 1)).isEqualTo(Key.of("part", n - 1));
    Object[] out = run(t, results);
    assertThat(out[n - 1]).isEqualTo(n - 1);
    assertThat(out[n]).isEqualTo(0);
  }

  @Test
  void nestedArgumentsContributeDependencies() {
    Task t = Task.of(OUT, TaskTest::echo,
        A,
        new ListArg(List.of(B, 1, new MapArg(List.of("k", C), List.of(D, A)))),
        new SetArg(List.of(C, 5)),
        new ArrayArg(Key.class, List.of(new Literal(OUT))));
    assertThat(t.dependencies()).containsExactly(A, B, C, D);
  }

  @Test
  void dependenciesFollowFirstUseEvenWhenANestedArgumentComesFirst() {
    Task t = Task.of(OUT, TaskTest::echo, new ListArg(List.of(B, C)), A, C);
    assertThat(t.dependencies()).containsExactly(B, C, A);
  }

  @Test
  void aLiteralKeyIsNotADependencyAndIsPassedAsIs() throws Exception {
    Task t = Task.of(OUT, TaskTest::echo, new Literal(A), new Literal(new ListArg(List.of(B))));
    assertThat(t.dependencies()).isEmpty();
    assertThat(run(t)).containsExactly(A, new ListArg(List.of(B)));
  }

  @Test
  void dependenciesAndArgsAreDefensiveCopies() {
    Object[] args = {A, B};
    Task t = Task.of(OUT, TaskTest::echo, args);
    args[0] = C;
    t.dependencies()[0] = D;
    t.args()[1] = D;
    assertThat(t.dependencies()).containsExactly(A, B);
    assertThat(t.args()).containsExactly(A, B);
  }

  // ---- running -----------------------------------------------------------------------------

  @Test
  void runReplacesKeysByTheirResults() throws Exception {
    Task t = Task.of(OUT, TaskTest::echo, B, 1, A, B, null);
    assertThat(run(t, "rb", "ra")).containsExactly("rb", 1, "ra", "rb", null);
  }

  @Test
  void runResolvesNestedArguments() throws Exception {
    Task t = Task.of(OUT, TaskTest::echo,
        new ListArg(List.of(A, 1, new ListArg(List.of(B)))),
        new SetArg(List.of(B, 3)),
        new MapArg(List.of(A, "k"), List.of("v", C)),
        new ArrayArg(String.class, List.of(A, "lit")),
        C);
    assertThat(t.dependencies()).containsExactly(A, B, C);
    Object[] out = run(t, "ra", "rb", "rc");

    assertThat(out[0]).isEqualTo(List.of("ra", 1, List.of("rb")));
    assertThat(out[1]).isInstanceOf(Set.class).isEqualTo(new LinkedHashSet<>(List.of("rb", 3)));
    assertThat(new ArrayList<Object>((Set<?>) out[1])).containsExactly("rb", 3);
    Map<Object, Object> expectedMap = new LinkedHashMap<>();
    expectedMap.put("ra", "v");
    expectedMap.put("k", "rc");
    assertThat(out[2]).isEqualTo(expectedMap);
    assertThat(new ArrayList<Object>(((Map<?, ?>) out[2]).keySet())).containsExactly("ra", "k");
    assertThat(out[3]).isInstanceOf(String[].class);
    assertThat((String[]) out[3]).containsExactly("ra", "lit");
    assertThat(out[4]).isEqualTo("rc");
  }

  @Test
  void runWithTheWrongNumberOfResultsIsRejectedNamingTheKey() {
    Task t = Task.of(OUT, TaskTest::sum, A, B);
    assertThatThrownBy(() -> t.run(new Object[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(OUT.toString())
        .hasMessageContaining("2")
        .hasMessageContaining("got 1");
    assertThatThrownBy(() -> t.run(new Object[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Task.constant(OUT, 1).run(new Object[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runPropagatesWhatTheFunctionThrows() {
    Task t = Task.of(OUT, TaskTest::fail);
    assertThatThrownBy(() -> t.run(new Object[0])).isInstanceOf(IOException.class).hasMessage("disk on fire");
  }

  @Test
  void constantsReturnTheirValue() throws Exception {
    int[] data = {1, 2, 3};
    Task t = Task.constant(OUT, data);
    assertThat(t.isConstant()).isTrue();
    assertThat(t.run(new Object[0])).isSameAs(data);
    assertThat(t.functionName()).isEqualTo("literal");
    assertThat(Task.constant(OUT, null).run(new Object[0])).isNull();
    assertThat(Task.of(OUT, TaskTest::sum).isConstant()).isFalse();
  }

  @Test
  void functionNameComesFromTheMethod() {
    assertThat(Task.of(OUT, TaskTest::inc, 1).functionName()).isEqualTo("inc");
    assertThat(Task.of(OUT, plus(1), 1).functionName()).isEqualTo("lambda");
    assertThat(Task.of(OUT, TaskTest::inc, A)).hasToString(OUT + " = inc[a]");
  }

  @RepeatedTest(100)
  void randomNestedArgumentsResolveLikeAModel(RepetitionInfo info) throws Exception {
    Random rnd = new Random(1000 + info.getCurrentRepetition());
    boolean wide = info.getCurrentRepetition() % 2 == 0; // many distinct keys, many arguments
    List<Key> pool = new ArrayList<>();
    for (int i = 0; i < (wide ? 40 : 6); i++) {
      pool.add(Key.of("dep", i));
    }
    Object[] args = new Object[1 + rnd.nextInt(wide ? 60 : 5)];
    Object[] expected = new Object[args.length];
    Set<Key> firstUse = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      Object[] pair = randomArg(rnd, pool, 3, firstUse);
      args[i] = pair[0];
      expected[i] = pair[1];
    }
    Task t = Task.of(OUT, TaskTest::echo, args);
    assertThat(t.dependencies()).containsExactlyElementsOf(firstUse);
    Object[] results = Arrays.stream(t.dependencies()).map(TaskTest::resultOf).toArray();
    assertThat(run(t, results)).isEqualTo(expected);
  }

  private static Object resultOf(Key k) {
    return "result" + Arrays.toString(k.index());
  }

  /** A random argument and what it should resolve to; records keys in first-use order. */
  private static Object[] randomArg(Random rnd, List<Key> pool, int depth, Set<Key> firstUse) {
    int kind = depth == 0 ? rnd.nextInt(2) : rnd.nextInt(5);
    switch (kind) {
      case 0: {
        Key k = pool.get(rnd.nextInt(pool.size()));
        firstUse.add(k);
        return new Object[] {k, resultOf(k)};
      }
      case 1: {
        int v = rnd.nextInt(100);
        return new Object[] {v, v};
      }
      case 2: {
        List<Object> items = new ArrayList<>();
        List<Object> resolved = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          Object[] pair = randomArg(rnd, pool, depth - 1, firstUse);
          items.add(pair[0]);
          resolved.add(pair[1]);
        }
        return new Object[] {new ListArg(items), resolved};
      }
      case 3: {
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Map<Object, Object> resolved = new LinkedHashMap<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
          String name = "k" + i;
          Object[] value = randomArg(rnd, pool, depth - 1, firstUse);
          keys.add(name);
          values.add(value[0]);
          resolved.put(name, value[1]);
        }
        return new Object[] {new MapArg(keys, values), resolved};
      }
      default: {
        Key k = pool.get(rnd.nextInt(pool.size()));
        return new Object[] {new Literal(k), k};
      }
    }
  }

  // ---- validation --------------------------------------------------------------------------

  @Test
  void aNullFunctionIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> Task.of(OUT, null, A))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining(OUT.toString());
    assertThatThrownBy(() -> Task.of(Key.of("blk", 3), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("(blk, 3)");
  }

  @Test
  void aNullKeyIsRejected() {
    assertThatThrownBy(() -> Task.of(null, TaskTest::sum, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> Task.constant(null, 1)).isInstanceOf(NullPointerException.class);
  }

  // ---- sameComputation ---------------------------------------------------------------------

  @Test
  void sameFunctionAndEqualArgumentsIsTheSameComputation() {
    Task a = Task.of(OUT, TaskTest::sum, A, 1, List.of(1, 2));
    Task b = Task.of(OUT, TaskTest::sum, A, 1, new ArrayList<>(List.of(1, 2)));
    assertThat(a.sameComputation(b)).isTrue();
    assertThat(b.sameComputation(a)).isTrue();
    assertThat(a.sameComputation(a)).isTrue();
  }

  @Test
  void differentArgumentsAreDifferentComputations() {
    Task a = Task.of(OUT, TaskTest::sum, A, 1);
    assertThat(a.sameComputation(Task.of(OUT, TaskTest::sum, A, 2))).isFalse();
    assertThat(a.sameComputation(Task.of(OUT, TaskTest::sum, B, 1))).isFalse();
    assertThat(a.sameComputation(Task.of(OUT, TaskTest::sum, 1, A))).isFalse();
    assertThat(a.sameComputation(Task.of(OUT, TaskTest::sum, A))).isFalse();
    assertThat(a.sameComputation(Task.of(OUT, TaskTest::sum, new ListArg(List.of(A)), 1))).isFalse();
  }

  @Test
  void differentFunctionsAreDifferentComputations() {
    assertThat(Task.of(OUT, TaskTest::sum, 1).sameComputation(Task.of(OUT, TaskTest::inc, 1))).isFalse();
    assertThat(Task.of(OUT, plus(1), 1).sameComputation(Task.of(OUT, plus(2), 1))).isFalse();
    assertThat(Task.of(OUT, plus(1), 1).sameComputation(Task.of(OUT, plus(1), 1))).isTrue();
  }

  @Test
  void differentKeysAreDifferentComputations() {
    assertThat(Task.of(A, TaskTest::sum, 1).sameComputation(Task.of(B, TaskTest::sum, 1))).isFalse();
    assertThat(Task.constant(A, 1).sameComputation(Task.constant(B, 1))).isFalse();
  }

  @Test
  void constantsCompareByValue() {
    assertThat(Task.constant(OUT, new int[] {1, 2}).sameComputation(Task.constant(OUT, new int[] {1, 2}))).isTrue();
    assertThat(Task.constant(OUT, List.of("x")).sameComputation(Task.constant(OUT, List.of("x")))).isTrue();
    assertThat(Task.constant(OUT, null).sameComputation(Task.constant(OUT, null))).isTrue();
    assertThat(Task.constant(OUT, 1).sameComputation(Task.constant(OUT, 2))).isFalse();
    assertThat(Task.constant(OUT, new int[] {1}).sameComputation(Task.constant(OUT, new long[] {1}))).isFalse();
    assertThat(Task.constant(OUT, 1).sameComputation(Task.of(OUT, TaskTest::sum, 1))).isFalse();
  }

  @Test
  void unhashableArgumentsAreNeverTheSameComputationUnlessTheSameTask() {
    Object opaque = new Object();
    Task a = Task.of(OUT, TaskTest::echo, opaque);
    assertThat(a.sameComputation(a)).isTrue();
    assertThat(a.sameComputation(Task.of(OUT, TaskTest::echo, opaque))).isFalse();
  }
}
