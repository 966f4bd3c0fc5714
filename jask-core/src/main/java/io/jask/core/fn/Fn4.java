package io.jask.core.fn;

import java.io.Serializable;

/** A function of 4 arguments that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {
  /** Calls the function. */
  R apply(A a, B b, C c, D d) throws Exception;
}
