package io.jask.core.fn;

import java.io.Serializable;

/** A function of 3 arguments that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface Fn3<A, B, C, R> extends Serializable {
  /** Calls the function. */
  R apply(A a, B b, C c) throws Exception;
}
