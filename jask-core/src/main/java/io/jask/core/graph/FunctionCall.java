package io.jask.core.graph;

import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.Fn3;
import io.jask.core.fn.Fn4;
import io.jask.core.fn.Fn5;
import io.jask.core.fn.Fn6;
import io.jask.core.fn.FnN;
import java.util.Objects;

/**
 * The task function of a user's call (a delayed call or a submitted one): calls the user's typed
 * function with the task's arguments, and keeps its name and identity for keys and the dashboard.
 *
 * @param fn one of {@link Fn0} to {@link Fn6}, or an {@link FnN}
 * @param arity the number of arguments {@code fn} takes; -1 for an {@link FnN}
 */
public record FunctionCall(Object fn, int arity) implements TaskFunction, Functions.NamedFunction {
  /** @throws NullPointerException if {@code fn} is null */
  public FunctionCall {
    Objects.requireNonNull(fn, "the function of a call");
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object call(Object[] a) throws Exception {
    return switch (arity) {
      case 0 -> ((Fn0) fn).apply();
      case 1 -> ((Fn1) fn).apply(a[0]);
      case 2 -> ((Fn2) fn).apply(a[0], a[1]);
      case 3 -> ((Fn3) fn).apply(a[0], a[1], a[2]);
      case 4 -> ((Fn4) fn).apply(a[0], a[1], a[2], a[3]);
      case 5 -> ((Fn5) fn).apply(a[0], a[1], a[2], a[3], a[4]);
      case 6 -> ((Fn6) fn).apply(a[0], a[1], a[2], a[3], a[4], a[5]);
      default -> ((FnN) fn).apply(a);
    };
  }

  @Override
  public String name() {
    return Functions.name(fn);
  }

  @Override
  public String identity() {
    return Functions.identity(fn);
  }
}
