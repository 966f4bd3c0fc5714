package io.jask.core.graph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A task argument that is a list, set, map or array holding references to other tasks' results.
 * The scheduler rebuilds it, with every {@link Key} inside replaced by that key's result, before
 * the task runs. Arguments without references stay plain values and cost nothing to resolve.
 */
public sealed interface Nested extends Serializable {
  /** Rebuilds the value with each key replaced by {@code resolve.apply(key)}. */
  Object resolve(Function<Key, Object> resolve);

  /** Adds every key referenced inside to {@code into}. */
  void collectKeys(Set<Key> into);

  /** A list argument; its elements are values, keys or nested arguments. */
  record ListArg(List<Object> items) implements Nested {
    public ListArg {
      items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    @Override
    public Object resolve(Function<Key, Object> resolve) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        out.add(resolveItem(item, resolve));
      }
      return out;
    }

    @Override
    public void collectKeys(Set<Key> into) {
      items.forEach(item -> collectItem(item, into));
    }
  }

  /** A set argument. */
  record SetArg(List<Object> items) implements Nested {
    public SetArg {
      items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    @Override
    public Object resolve(Function<Key, Object> resolve) {
      Set<Object> out = new LinkedHashSet<>();
      for (Object item : items) {
        out.add(resolveItem(item, resolve));
      }
      return out;
    }

    @Override
    public void collectKeys(Set<Key> into) {
      items.forEach(item -> collectItem(item, into));
    }
  }

  /** An array argument of reference type; rebuilt as an array of the same component type. */
  record ArrayArg(Class<?> componentType, List<Object> items) implements Nested {
    public ArrayArg {
      items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    @Override
    public Object resolve(Function<Key, Object> resolve) {
      Object[] out = (Object[]) java.lang.reflect.Array.newInstance(componentType, items.size());
      for (int i = 0; i < out.length; i++) {
        out[i] = resolveItem(items.get(i), resolve);
      }
      return out;
    }

    @Override
    public void collectKeys(Set<Key> into) {
      items.forEach(item -> collectItem(item, into));
    }
  }

  /** A map argument; keys and values may both hold references. Iteration order is kept. */
  record MapArg(List<Object> keys, List<Object> values) implements Nested {
    public MapArg {
      keys = Collections.unmodifiableList(new ArrayList<>(keys));
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    @Override
    public Object resolve(Function<Key, Object> resolve) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        out.put(resolveItem(keys.get(i), resolve), resolveItem(values.get(i), resolve));
      }
      return out;
    }

    @Override
    public void collectKeys(Set<Key> into) {
      keys.forEach(item -> collectItem(item, into));
      values.forEach(item -> collectItem(item, into));
    }
  }

  /** A value that must be passed as is, even if it is a {@link Key} or a {@link Nested}. */
  record Literal(Object value) implements Nested {
    @Override
    public Object resolve(Function<Key, Object> resolve) {
      return value;
    }

    @Override
    public void collectKeys(Set<Key> into) {}
  }

  private static Object resolveItem(Object item, Function<Key, Object> resolve) {
    if (item instanceof Key key) {
      return resolve.apply(key);
    }
    if (item instanceof Nested nested) {
      return nested.resolve(resolve);
    }
    return item;
  }

  private static void collectItem(Object item, Set<Key> into) {
    if (item instanceof Key key) {
      into.add(key);
    } else if (item instanceof Nested nested) {
      nested.collectKeys(into);
    }
  }
}
