package io.jask.core.fn;

import java.io.Serializable;

/** A function of no arguments that a task can call: serializable, and free to throw. */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
  /** Calls the function. */
  R apply() throws Exception;
}
