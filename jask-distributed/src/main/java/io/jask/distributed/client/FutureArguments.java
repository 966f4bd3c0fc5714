package io.jask.distributed.client;

import io.jask.core.Delayed;
import io.jask.core.graph.ArgumentConverter;
import io.jask.core.graph.Key;

/**
 * Turns the arguments of a submitted call into task arguments: each {@link Future} becomes its
 * key, so the task depends on it and receives its result (as Dask does with futures passed to
 * {@code submit}); lists, sets, maps and arrays holding futures become {@link io.jask.core.graph.Nested} arguments;
 * everything else is passed as is.
 */
final class FutureArguments extends ArgumentConverter {
  private final Client client;

  FutureArguments(Client client) {
    this.client = client;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a future belongs to another client or was released, or an
   *     argument is a {@link Delayed}
   */
  @Override
  protected Key referenceOf(Object a) {
    if (a instanceof Future<?> f) {
      if (f.client() != client) {
        throw new IllegalArgumentException("the future of '" + f.key() + "' belongs to another client");
      }
      if (f.isReleased()) {
        throw new IllegalArgumentException("the future of '" + f.key() + "' was released: its result may be gone");
      }
      return f.key();
    }
    if (a instanceof Delayed<?> d) {
      throw new IllegalArgumentException("a Delayed ('" + d.key() + "') cannot be an argument of submit:"
          + " compute it, or submit its work as futures");
    }
    return null;
  }

  @Override
  protected Class<?> referenceType() {
    return Future.class;
  }
}
