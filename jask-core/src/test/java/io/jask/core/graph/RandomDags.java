package io.jask.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded random DAGs for property tests, a reference model of them that does not go through the
 * code under test, and a tiny sequential evaluator of execution plans.
 *
 * <p>Node {@code i} only depends on nodes {@code < i}, so the generated graph is acyclic; the
 * tasks are inserted into the {@link Graph} in a shuffled order, so nothing may rely on insertion
 * order being topological. Every node computes {@link #combine} of its id and its dependencies'
 * results, which makes a wrong wiring visible in the results.
 */
final class RandomDags {
  private RandomDags() {}

  /** A generated DAG: its dependency lists (by node number), its graph, and requested outputs. */
  record Dag(long seed, int[][] deps, Graph graph, List<Key> outputs) {
    int size() {
      return deps.length;
    }

    Key key(int i) {
      return RandomDags.key(i);
    }

    int node(Key key) {
      return Integer.parseInt(key.name().substring("node-".length()));
    }

    /** Number of dependents of each node, counted from the model. */
    int[] dependentCounts() {
      int[] counts = new int[deps.length];
      for (int[] ds : deps) {
        for (int d : ds) {
          counts[d]++;
        }
      }
      return counts;
    }

    /** The outputs and everything they need, by breadth-first search over the model. */
    Set<Key> reachableFrom(Collection<Key> roots) {
      Set<Key> seen = new LinkedHashSet<>();
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      for (Key k : roots) {
        if (seen.add(k)) {
          queue.add(node(k));
        }
      }
      while (!queue.isEmpty()) {
        int v = queue.poll();
        for (int d : deps[v]) {
          if (seen.add(key(d))) {
            queue.add(d);
          }
        }
      }
      return seen;
    }

    /** The value of every node, computed from the model in node order (no graph code involved). */
    long[] expectedValues() {
      long[] values = new long[deps.length];
      for (int i = 0; i < deps.length; i++) {
        long acc = seedOf(i);
        for (int d : deps[i]) {
          acc = mix(acc, values[d]);
        }
        values[i] = acc;
      }
      return values;
    }
  }

  static Key key(int i) {
    return Key.of("node-" + i);
  }

  /** Seeds 0..count-1 as a stream of arguments for {@code @MethodSource}. */
  static Stream<Long> seeds(int count) {
    return IntStream.range(0, count).mapToObj(i -> 0x5EEDL * 1_000_003L + i);
  }

  /** A DAG of 1..maxNodes nodes with random edges to earlier nodes, often forming chains. */
  static Dag generate(long seed, int maxNodes) {
    Random rnd = new Random(seed);
    int n = 1 + rnd.nextInt(maxNodes);
    int[][] deps = new int[n][];
    for (int i = 0; i < n; i++) {
      int want;
      double r = rnd.nextDouble();
      if (i == 0 || r < 0.15) {
        want = 0;
      } else if (r < 0.60) {
        want = 1;
      } else if (r < 0.85) {
        want = 2;
      } else {
        want = 3 + rnd.nextInt(3);
      }
      want = Math.min(want, i);
      LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
      while (chosen.size() < want) {
        chosen.add(rnd.nextBoolean() ? i - 1 - rnd.nextInt(Math.min(i, 3)) : rnd.nextInt(i));
      }
      deps[i] = chosen.stream().mapToInt(Integer::intValue).toArray();
    }
    List<Task> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(task(i, deps[i], rnd));
    }
    Collections.shuffle(tasks, rnd);
    Graph graph = Graph.of(tasks);

    List<Key> outputs = new ArrayList<>();
    int wanted = 1 + rnd.nextInt(Math.min(n, 5));
    LinkedHashSet<Integer> picked = new LinkedHashSet<>();
    while (picked.size() < wanted) {
      picked.add(rnd.nextBoolean() ? n - 1 - rnd.nextInt(Math.min(n, 4)) : rnd.nextInt(n));
    }
    picked.forEach(i -> outputs.add(key(i)));
    return new Dag(seed, deps, graph, List.copyOf(outputs));
  }

  /**
   * The task of node {@code i}: {@code combine(seed, deps...)}, its dependencies passed either as
   * plain key arguments or inside a {@link Nested} list or array (both in dependency order).
   */
  private static Task task(int i, int[] deps, Random rnd) {
    Key[] keys = Arrays.stream(deps).mapToObj(RandomDags::key).toArray(Key[]::new);
    if (deps.length == 0) {
      return rnd.nextBoolean()
          ? Task.constant(key(i), seedOf(i))
          : Task.of(key(i), RandomDags::combine, seedOf(i));
    }
    Object[] args;
    switch (rnd.nextInt(4)) {
      case 0 -> args = new Object[] {seedOf(i), new Nested.ListArg(List.of((Object[]) keys))};
      case 1 -> args = new Object[] {seedOf(i), new Nested.ArrayArg(Object.class, List.of((Object[]) keys))};
      default -> {
        args = new Object[keys.length + 1];
        args[0] = seedOf(i);
        System.arraycopy(keys, 0, args, 1, keys.length);
      }
    }
    return Task.of(key(i), RandomDags::combine, args);
  }

  static long seedOf(int i) {
    return i * 0x9E3779B97F4A7C15L + 17;
  }

  static long mix(long acc, long value) {
    return (acc ^ value) * 0xC2B2AE3D27D4EB4FL + 0x165667B1L;
  }

  /** {@code args[0]} is the node's seed; the rest (flattened from lists and arrays) its inputs. */
  static Object combine(Object[] args) {
    long acc = (Long) args[0];
    for (int a = 1; a < args.length; a++) {
      Object arg = args[a];
      if (arg instanceof List<?> list) {
        for (Object o : list) {
          acc = mix(acc, (Long) o);
        }
      } else if (arg instanceof Object[] array) {
        for (Object o : array) {
          acc = mix(acc, (Long) o);
        }
      } else {
        acc = mix(acc, (Long) arg);
      }
    }
    return acc;
  }

  /**
   * Runs a plan sequentially in {@link ExecutionPlan#runOrder()}, checking on the way that every
   * dependency already ran; returns every task's result by key.
   */
  static Map<Key, Object> evaluate(ExecutionPlan plan) {
    Object[] results = new Object[plan.size()];
    boolean[] done = new boolean[plan.size()];
    Map<Key, Object> byKey = new HashMap<>();
    for (int i : plan.runOrder()) {
      Object[] inputs = new Object[plan.dependencyCount(i)];
      for (int j = 0; j < inputs.length; j++) {
        int d = plan.dependency(i, j);
        if (!done[d]) {
          throw new AssertionError(plan.key(i) + " ran before its dependency " + plan.key(d));
        }
        inputs[j] = results[d];
      }
      try {
        results[i] = plan.task(i).run(inputs);
      } catch (Exception e) {
        throw new AssertionError("task " + plan.key(i) + " failed", e);
      }
      done[i] = true;
      byKey.put(plan.key(i), results[i]);
    }
    return byKey;
  }

  /** The results of {@code outputs} computed from {@code graph}. */
  static Map<Key, Object> evaluate(Graph graph, List<Key> outputs) {
    Map<Key, Object> all = evaluate(ExecutionPlan.of(graph, outputs));
    Map<Key, Object> out = new HashMap<>();
    for (Key k : outputs) {
      out.put(k, all.get(k));
    }
    return out;
  }
}
