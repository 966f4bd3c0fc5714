package io.jask.core;

import io.jask.core.graph.Key;
import io.jask.core.graph.Nested;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the arguments of a delayed call into task arguments: each {@link Delayed} becomes its
 * key (and an input of the new task), lists, sets, maps and arrays that hold delayed values become
 * {@link Nested} arguments, and everything else is passed as is.
 */
final class Arguments {
  private final List<Delayed<?>> inputs = new ArrayList<>(4);

  Object[] convertAll(Object[] raw) {
    Object[] out = new Object[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = convert(raw[i]);
    }
    return out;
  }

  List<Delayed<?>> inputs() {
    return inputs;
  }

  private Object convert(Object a) {
    if (a == null || a instanceof String || a instanceof Number || a instanceof Boolean) {
      return a;
    }
    if (a instanceof Delayed<?> d) {
      inputs.add(d);
      return d.key();
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
      return items == null ? a : new Nested.ArrayArg(resolvedComponentType(array.getClass().getComponentType()), items);
    }
    return a;
  }

  /**
   * The component type of the array a task receives for an array holding delayed values: the
   * array's own, unless it is one that holds {@code Delayed}s ({@code Delayed[]}, {@code
   * Tokenizable[]}, at any depth), which cannot hold their results: then {@code Object}.
   */
  private static Class<?> resolvedComponentType(Class<?> component) {
    if (component.isArray() && !component.getComponentType().isPrimitive()) {
      return resolvedComponentType(component.getComponentType()).arrayType();
    }
    return component.isAssignableFrom(Delayed.class) ? Object.class : component;
  }

  /** The converted items, or {@code null} if none of them held a delayed value. */
  private List<Object> convertItems(Collection<?> items) {
    List<Object> out = null;
    int i = 0;
    for (Object item : items) {
      Object converted = convert(item);
      if (converted != item && out == null) {
        out = new ArrayList<>(items.size());
        int j = 0;
        for (Object earlier : items) {
          if (j++ == i) {
            break;
          }
          out.add(earlier);
        }
      }
      if (out != null) {
        out.add(converted);
      }
      i++;
    }
    return out;
  }
}
