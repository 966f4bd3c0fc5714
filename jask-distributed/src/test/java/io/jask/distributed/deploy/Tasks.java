package io.jask.distributed.deploy;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Task functions for the cluster tests; static, so worker JVMs find them on the class path. */
final class Tasks {
  private Tasks() {}

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  /** The process that ran this task; {@code millis} of sleep spread a graph over workers. */
  static long pid(int i, int millis) throws InterruptedException {
    Thread.sleep(millis);
    return ProcessHandle.current().pid();
  }

  static Set<Long> distinct(Collection<Long> values) {
    return new TreeSet<>(values);
  }

  static int sum(Collection<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).sum();
  }
}
