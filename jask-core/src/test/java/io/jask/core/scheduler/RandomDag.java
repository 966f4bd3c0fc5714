package io.jask.core.scheduler;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A random directed acyclic task graph in which each task returns a constant plus the sum of its
 * inputs, with the expected results worked out by a plain loop, independently of Jask.
 *
 * <p>Tasks are numbered in topological order (a task depends only on lower numbers, possibly on
 * the same one twice) but are put into the graph shuffled. Every task counts its runs.
 */
final class RandomDag {
  final Graph graph;
  final List<Key> outputs;
  /** The expected result of each output, in the order of {@link #outputs}. */
  final List<Long> expected;
  /** Whether task {@code i} is needed by the outputs. */
  final boolean[] needed;
  /** How often task {@code i} ran. */
  final AtomicIntegerArray calls;
  final Key[] keys;

  private RandomDag(Graph graph, List<Key> outputs, List<Long> expected, boolean[] needed,
      AtomicIntegerArray calls, Key[] keys) {
    this.graph = graph;
    this.outputs = outputs;
    this.expected = expected;
    this.needed = needed;
    this.calls = calls;
    this.keys = keys;
  }

  static RandomDag generate(Random random, int maxTasks) {
    int n = random.nextInt(maxTasks + 1);
    Key[] keys = new Key[n];
    long[] value = new long[n];
    int[][] deps = new int[n][];
    AtomicIntegerArray calls = new AtomicIntegerArray(n);
    List<Task> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys[i] = Key.of("node", i);
      int nDeps = i == 0 ? 0 : random.nextInt(Math.min(i, 5) + 1);
      deps[i] = new int[nDeps];
      long constant = random.nextInt(2001) - 1000;
      long sum = constant;
      List<Object> args = new ArrayList<>(nDeps + 1);
      args.add(constant);
      for (int d = 0; d < nDeps; d++) {
        // Mostly near neighbours, sometimes anywhere: long chains and wide fan-ins both occur.
        int dep = random.nextInt(4) == 0 ? random.nextInt(i) : Math.max(0, i - 1 - random.nextInt(Math.min(i, 8)));
        deps[i][d] = dep;
        sum += value[dep];
        args.add(keys[dep]);
      }
      Collections.shuffle(args, random);
      value[i] = sum;
      tasks.add(Task.of(keys[i], new SumPlus(i, calls), args.toArray()));
    }
    List<Key> outputs = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    boolean[] needed = new boolean[n];
    if (n > 0) {
      int nOut = 1 + random.nextInt(Math.min(n, 8));
      for (int k = 0; k < nOut; k++) {
        // Outputs lean towards late tasks but may be any, and may repeat.
        int o = random.nextBoolean() ? n - 1 - random.nextInt(Math.min(n, 10)) : random.nextInt(n);
        outputs.add(keys[o]);
        expected.add(value[o]);
        markNeeded(o, deps, needed);
      }
    }
    Collections.shuffle(tasks, random);
    return new RandomDag(Graph.of(tasks), outputs, expected, needed, calls, keys);
  }

  private static void markNeeded(int root, int[][] deps, boolean[] needed) {
    ArrayList<Integer> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      int v = stack.remove(stack.size() - 1);
      if (!needed[v]) {
        needed[v] = true;
        for (int d : deps[v]) {
          stack.add(d);
        }
      }
    }
  }

  int neededCount() {
    int c = 0;
    for (boolean b : needed) {
      if (b) {
        c++;
      }
    }
    return c;
  }

  /** A constant plus the sum of the inputs; counts its runs. */
  record SumPlus(int index, AtomicIntegerArray calls) implements TaskFunction {
    @Override
    public Object call(Object[] args) {
      calls.incrementAndGet(index);
      long sum = 0;
      for (Object a : args) {
        sum += (Long) a;
      }
      return sum;
    }
  }
}
