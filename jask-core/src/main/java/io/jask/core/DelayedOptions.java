package io.jask.core;

import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.Fn3;
import io.jask.core.fn.Fn4;
import io.jask.core.fn.Fn5;
import io.jask.core.fn.Fn6;
import io.jask.core.fn.FnN;
import io.jask.core.graph.FunctionCall;
import io.jask.core.graph.Functions;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import io.jask.core.graph.Tokens;
import java.util.Objects;

/**
 * How delayed calls are keyed: Dask's {@code delayed(f, pure=..., name=..., nout=...)}, as an
 * immutable builder: {@code Jask.options().pure().delayed(Lesson::inc, 1)}.
 *
 * <ul>
 *   <li>By default a call gets a fresh key ({@code "inc-<unique>"}): two calls are two tasks.
 *   <li>{@link #pure()}: the key is a token of the function and its arguments, so the same call
 *       made twice is one task, computed once.
 *   <li>{@link #name(String)}: the key is exactly the given name.
 *   <li>{@link #nout(int)}: the call returns that many outputs (a {@code List} or an array),
 *       taken apart with {@link Delayed#get(int)} or {@link Delayed#outputs()}.
 * </ul>
 */
public final class DelayedOptions {
  static final DelayedOptions DEFAULT = new DelayedOptions(false, null, -1);

  private final boolean pure;
  private final String name;
  private final int nout;

  private DelayedOptions(boolean pure, String name, int nout) {
    this.pure = pure;
    this.name = name;
    this.nout = nout;
  }

  /** Key calls by a token of function and arguments: equal calls share one task. */
  public DelayedOptions pure() {
    return pure(true);
  }

  /** Whether calls are keyed by a token of function and arguments. */
  public DelayedOptions pure(boolean pure) {
    return new DelayedOptions(pure, name, nout);
  }

  /**
   * Key the call by exactly {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public DelayedOptions name(String name) {
    Key.of(name); // fails fast on a bad name
    return new DelayedOptions(pure, name, nout);
  }

  /**
   * Declare that the call returns {@code nout} outputs.
   *
   * @throws IllegalArgumentException if {@code nout < 0}
   */
  public DelayedOptions nout(int nout) {
    if (nout < 0) {
      throw new IllegalArgumentException("nout must be 0 or more, got " + nout);
    }
    return new DelayedOptions(pure, name, nout);
  }

  /** A delayed call of {@code fn}. */
  public <R> Delayed<R> delayed(Fn0<R> fn) {
    return make(new FunctionCall(fn, 0), fn, new Object[] {});
  }

  /** A delayed call of {@code fn} on the given arguments. */
  public <A, R> Delayed<R> delayed(Fn1<A, R> fn, Object a) {
    return make(new FunctionCall(fn, 1), fn, new Object[] {a});
  }

  /** A delayed call of {@code fn} on the given arguments. */
  public <A, B, R> Delayed<R> delayed(Fn2<A, B, R> fn, Object a, Object b) {
    return make(new FunctionCall(fn, 2), fn, new Object[] {a, b});
  }

  /** A delayed call of {@code fn} on the given arguments. */
  public <A, B, C, R> Delayed<R> delayed(Fn3<A, B, C, R> fn, Object a, Object b, Object c) {
    return make(new FunctionCall(fn, 3), fn, new Object[] {a, b, c});
  }

  /** A delayed call of {@code fn} on the given arguments. */
  public <A, B, C, D, R> Delayed<R> delayed(Fn4<A, B, C, D, R> fn, Object a, Object b, Object c, Object d) {
    return make(new FunctionCall(fn, 4), fn, new Object[] {a, b, c, d});
  }

  /** A delayed call of {@code fn} on the given arguments. */
  public <A, B, C, D, E, R> Delayed<R> delayed(Fn5<A, B, C, D, E, R> fn, Object a, Object b, Object c, Object d, Object e) {
    return make(new FunctionCall(fn, 5), fn, new Object[] {a, b, c, d, e});
  }

  /** A delayed call of {@code fn} on the given arguments. */
  public <A, B, C, D, E, F, R> Delayed<R> delayed(Fn6<A, B, C, D, E, F, R> fn, Object a, Object b, Object c, Object d, Object e, Object f) {
    return make(new FunctionCall(fn, 6), fn, new Object[] {a, b, c, d, e, f});
  }

  /** A delayed call of {@code fn} with any number of arguments. */
  public <R> Delayed<R> delayedN(FnN<R> fn, Object... args) {
    return make(new FunctionCall(fn, -1), fn, args.clone());
  }

  private <R> Delayed<R> make(TaskFunction call, Object fn, Object[] rawArgs) {
    Objects.requireNonNull(fn, "the function of a delayed call");
    Arguments arguments = new Arguments();
    Object[] args = arguments.convertAll(rawArgs);
    Key key;
    if (name != null) {
      key = Key.of(name);
    } else if (pure) {
      key = Key.of(Functions.name(fn) + "-" + Tokens.tokenize(Functions.identity(fn), args));
    } else {
      key = Key.of(Functions.name(fn) + "-" + Tokens.unique());
    }
    return new Delayed<>(Task.of(key, call, args), arguments.inputs(), nout);
  }

  @Override
  public String toString() {
    return "DelayedOptions[pure=" + pure + ", name=" + name + ", nout=" + nout + "]";
  }
}
