package io.jask.core.graph;

import io.jask.core.GraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A graph made ready to run: culled to what the requested keys need, checked (no missing
 * dependency, no cycle), numbered {@code 0..size-1}, with dependencies and dependents as flat
 * index arrays and a priority per task.
 *
 * <p>Priorities follow a depth-first, post-order walk from the requested keys, visiting the
 * tallest dependency first (as Sethi–Ullman register allocation does): a task runs soon after its
 * inputs are made, so intermediate results are freed early, as {@code dask.order} aims to.
 * Lower priority runs first. Every step is linear in tasks plus edges; nothing is locked.
 */
public final class ExecutionPlan {
  private final Task[] tasks;
  private final int[] depStart;
  private final int[] deps;
  private final int[] dependentStart;
  private final int[] dependents;
  private final int[] priority;
  private final int[] outputs;
  private final boolean[] output;

  private ExecutionPlan(Task[] tasks, int[] depStart, int[] deps, int[] outputs) {
    int n = tasks.length;
    this.tasks = tasks;
    this.depStart = depStart;
    this.deps = deps;
    this.outputs = outputs;
    this.output = new boolean[n];
    for (int o : outputs) {
      output[o] = true;
    }
    this.dependentStart = new int[n + 1];
    this.dependents = new int[deps.length];
    for (int d : deps) {
      dependentStart[d + 1]++;
    }
    for (int i = 0; i < n; i++) {
      dependentStart[i + 1] += dependentStart[i];
    }
    int[] fill = Arrays.copyOf(dependentStart, n);
    for (int i = 0; i < n; i++) {
      for (int e = depStart[i]; e < depStart[i + 1]; e++) {
        dependents[fill[deps[e]]++] = i;
      }
    }
    int[] height = heights();
    this.priority = order(height);
  }

  /**
   * The plan for computing {@code outputs} from {@code graph}.
   *
   * @throws GraphException if an output or a dependency is missing, or the needed part of the
   *     graph has a cycle (the message lists the cycle's keys in order)
   */
  public static ExecutionPlan of(Graph graph, List<Key> outputs) {
    boolean[] needed = graph.markNeeded(outputs);
    int n = 0;
    int[] planIndex = new int[graph.size()];
    for (int i = 0; i < needed.length; i++) {
      planIndex[i] = needed[i] ? n++ : -1;
    }
    Task[] tasks = new Task[n];
    int[] depStart = new int[n + 1];
    int edges = 0;
    for (int i = 0; i < needed.length; i++) {
      if (needed[i]) {
        Task t = graph.task(i);
        tasks[planIndex[i]] = t;
        edges += t.dependencyCount();
        depStart[planIndex[i] + 1] = edges;
      }
    }
    Graph.Edges graphEdges = graph.edges();
    int[] deps = new int[edges];
    int e = 0;
    for (int i = 0; i < needed.length; i++) {
      if (needed[i]) {
        for (int k = graphEdges.start()[i]; k < graphEdges.start()[i + 1]; k++) {
          deps[e++] = planIndex[graphEdges.target()[k]];
        }
      }
    }
    int[] outs = new int[outputs.size()];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = planIndex[graph.indexOf(outputs.get(i))];
    }
    return new ExecutionPlan(tasks, depStart, deps, outs);
  }

  /** Longest path from an input, per task; detects cycles (Kahn's algorithm). */
  private int[] heights() {
    int n = tasks.length;
    int[] missing = new int[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      missing[i] = depStart[i + 1] - depStart[i];
      if (missing[i] == 0) {
        queue[tail++] = i;
      }
    }
    int[] height = new int[n];
    while (head < tail) {
      int v = queue[head++];
      for (int e = dependentStart[v]; e < dependentStart[v + 1]; e++) {
        int w = dependents[e];
        height[w] = Math.max(height[w], height[v] + 1);
        if (--missing[w] == 0) {
          queue[tail++] = w;
        }
      }
    }
    if (tail < n) {
      throw cycle(missing);
    }
    return height;
  }

  /** Follows unfinished dependencies from an unfinished task until a task repeats. */
  private GraphException cycle(int[] missing) {
    int start = 0;
    while (missing[start] == 0) {
      start++;
    }
    int[] seenAt = new int[tasks.length];
    Arrays.fill(seenAt, -1);
    List<Integer> path = new ArrayList<>();
    int v = start;
    while (seenAt[v] < 0) {
      seenAt[v] = path.size();
      path.add(v);
      int next = -1;
      for (int e = depStart[v]; e < depStart[v + 1] && next < 0; e++) {
        if (missing[deps[e]] > 0) {
          next = deps[e];
        }
      }
      v = next;
    }
    List<Key> keys = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = seenAt[v]; i < path.size(); i++) {
      keys.add(tasks[path.get(i)].key());
      text.append('\'').append(tasks[path.get(i)].key()).append("' -> ");
    }
    text.append('\'').append(tasks[v].key()).append('\'');
    return new GraphException("the graph has a cycle: " + text + " (each depends on the next)", keys);
  }

  /** Post-order depth-first numbering from the outputs, tallest dependency first. */
  private int[] order(int[] height) {
    int n = tasks.length;
    // Dependencies of each task, sorted tallest first, then by position (deterministic).
    long[] sortKey = new long[deps.length];
    for (int e = 0; e < deps.length; e++) {
      sortKey[e] = ((long) (Integer.MAX_VALUE - height[deps[e]]) << 32) | deps[e];
    }
    for (int i = 0; i < n; i++) {
      if (depStart[i + 1] - depStart[i] > 1) {
        Arrays.sort(sortKey, depStart[i], depStart[i + 1]);
      }
    }
    int[] prio = new int[n];
    boolean[] visited = new boolean[n];
    int[] stackNode = new int[n];
    int[] stackPos = new int[n];
    int next = 0;
    int[] starts = Arrays.copyOf(outputs, outputs.length + n);
    int s = outputs.length;
    for (int i = 0; i < n; i++) {
      if (dependentStart[i + 1] == dependentStart[i]) {
        starts[s++] = i; // every culled task reaches an output; kept for completeness
      }
    }
    for (int k = 0; k < s; k++) {
      int root = starts[k];
      if (visited[root]) {
        continue;
      }
      visited[root] = true;
      int top = 0;
      stackNode[0] = root;
      stackPos[0] = depStart[root];
      while (top >= 0) {
        int v = stackNode[top];
        int pos = stackPos[top];
        if (pos < depStart[v + 1]) {
          stackPos[top] = pos + 1;
          int child = (int) sortKey[pos];
          if (!visited[child]) {
            visited[child] = true;
            top++;
            stackNode[top] = child;
            stackPos[top] = depStart[child];
          }
        } else {
          prio[v] = next++;
          top--;
        }
      }
    }
    return prio;
  }

  /** The number of tasks to run. */
  public int size() {
    return tasks.length;
  }

  /** The task numbered {@code i}. */
  public Task task(int i) {
    return tasks[i];
  }

  /** The key of task {@code i}. */
  public Key key(int i) {
    return tasks[i].key();
  }

  /** How many dependencies task {@code i} has. */
  public int dependencyCount(int i) {
    return depStart[i + 1] - depStart[i];
  }

  /** The number of task {@code i}'s {@code j}-th dependency (in {@link Task#dependencies()} order). */
  public int dependency(int i, int j) {
    return deps[depStart[i] + j];
  }

  /** How many tasks depend on task {@code i}. */
  public int dependentCount(int i) {
    return dependentStart[i + 1] - dependentStart[i];
  }

  /** The number of the {@code j}-th task that depends on task {@code i}. */
  public int dependent(int i, int j) {
    return dependents[dependentStart[i] + j];
  }

  /** Task {@code i}'s place in the run order: lower runs first. */
  public int priority(int i) {
    return priority[i];
  }

  /** Whether task {@code i}'s result was requested (and so must be kept). */
  public boolean isOutput(int i) {
    return output[i];
  }

  /** The numbers of the requested keys, in the order requested. */
  public int[] outputs() {
    return outputs.clone();
  }

  /** Task numbers sorted by priority: a valid sequential run order. */
  public int[] runOrder() {
    int[] order = new int[tasks.length];
    for (int i = 0; i < order.length; i++) {
      order[priority[i]] = i;
    }
    return order;
  }

  /** The keys in run order. */
  public List<Key> keysInRunOrder() {
    List<Key> keys = new ArrayList<>(tasks.length);
    for (int i : runOrder()) {
      keys.add(tasks[i].key());
    }
    return Collections.unmodifiableList(keys);
  }
}
