package io.jask.core.graph;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jask.core.GraphException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Catching the {@link GraphException} a call must throw. */
final class GraphErrors {
  private GraphErrors() {}

  /** The GraphException {@code call} throws; fails the test if it throws nothing or something else. */
  static GraphException graphException(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(GraphException.class);
    return (GraphException) catchThrowable(call);
  }
}
