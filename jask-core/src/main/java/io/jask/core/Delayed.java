package io.jask.core;

import io.jask.core.diagnostics.GraphRenderer;
import io.jask.core.fn.Fn1;
import io.jask.core.graph.Functions;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import io.jask.core.graph.Tokenizable;
import io.jask.core.graph.Tokens;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lazy value: the result of a function call that has not run yet, as {@code dask.delayed}
 * makes. Passing a {@code Delayed} to another delayed call builds a task graph; nothing runs until
 * {@link #compute()}.
 *
 * <pre>{@code
 * Delayed<Integer> x = Jask.delayed(Lesson::inc, 1);
 * Delayed<Integer> y = Jask.delayed(Lesson::inc, 2);
 * Delayed<Integer> z = Jask.delayed(Lesson::add, x, y);
 * int total = z.compute();   // 5
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class Delayed<T> implements Tokenizable {
  private static final Delayed<?>[] NONE = {};
  /** Sizes the graph builder of {@link #collect} without over-allocating for shared inputs. */
  private static final int MAX_SIZE_HINT = 1 << 22;

  private final Key key;
  private final Task task;
  /** The delayed values this one's task reads: the graph is this task plus theirs, transitively. */
  private final Delayed<?>[] inputs;
  /** The number of outputs declared with {@code nout}, or -1. */
  private final int nout;
  /** At least the number of tasks in {@link #graph()} (shared inputs count twice), capped. */
  private final int graphSizeHint;

  Delayed(Task task, List<Delayed<?>> inputs, int nout) {
    this.key = task.key();
    this.task = task;
    this.inputs = inputs.isEmpty() ? NONE : inputs.toArray(NONE);
    this.nout = nout;
    long hint = 1;
    for (Delayed<?> input : this.inputs) {
      hint += input.graphSizeHint;
    }
    this.graphSizeHint = (int) Math.min(hint, MAX_SIZE_HINT);
  }

  /** The key this value's result is stored under. */
  public Key key() {
    return key;
  }

  /** The task graph this value needs: its own task and everything it depends on. */
  public Graph graph() {
    return collect(List.of(this));
  }

  /** Computes the value on the {@linkplain Schedulers#current() current scheduler}. */
  public T compute() {
    return compute(Schedulers.current());
  }

  /**
   * Computes the value on {@code scheduler}.
   *
   * @throws TaskFailedException naming the task that threw, with the original exception as cause
   * @throws GraphException if the graph is malformed (a cycle, a missing dependency)
   */
  @SuppressWarnings("unchecked")
  public T compute(Scheduler scheduler) {
    return (T) scheduler.get(graph(), List.of(key)).get(0);
  }

  /**
   * Computes the value now and returns a {@code Delayed} that holds the result, under the same
   * key: later computations that use it start from the result instead of recomputing it.
   */
  public Delayed<T> persist() {
    return persist(Schedulers.current());
  }

  /** {@link #persist()} on {@code scheduler}. */
  public Delayed<T> persist(Scheduler scheduler) {
    return persisted(compute(scheduler));
  }

  Delayed<T> persisted(Object value) {
    return new Delayed<>(Task.constant(key, value), List.of(), nout);
  }

  /**
   * The {@code i}-th element of this value, which must be a {@code List} or an array at run time:
   * how a call declared with {@link DelayedOptions#nout(int) nout} is taken apart.
   *
   * @throws IndexOutOfBoundsException if {@code nout} was declared and {@code i} is outside it
   */
  public <E> Delayed<E> get(int i) {
    if (i < 0 || (nout >= 0 && i >= nout)) {
      throw new IndexOutOfBoundsException("output " + i + " of '" + key + "', which has "
          + (nout >= 0 ? nout + " outputs" : "no negative outputs"));
    }
    Key itemKey = Key.of("getitem-" + Tokens.tokenize(key, i));
    return new Delayed<>(Task.of(itemKey, new GetItem(i), key), List.of(this), -1);
  }

  /**
   * The declared outputs of a call made with {@link DelayedOptions#nout(int) nout}, one delayed
   * value each, as iterating over a Dask delayed with {@code nout} gives.
   *
   * @throws IllegalStateException if the call declared no {@code nout}
   */
  public List<Delayed<Object>> outputs() {
    if (nout < 0) {
      throw new IllegalStateException("'" + key + "' was made without nout: its number of outputs is unknown");
    }
    List<Delayed<Object>> out = new ArrayList<>(nout);
    for (int i = 0; i < nout; i++) {
      out.add(get(i));
    }
    return out;
  }

  /** A delayed call of {@code fn} on this value. */
  public <R> Delayed<R> then(Fn1<? super T, R> fn) {
    return Jask.delayed(fn, this);
  }

  /**
   * Writes this value's task graph to {@code path}: Graphviz DOT for {@code .dot} (or {@code
   * .gv}), and SVG, PNG or PDF (by extension) through Graphviz's {@code dot} command.
   *
   * @return {@code path}
   * @throws JaskException if the format needs Graphviz and {@code dot} is not installed, or
   *     writing fails
   */
  public Path visualize(Path path) {
    return GraphRenderer.write(graph(), path);
  }

  @Override
  public Object tokenIdentity() {
    return key;
  }

  @Override
  public String toString() {
    return "Delayed('" + key + "')";
  }

  /** The graph of several delayed values together; shared parts appear once. */
  static Graph collect(List<? extends Delayed<?>> roots) {
    long hint = 0;
    for (Delayed<?> root : roots) {
      hint += root.graphSizeHint;
    }
    // Sized up front: growing a map of a million keys step by step is most of the cost here.
    Graph.Builder graph = Graph.builder((int) Math.min(hint, MAX_SIZE_HINT));
    ArrayList<Delayed<?>> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      Delayed<?> d = stack.remove(stack.size() - 1);
      if (graph.addIfAbsent(d.task)) {
        for (Delayed<?> input : d.inputs) {
          stack.add(input);
        }
      }
    }
    return graph.build();
  }

  /** Takes element {@code index} of a list or an array. */
  record GetItem(int index) implements TaskFunction, Functions.NamedFunction {
    @Override
    public Object call(Object[] args) {
      Object value = args[0];
      if (value instanceof List<?> list) {
        return list.get(index);
      }
      if (value != null && value.getClass().isArray()) {
        return java.lang.reflect.Array.get(value, index);
      }
      throw new IllegalArgumentException("cannot take output " + index + " of a "
          + (value == null ? "null" : value.getClass().getName()) + ": a List or an array is needed");
    }

    @Override
    public String name() {
      return "getitem";
    }

    @Override
    public String identity() {
      return "getitem:" + index;
    }
  }
}
