package io.jask.deploy;

/** Task functions for the cluster tests; static, so worker JVMs find them on the class path. */
final class Tasks {
  private Tasks() {}

  static long square(int x) throws InterruptedException {
    Thread.sleep(20);
    return (long) x * x;
  }

  static long sleepySquare(int x) throws InterruptedException {
    Thread.sleep(300);
    return (long) x * x;
  }

  static long pid(int ignored) {
    return ProcessHandle.current().pid();
  }

  /** The sum of squares below {@code n}, by a plain loop: what the cluster's result is checked against. */
  static long sumOfSquares(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (long) i * i;
    }
    return sum;
  }
}
