package io.jask.core.graph;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One node of a task graph: a key, a function, and the function's arguments.
 *
 * <p>An argument is one of three things: a {@link Key}, which stands for the result of the task
 * with that key; a {@link Nested} list, set, map or array holding keys; or any other object,
 * passed as is. The keys an argument refers to are the task's {@linkplain #dependencies()
 * dependencies}, in order of first appearance. Tasks are immutable.
 */
public final class Task implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Key[] NO_KEYS = {};
  private static final Object[] NO_ARGS = {};
  /** {@link #argSlots} marker for a plain value. */
  private static final int PLAIN = -1;
  /** {@link #argSlots} marker for a {@link Nested} argument. */
  private static final int NESTED = -2;

  private final Key key;
  private final TaskFunction function;
  private final Object[] args;
  private final Key[] dependencies;
  /** Per argument: the index of its key in {@link #dependencies}, or {@link #PLAIN}/{@link #NESTED}. */
  private final int[] argSlots;

  private Task(Key key, TaskFunction function, Object[] args) {
    this.key = Objects.requireNonNull(key, "task key");
    this.function = Objects.requireNonNull(function, () -> "function of task '" + key + "'");
    this.args = args.length == 0 ? NO_ARGS : args;
    this.argSlots = new int[args.length];
    Key[] deps = new Key[Math.min(args.length, 8)];
    int count = 0;
    boolean nested = false;
    Map<Key, Integer> slotOf = null; // once there are many keys: a linear scan each would be quadratic
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Key k) {
        int slot = slotOf == null ? indexOf(deps, count, k) : slotOf.getOrDefault(k, -1);
        if (slot < 0) {
          if (count == deps.length) {
            deps = Arrays.copyOf(deps, count * 2);
          }
          deps[count] = k;
          slot = count++;
          if (slotOf != null) {
            slotOf.put(k, slot);
          } else if (count > 16) {
            slotOf = new HashMap<>();
            for (int d = 0; d < count; d++) {
              slotOf.put(deps[d], d);
            }
          }
        }
        argSlots[i] = slot;
      } else if (a instanceof Nested n) {
        argSlots[i] = NESTED;
        nested = true;
      } else {
        argSlots[i] = PLAIN;
      }
    }
    if (nested) {
      // Keys inside nested arguments are dependencies too, in order of first use with the others.
      Set<Key> all = new LinkedHashSet<>();
      for (Object a : args) {
        if (a instanceof Key k) {
          all.add(k);
        } else if (a instanceof Nested n) {
          n.collectKeys(all);
        }
      }
      deps = all.toArray(NO_KEYS);
      count = deps.length;
      Map<Key, Integer> newSlot = null;
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof Key k) {
          if (newSlot == null) {
            newSlot = new HashMap<>();
            for (int d = 0; d < count; d++) {
              newSlot.put(deps[d], d);
            }
          }
          argSlots[i] = newSlot.get(k);
        }
      }
    }
    this.dependencies = count == 0 ? NO_KEYS : (count == deps.length ? deps : Arrays.copyOf(deps, count));
  }

  private static int indexOf(Key[] keys, int count, Key k) {
    for (int i = 0; i < count; i++) {
      if (keys[i].equals(k)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A task that calls {@code function} with {@code args}.
   *
   * @throws NullPointerException naming the key if the key or function is null
   */
  public static Task of(Key key, TaskFunction function, Object... args) {
    return new Task(key, function, args.clone());
  }

  /** A task whose result is {@code value} itself (data placed in the graph, or a persisted result). */
  public static Task constant(Key key, Object value) {
    return new Task(key, new Constant(value), NO_ARGS);
  }

  /** The key this task's result is stored under. */
  public Key key() {
    return key;
  }

  /** The function this task calls. */
  public TaskFunction function() {
    return function;
  }

  /** The keys whose results this task needs, each once, in order of first use. */
  public Key[] dependencies() {
    return dependencies.clone();
  }

  /** The number of dependencies, without copying them. */
  public int dependencyCount() {
    return dependencies.length;
  }

  /** The {@code i}-th dependency, without copying the array. */
  public Key dependency(int i) {
    return dependencies[i];
  }

  /** The arguments as given: keys, {@link Nested} structures and plain values. */
  public Object[] args() {
    return args.clone();
  }

  /** Whether this task only holds a value. */
  public boolean isConstant() {
    return function instanceof Constant;
  }

  /** The display name of what this task runs ({@code "inc"}, {@code "lambda"}). */
  public String functionName() {
    return Functions.name(function);
  }

  /**
   * Runs the task.
   *
   * @param dependencyResults the results of {@link #dependencies()}, in the same order
   */
  public Object run(Object[] dependencyResults) throws Exception {
    if (dependencyResults.length != dependencies.length) {
      throw new IllegalArgumentException("task '" + key + "' needs " + dependencies.length
          + " dependency results, got " + dependencyResults.length);
    }
    return function.call(resolveArgs(dependencyResults));
  }

  private Object[] resolveArgs(Object[] results) {
    if (args.length == 0) {
      return NO_ARGS;
    }
    Object[] actual = new Object[args.length];
    Map<Key, Object> byKey = null;
    for (int i = 0; i < args.length; i++) {
      int slot = argSlots[i];
      if (slot >= 0) {
        actual[i] = results[slot];
      } else if (slot == PLAIN) {
        actual[i] = args[i];
      } else {
        if (byKey == null) {
          byKey = new HashMap<>();
          for (int d = 0; d < dependencies.length; d++) {
            byKey.put(dependencies[d], results[d]);
          }
        }
        actual[i] = ((Nested) args[i]).resolve(byKey::get);
      }
    }
    return actual;
  }

  /**
   * Whether {@code other} computes the same thing: the same function (by {@linkplain
   * Functions#identity identity}) on equal arguments. Two tasks bound to one key must agree.
   */
  public boolean sameComputation(Task other) {
    if (this == other) {
      return true;
    }
    if (!key.equals(other.key)) {
      return false;
    }
    if (function instanceof Constant c && other.function instanceof Constant o) {
      return Objects.deepEquals(c.value, o.value) || Tokens.tokenize(c.value).equals(Tokens.tokenize(o.value));
    }
    return Functions.identity(function).equals(Functions.identity(other.function))
        && Tokens.tokenize(args).equals(Tokens.tokenize(other.args));
  }

  @Override
  public String toString() {
    return key + " = " + functionName() + Arrays.toString(args);
  }

  /** The function of a {@linkplain #constant constant} task. */
  record Constant(Object value) implements TaskFunction, Functions.NamedFunction {
    @Override
    public Object call(Object[] args) {
      return value;
    }

    @Override
    public String name() {
      return "literal";
    }

    @Override
    public String identity() {
      return "literal:" + Tokens.tokenize(value);
    }
  }
}
