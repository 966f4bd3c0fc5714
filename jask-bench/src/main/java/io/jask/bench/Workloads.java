package io.jask.bench;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark task graphs, made of trivial tasks so that the time measured is the scheduler's
 * own, and the plain Java loops that give their expected results.
 */
public final class Workloads {
  private Workloads() {}

  /** The trivial task: {@code x + 1}. */
  public static long inc(long x) {
    return x + 1;
  }

  /** The trivial reduction: {@code a + b}. */
  public static long add(long a, long b) {
    return a + b;
  }

  /**
   * {@code inc(i)} for each {@code i} in {@code [0, leaves)}, as independent tasks, summed by a
   * balanced tree of {@code add} tasks: {@code 2 * leaves - 1} tasks in all.
   *
   * @throws IllegalArgumentException if {@code leaves < 1}
   */
  public static Delayed<Long> incTree(int leaves) {
    requirePositive(leaves, "leaves");
    List<Delayed<Long>> level = new ArrayList<>(leaves);
    for (int i = 0; i < leaves; i++) {
      level.add(Jask.delayed(Workloads::inc, (long) i));
    }
    return treeSum(level);
  }

  /** Sums {@code values} by a balanced tree of {@code add} tasks. */
  public static Delayed<Long> treeSum(List<Delayed<Long>> values) {
    List<Delayed<Long>> level = values;
    while (level.size() > 1) {
      List<Delayed<Long>> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(Jask.delayed(Workloads::add, level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /** The number of tasks in {@link #incTree(int) incTree(leaves)}. */
  public static int incTreeTasks(int leaves) {
    return 2 * leaves - 1;
  }

  /** What {@link #incTree(int) incTree(leaves)} computes, by a plain loop. */
  public static long incTreeExpected(int leaves) {
    long sum = 0;
    for (int i = 0; i < leaves; i++) {
      sum = add(sum, inc(i));
    }
    return sum;
  }

  /**
   * {@code length} dependent {@code inc} tasks, the first on 0 and each on the previous one's
   * result: no two can run at once.
   *
   * @throws IllegalArgumentException if {@code length < 1}
   */
  public static Delayed<Long> incChain(int length) {
    requirePositive(length, "length");
    Delayed<Long> x = Jask.delayed(Workloads::inc, 0L);
    for (int i = 1; i < length; i++) {
      x = Jask.delayed(Workloads::inc, x);
    }
    return x;
  }

  /** What {@link #incChain(int) incChain(length)} computes, by a plain loop. */
  public static long incChainExpected(int length) {
    long x = 0;
    for (int i = 0; i < length; i++) {
      x = inc(x);
    }
    return x;
  }

  private static void requirePositive(int n, String what) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + n);
    }
  }
}
