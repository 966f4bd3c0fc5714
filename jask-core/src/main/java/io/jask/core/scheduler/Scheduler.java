package io.jask.core.scheduler;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs task graphs. Implementations: {@link SyncScheduler} (the caller's thread, for debugging),
 * {@link ThreadedScheduler} (a thread pool), and the distributed client.
 */
public interface Scheduler {
  /**
   * Computes {@code outputs} from {@code graph}, running only the tasks they need.
   *
   * @param callback called as the computation progresses, besides the {@linkplain Callbacks
   *     registered} ones; may be {@code null}
   * @return the results of {@code outputs}, in the same order
   * @throws io.jask.core.GraphException if the graph is missing a key or has a cycle
   * @throws io.jask.core.TaskFailedException if a task throws (no new tasks start then)
   * @throws io.jask.core.ComputationInterruptedException if the calling thread is interrupted
   */
  List<Object> get(Graph graph, List<Key> outputs, SchedulerCallback callback);

  /** {@link #get(Graph, List, SchedulerCallback)} with the registered callbacks only. */
  default List<Object> get(Graph graph, List<Key> outputs) {
    return get(graph, outputs, null);
  }

  /**
   * Computes {@code outputs} now and keeps their results, as Dask's {@code persist}: returns one
   * task per output, under the output's key, that stands for the kept result in later graphs. Here
   * the results are held in this process (constant tasks); a distributed client leaves them on its
   * workers instead, where later graphs on that client use them in place.
   *
   * @throws io.jask.core.TaskFailedException if a task throws
   */
  default List<Task> persist(Graph graph, List<Key> outputs) {
    List<Object> values = get(graph, outputs);
    List<Task> kept = new ArrayList<>(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      kept.add(Task.constant(outputs.get(i), values.get(i)));
    }
    return kept;
  }
}
