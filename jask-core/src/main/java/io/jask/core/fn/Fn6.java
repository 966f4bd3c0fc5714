package io.jask.core.fn;

import java.io.Serializable;

/** A function of 6 arguments that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface Fn6<A, B, C, D, E, F, R> extends Serializable {
  /** Calls the function. */
  R apply(A a, B b, C c, D d, E e, F f) throws Exception;
}
