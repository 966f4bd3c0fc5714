package io.jask.core;

import io.jask.core.graph.ArgumentConverter;
import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a delayed call: each {@link Delayed} becomes its key and an input of the new
 * task, so that the task's graph includes it.
 */
final class Arguments extends ArgumentConverter {
  private final List<Delayed<?>> inputs = new ArrayList<>(4);

  /** The delayed values met while converting, in order. */
  List<Delayed<?>> inputs() {
    return inputs;
  }

  @Override
  protected Key referenceOf(Object argument) {
    if (argument instanceof Delayed<?> d) {
      inputs.add(d);
      return d.key();
    }
    return null;
  }

  @Override
  protected Class<?> referenceType() {
    return Delayed.class;
  }
}
