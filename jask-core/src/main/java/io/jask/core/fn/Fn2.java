package io.jask.core.fn;

import java.io.Serializable;

/** A function of 2 arguments that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {
  /** Calls the function. */
  R apply(A a, B b) throws Exception;
}
