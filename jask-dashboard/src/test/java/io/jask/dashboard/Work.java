package io.jask.dashboard;

/** Functions the dashboard's tests run on real workers. */
final class Work {
  private Work() {}

  static long inc(long x) {
    return x + 1;
  }

  static long add(long x, long y) {
    return x + y;
  }

  /** A task that takes a while, so that pages can be seen filling while it runs. */
  static long slowSquare(long x) throws InterruptedException {
    Thread.sleep(15);
    return x * x;
  }

  static long fail(long x) {
    throw new IllegalArgumentException("no " + x);
  }

  /** Points of a seeded random walk inside the unit circle, out of {@code n}: the demo's pi chunks. */
  static long hits(long seed, long n) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    long inside = 0;
    for (long i = 0; i < n; i++) {
      double x = random.nextDouble();
      double y = random.nextDouble();
      if (x * x + y * y <= 1) {
        inside++;
      }
    }
    return inside;
  }
}
