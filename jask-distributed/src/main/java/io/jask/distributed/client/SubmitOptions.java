package io.jask.distributed.client;

import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.Fn3;
import io.jask.core.fn.Fn4;
import io.jask.core.fn.Fn5;
import io.jask.core.fn.Fn6;
import io.jask.core.fn.FnN;
import io.jask.core.graph.Key;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How calls are submitted: Dask's {@code client.submit(f, x, key=..., pure=..., retries=...,
 * priority=..., workers=..., resources=...)}, as an immutable builder bound to a client.
 *
 * <pre>{@code
 * Future<Integer> f = client.options().retries(2).priority(10).submit(Lesson::inc, 1);
 * List<Future<Double>> gpu = client.options().resources(Map.of("GPU", 1.0)).map(Model::fit, inputs);
 * }</pre>
 *
 * <ul>
 *   <li>{@link #pure(boolean)} (default true): the key is a token of the function and its
 *       arguments, so the same call submitted twice is one task, computed once. Impure calls get
 *       a fresh key every time (for functions with side effects or randomness).
 *   <li>{@link #key(String)}: the key of a submitted call; for {@code map}, the prefix of each
 *       call's key in place of the function's name.
 *   <li>{@link #retries(int)}: how often a task that throws is run again before it fails.
 *   <li>{@link #priority(int)}: higher runs earlier among tasks ready at the same time.
 *   <li>{@link #workers(Collection)}: the addresses of the workers allowed to run the task.
 *   <li>{@link #resources(Map)}: abstract resources one run needs; only workers that declare them
 *       run it.
 * </ul>
 *
 * <p>Arguments may be {@linkplain Future futures} (also inside lists, sets, maps and arrays): the
 * task then depends on them and receives their results, without the data passing through this
 * client.
 */
public final class SubmitOptions {
  private final Client client;
  private final String key;
  private final boolean pure;
  private final int retries;
  private final int priority;
  private final Set<String> workers;
  private final Map<String, Double> resources;

  private SubmitOptions(
      Client client, String key, boolean pure, int retries, int priority, Set<String> workers,
      Map<String, Double> resources) {
    this.client = client;
    this.key = key;
    this.pure = pure;
    this.retries = retries;
    this.priority = priority;
    this.workers = workers;
    this.resources = resources;
  }

  static SubmitOptions defaults(Client client) {
    return new SubmitOptions(client, null, true, 0, 0, Set.of(), Map.of());
  }

  /**
   * The key of the submitted call (for {@code map}: the prefix of each key).
   *
   * @throws IllegalArgumentException if {@code key} is empty
   */
  public SubmitOptions key(String key) {
    Key.of(key); // fails fast on a bad name
    return new SubmitOptions(client, key, pure, retries, priority, workers, resources);
  }

  /** Whether equal calls share one key and one task (default true). */
  public SubmitOptions pure(boolean pure) {
    return new SubmitOptions(client, key, pure, retries, priority, workers, resources);
  }

  /**
   * How many times a task that throws is run again before it fails (default 0).
   *
   * @throws IllegalArgumentException if {@code retries} is negative
   */
  public SubmitOptions retries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
    }
    return new SubmitOptions(client, key, pure, retries, priority, workers, resources);
  }

  /** The priority: higher runs earlier (default 0; may be negative). */
  public SubmitOptions priority(int priority) {
    return new SubmitOptions(client, key, pure, retries, priority, workers, resources);
  }

  /**
   * Runs the tasks only on the workers with these addresses (default: any worker).
   *
   * @throws IllegalArgumentException if an address is empty
   */
  public SubmitOptions workers(Collection<String> addresses) {
    Set<String> copy = new TreeSet<>();
    for (String address : addresses) {
      if (Objects.requireNonNull(address, "worker address").isEmpty()) {
        throw new IllegalArgumentException("a worker address must not be empty");
      }
      copy.add(address);
    }
    return new SubmitOptions(client, key, pure, retries, priority, Collections.unmodifiableSet(copy), resources);
  }

  /**
   * The abstract resources one run needs, such as {@code Map.of("GPU", 1.0)} (default none).
   *
   * @throws IllegalArgumentException if an amount is not positive
   */
  public SubmitOptions resources(Map<String, Double> needed) {
    Map<String, Double> copy = new TreeMap<>();
    needed.forEach((name, amount) -> {
      if (!(Objects.requireNonNull(amount, name) > 0)) {
        throw new IllegalArgumentException("resource '" + name + "' must be > 0, got " + amount);
      }
      copy.put(Objects.requireNonNull(name, "resource name"), amount);
    });
    return new SubmitOptions(client, key, pure, retries, priority, workers, Collections.unmodifiableMap(copy));
  }

  String key() {
    return key;
  }

  boolean pure() {
    return pure;
  }

  int retries() {
    return retries;
  }

  int priority() {
    return priority;
  }

  Set<String> workers() {
    return workers;
  }

  Map<String, Double> resources() {
    return resources;
  }

  // ---- submit ----

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <R> Future<R> submit(Fn0<R> fn) {
    return client.submitCall(this, fn, 0, new Object[] {});
  }

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <A, R> Future<R> submit(Fn1<A, R> fn, Object a) {
    return client.submitCall(this, fn, 1, new Object[] {a});
  }

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <A, B, R> Future<R> submit(Fn2<A, B, R> fn, Object a, Object b) {
    return client.submitCall(this, fn, 2, new Object[] {a, b});
  }

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <A, B, C, R> Future<R> submit(Fn3<A, B, C, R> fn, Object a, Object b, Object c) {
    return client.submitCall(this, fn, 3, new Object[] {a, b, c});
  }

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <A, B, C, D, R> Future<R> submit(Fn4<A, B, C, D, R> fn, Object a, Object b, Object c, Object d) {
    return client.submitCall(this, fn, 4, new Object[] {a, b, c, d});
  }

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <A, B, C, D, E, R> Future<R> submit(Fn5<A, B, C, D, E, R> fn, Object a, Object b, Object c, Object d, Object e) {
    return client.submitCall(this, fn, 5, new Object[] {a, b, c, d, e});
  }

  /** Submits a call of {@code fn}: it starts running on the cluster now. */
  public <A, B, C, D, E, F, R> Future<R> submit(Fn6<A, B, C, D, E, F, R> fn, Object a, Object b, Object c, Object d, Object e, Object f) {
    return client.submitCall(this, fn, 6, new Object[] {a, b, c, d, e, f});
  }

  /** Submits a call of {@code fn} with any number of arguments. */
  public <R> Future<R> submitN(FnN<R> fn, Object... args) {
    return client.submitCall(this, fn, -1, args.clone());
  }

  // ---- map ----

  /** Submits {@code fn} once per item, all in one go; the futures are in the order of the items. */
  public <A, R> List<Future<R>> map(Fn1<A, R> fn, Collection<?> items) {
    return client.mapCalls(this, fn, 1, List.of(items));
  }

  /**
   * Submits {@code fn} once per pair of items, taken from both collections in order.
   *
   * @throws IllegalArgumentException if the collections differ in size
   */
  public <A, B, R> List<Future<R>> map(Fn2<A, B, R> fn, Collection<?> firsts, Collection<?> seconds) {
    return client.mapCalls(this, fn, 2, List.of(firsts, seconds));
  }

  /**
   * Submits {@code fn} once per triple of items, taken from the three collections in order.
   *
   * @throws IllegalArgumentException if the collections differ in size
   */
  public <A, B, C, R> List<Future<R>> map(
      Fn3<A, B, C, R> fn, Collection<?> firsts, Collection<?> seconds, Collection<?> thirds) {
    return client.mapCalls(this, fn, 3, List.of(firsts, seconds, thirds));
  }

  @Override
  public String toString() {
    return "SubmitOptions[key=" + key + ", pure=" + pure + ", retries=" + retries + ", priority=" + priority
        + ", workers=" + workers + ", resources=" + resources + "]";
  }
}
