package io.jask.core;

import io.jask.core.fn.Fn0;
import io.jask.core.fn.Fn1;
import io.jask.core.fn.Fn2;
import io.jask.core.fn.Fn3;
import io.jask.core.fn.Fn4;
import io.jask.core.fn.Fn5;
import io.jask.core.fn.Fn6;
import io.jask.core.fn.FnN;
import io.jask.core.graph.Functions;
import io.jask.core.graph.TaskFunction;

/** Task functions that call the user's typed functions; they keep the user function's name. */
final class Calls {
  private Calls() {}

  /** Calls an {@link Fn0}. */
  record Call0(Fn0<?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn0) fn).apply();
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

  /** Calls an {@link Fn1}. */
  record Call1(Fn1<?, ?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn1) fn).apply(args[0]);
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

  /** Calls an {@link Fn2}. */
  record Call2(Fn2<?, ?, ?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn2) fn).apply(args[0], args[1]);
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

  /** Calls an {@link Fn3}. */
  record Call3(Fn3<?, ?, ?, ?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn3) fn).apply(args[0], args[1], args[2]);
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

  /** Calls an {@link Fn4}. */
  record Call4(Fn4<?, ?, ?, ?, ?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn4) fn).apply(args[0], args[1], args[2], args[3]);
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

  /** Calls an {@link Fn5}. */
  record Call5(Fn5<?, ?, ?, ?, ?, ?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn5) fn).apply(args[0], args[1], args[2], args[3], args[4]);
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

  /** Calls an {@link Fn6}. */
  record Call6(Fn6<?, ?, ?, ?, ?, ?, ?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) throws Exception {
      return ((Fn6) fn).apply(args[0], args[1], args[2], args[3], args[4], args[5]);
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

  /** Calls an {@link FnN} with the task's arguments. */
  record CallN(FnN<?> fn) implements TaskFunction, Functions.NamedFunction {
    @Override
    public Object call(Object[] args) throws Exception {
      return fn.apply(args);
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
}
