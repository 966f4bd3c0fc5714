package io.jask.core;

import io.jask.core.diagnostics.GraphRenderer;
import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.Fn3;
import io.jask.core.fn.Fn4;
import io.jask.core.fn.Fn5;
import io.jask.core.fn.Fn6;
import io.jask.core.fn.FnN;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.Tokens;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Jask's entry point for lazy computations: delayed calls, and {@code compute} or {@code persist}
 * of several values at once.
 *
 * <pre>{@code
 * Delayed<Integer> x = Jask.delayed(Lesson::inc, 1);
 * Delayed<Integer> z = Jask.delayed(Lesson::add, x, Jask.delayed(Lesson::inc, 2));
 * z.compute();                 // 5, on the threaded scheduler
 * Jask.compute(x, z);          // both, computing x once
 * }</pre>
 */
public final class Jask {
  private Jask() {}

  /** Options for delayed calls: {@code Jask.options().pure().name("total").delayed(...)}. */
  public static DelayedOptions options() {
    return DelayedOptions.DEFAULT;
  }

  /**
   * A lazy call of {@code fn}.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <R> Delayed<R> delayed(Fn0<R> fn) {
    return DelayedOptions.DEFAULT.delayed(fn);
  }

  /**
   * A lazy call of {@code fn}; each argument may be a plain value, a {@link Delayed}, or a
   * list, set, map or array holding {@code Delayed}s.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A, R> Delayed<R> delayed(Fn1<A, R> fn, Object a) {
    return DelayedOptions.DEFAULT.delayed(fn, a);
  }

  /**
   * A lazy call of {@code fn}; each argument may be a plain value, a {@link Delayed}, or a
   * list, set, map or array holding {@code Delayed}s.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A, B, R> Delayed<R> delayed(Fn2<A, B, R> fn, Object a, Object b) {
    return DelayedOptions.DEFAULT.delayed(fn, a, b);
  }

  /**
   * A lazy call of {@code fn}; each argument may be a plain value, a {@link Delayed}, or a
   * list, set, map or array holding {@code Delayed}s.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A, B, C, R> Delayed<R> delayed(Fn3<A, B, C, R> fn, Object a, Object b, Object c) {
    return DelayedOptions.DEFAULT.delayed(fn, a, b, c);
  }

  /**
   * A lazy call of {@code fn}; each argument may be a plain value, a {@link Delayed}, or a
   * list, set, map or array holding {@code Delayed}s.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A, B, C, D, R> Delayed<R> delayed(Fn4<A, B, C, D, R> fn, Object a, Object b, Object c, Object d) {
    return DelayedOptions.DEFAULT.delayed(fn, a, b, c, d);
  }

  /**
   * A lazy call of {@code fn}; each argument may be a plain value, a {@link Delayed}, or a
   * list, set, map or array holding {@code Delayed}s.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A, B, C, D, E, R> Delayed<R> delayed(Fn5<A, B, C, D, E, R> fn, Object a, Object b, Object c, Object d, Object e) {
    return DelayedOptions.DEFAULT.delayed(fn, a, b, c, d, e);
  }

  /**
   * A lazy call of {@code fn}; each argument may be a plain value, a {@link Delayed}, or a
   * list, set, map or array holding {@code Delayed}s.
   *
   * @throws NullPointerException if {@code fn} is null
   */
  public static <A, B, C, D, E, F, R> Delayed<R> delayed(Fn6<A, B, C, D, E, F, R> fn, Object a, Object b, Object c, Object d, Object e, Object f) {
    return DelayedOptions.DEFAULT.delayed(fn, a, b, c, d, e, f);
  }

  /** A lazy call of {@code fn} with any number of arguments. */
  public static <R> Delayed<R> delayedN(FnN<R> fn, Object... args) {
    return DelayedOptions.DEFAULT.delayedN(fn, args);
  }

  /**
   * A delayed value that is {@code value} itself, keyed by a token of it ({@code
   * "integer-3f…"}): Dask's {@code delayed(obj)}.
   */
  public static <T> Delayed<T> value(T value) {
    String type = value == null ? "none" : value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    if (type.isEmpty()) {
      type = "value";
    }
    Key key = Key.of(type + "-" + Tokens.tokenize(value));
    return new Delayed<>(Task.constant(key, value), List.of(), -1);
  }

  /** Computes several delayed values together on the current scheduler; shared work runs once. */
  public static List<Object> compute(Delayed<?>... values) {
    return compute(Schedulers.current(), values);
  }

  /** Computes several delayed values together on {@code scheduler}. */
  public static List<Object> compute(Scheduler scheduler, Delayed<?>... values) {
    return computeAll(scheduler, Arrays.asList(values));
  }

  /** Computes a list of delayed values of one type together, on the current scheduler. */
  public static <T> List<T> computeAll(List<? extends Delayed<? extends T>> values) {
    return computeAll(Schedulers.current(), values);
  }

  /** Computes a list of delayed values of one type together, on {@code scheduler}. */
  @SuppressWarnings("unchecked")
  public static <T> List<T> computeAll(Scheduler scheduler, List<? extends Delayed<? extends T>> values) {
    List<Key> keys = new ArrayList<>(values.size());
    for (Delayed<?> d : values) {
      keys.add(d.key());
    }
    return (List<T>) scheduler.get(Delayed.collect(values), keys);
  }

  /**
   * Computes several delayed values together and returns delayed values that hold the results
   * under the same keys, in the same order.
   */
  public static List<Delayed<?>> persist(Delayed<?>... values) {
    List<Object> results = compute(values);
    List<Delayed<?>> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      out.add(values[i].persisted(results.get(i)));
    }
    return out;
  }

  /** The task graph of several delayed values together. */
  public static Graph graph(Delayed<?>... values) {
    return Delayed.collect(Arrays.asList(values));
  }

  /** Writes the graph of several delayed values; see {@link Delayed#visualize(Path)}. */
  public static Path visualize(Path path, Delayed<?>... values) {
    return GraphRenderer.write(graph(values), path);
  }
}
