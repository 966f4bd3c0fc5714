package io.jask.distributed.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Task functions for the resilience tests; static, so worker JVMs find them on the class path. */
final class ResilienceTasks {
  /** Memory a task holds outside any result (the pause test frees it with the results). */
  private ResilienceTasks() {}

  static long square(int i) throws InterruptedException {
    Thread.sleep(1); // spreads the graph over time, so that kills land in the middle of it
    return (long) i * i;
  }

  static long total(Collection<Long> values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  static String upper(String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  static int inc(int x) {
    return x + 1;
  }

  /** A 16 MiB block whose values depend on {@code i}: compressible, but not trivially. */
  static double[] block(int i) {
    double[] a = new double[2 << 20];
    for (int j = 0; j < a.length; j++) {
      a[j] = ((i * 31L + j) % 1000) * 0.5;
    }
    return a;
  }

  static double sumOf(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** {@code mib} MiB of bytes, all touched; {@code n} only tells the results apart. */
  static byte[] ballast(int mib, int n) {
    byte[] b = new byte[mib << 20];
    for (int i = 0; i < b.length; i += 4096) {
      b[i] = 1;
    }
    return b;
  }

  static int exitTheJvm(int x) {
    System.exit(1);
    return x;
  }

  static int haltTheJvm(int x) {
    Runtime.getRuntime().halt(1);
    return x;
  }

  static long sleepLong(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
    return seconds;
  }

  static List<Long> listOf(long a) {
    List<Long> out = new ArrayList<>();
    out.add(a);
    return out;
  }
}
