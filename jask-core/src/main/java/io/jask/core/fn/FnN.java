package io.jask.core.fn;

import java.io.Serializable;

/** A function of any number of arguments that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface FnN<R> extends Serializable {
  /** Calls the function. */
  R apply(Object... args) throws Exception;
}
