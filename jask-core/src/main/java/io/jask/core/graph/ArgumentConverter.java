package io.jask.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the arguments of a call into task arguments: each reference to another task's result (a
 * {@code Delayed}, a client's {@code Future}: whatever {@link #referenceOf} recognises) becomes
 * that task's key; lists, sets, maps and arrays holding references become {@link Nested}
 * arguments; a user's own {@link Key} or {@link Nested} is wrapped as a literal; everything else
 * is passed as is, without copying.
 */
public abstract class ArgumentConverter {
  /**
   * The key {@code argument} stands for, or {@code null} if it is a plain value. May record the
   * reference, or reject it with an exception that says why.
   */
  protected abstract Key referenceOf(Object argument);

  /** The class of references: an array of them is handed to the task as an {@code Object[]}. */
  protected abstract Class<?> referenceType();

  /** The task arguments for {@code raw}. */
  public final Object[] convertAll(Object[] raw) {
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
    Key reference = referenceOf(a);
    if (reference != null) {
      return reference;
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
   * The component type of the array a task receives for an array holding references: the array's
   * own, unless it is one that holds references (at any depth), which cannot hold their results:
   * then {@code Object}.
   */
  private Class<?> resolvedComponentType(Class<?> component) {
    if (component.isArray() && !component.getComponentType().isPrimitive()) {
      return resolvedComponentType(component.getComponentType()).arrayType();
    }
    return component.isAssignableFrom(referenceType()) ? Object.class : component;
  }

  /** The converted items, or {@code null} if none of them held a reference. */
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
