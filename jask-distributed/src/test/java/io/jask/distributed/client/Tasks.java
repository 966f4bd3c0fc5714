package io.jask.distributed.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The functions the client tests run on their in-process workers. The workers share this JVM, so
 * the tests steer and observe tasks through static state: gates a task waits at until the test
 * opens them (so no test sleeps to order things), and counters of how often a task ran.
 */
final class Tasks {
  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
  private static final Map<String, CountDownLatch> SIGNALS = new ConcurrentHashMap<>();

  private Tasks() {}

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  static String nothing() {
    return null;
  }

  static int six(int a, int b, int c, int d, int e, int f) {
    return a + b + c + d + e + f;
  }

  static int count(Object... args) {
    return args.length;
  }

  static int sum(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).sum();
  }

  static int length(byte[] bytes) {
    return bytes.length;
  }

  static String threadName(Object ignored) {
    return Thread.currentThread().getName();
  }

  static int boom(int x) {
    throw new IllegalStateException("boom " + x);
  }

  /** A new closed gate, named uniquely. */
  static String newGate() {
    String name = "gate-" + UUID.randomUUID();
    GATES.put(name, new CountDownLatch(1));
    return name;
  }

  static void open(String gate) {
    GATES.get(gate).countDown();
  }

  /** Waits (at most a minute, so a broken test cannot hang a worker forever) until the gate opens. */
  static int gated(String gate, int x) throws InterruptedException {
    GATES.get(gate).await(1, TimeUnit.MINUTES);
    return x;
  }

  /** Counts a run under {@code tag}, then increments. */
  static int countedInc(String tag, int x) {
    COUNTS.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
    return x + 1;
  }

  static int count(String tag) {
    AtomicInteger n = COUNTS.get(tag);
    return n == null ? 0 : n.get();
  }

  /** Fails the first {@code failures} runs under {@code tag}, then returns the attempt number. */
  static int flaky(String tag, int failures) {
    int attempt = COUNTS.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
    if (attempt <= failures) {
      throw new IllegalStateException("attempt " + attempt + " of " + tag + " fails");
    }
    return attempt;
  }

  /** A new signal a task can raise and a test wait for. */
  static String newSignal() {
    String name = "signal-" + UUID.randomUUID();
    SIGNALS.put(name, new CountDownLatch(1));
    return name;
  }

  static boolean raised(String signal, long seconds) throws InterruptedException {
    return SIGNALS.get(signal).await(seconds, TimeUnit.SECONDS);
  }

  /** Raises the signal: a side effect the test can observe. */
  static int raise(String signal, int input) {
    SIGNALS.get(signal).countDown();
    return input;
  }
}
