package io.jask.core.fn;

import java.io.Serializable;

/** A function of one argument that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
  /** Calls the function. */
  R apply(A a) throws Exception;
}
