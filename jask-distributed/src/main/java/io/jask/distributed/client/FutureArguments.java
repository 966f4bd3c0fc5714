package io.jask.distributed.client;

import io.jask.core.Delayed;
import io.jask.core.graph.Key;
import io.jask.core.graph.Nested;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the arguments of a submitted call into task arguments: each {@link Future} becomes its
 * key, so the task depends on it and receives its result (as Dask does with futures passed to
 * {@code submit}); lists, sets, maps and arrays holding futures become {@link Nested} arguments;
 * everything else is passed as is.
 */
final class FutureArguments {
  private final Client client;

  FutureArguments(Client client) {
    this.client = client;
  }

  /**
   * The task arguments for {@code raw}.
   *
   * @throws IllegalArgumentException if a future belongs to another client or was released, or an
   *     argument is a {@link Delayed}
   */
  Object[] convertAll(Object[] raw) {
    Object[] out = new Object[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = convert(raw[i]);
    }
    return out;
  }

  private Object convert(Object a) {
    if (a == null || a instanceof String || a instanceof Number || a instanceof Boolean) {
      return a;
    }
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
    if (a instanceof Key || a instanceof Nested) {
      return new Nested.Literal(a); // a user's own Key is data, not a reference
    }
    if (a instanceof List<?> list) {
      List<Object> items = convertItems(list);
      return items == null ? a : new Nested.ListArg(items);
    }
    if (a instanceof Set<?> set) {
      List<Object> items = convertItems(set);
      return items == null ? a : new Nested.SetArg(items);
    }
    if (a instanceof Map<?, ?> map) {
      List<Object> keys = convertItems(map.keySet());
      List<Object> values = convertItems(map.values());
      if (keys == null && values == null) {
        return a;
      }
      return new Nested.MapArg(keys != null ? keys : new ArrayList<>(map.keySet()),
          values != null ? values : new ArrayList<>(map.values()));
    }
    if (a instanceof Object[] array) {
      List<Object> items = convertItems(Arrays.asList(array));
      if (items == null) {
        return a;
      }
      Class<?> component = array.getClass().getComponentType();
      // A Future[] cannot hold the results: the task receives an Object[] then.
      return new Nested.ArrayArg(component.isAssignableFrom(Future.class) ? Object.class : component, items);
    }
    return a;
  }

  /** The converted items, or {@code null} if none of them held a future. */
  private List<Object> convertItems(Collection<?> items) {
    List<Object> out = new ArrayList<>(items.size());
    boolean changed = false;
    for (Object item : items) {
      Object converted = convert(item);
      changed |= converted != item;
      out.add(converted);
    }
    return changed ? out : null;
  }
}
