package io.jask.distributed.worker;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step of the state machine produced: recommendations (a task should move to a state)
 * and instructions for the shell. A later recommendation for the same task replaces an earlier
 * one; recommendations are taken first in, first out, so the outcome does not depend on hashing.
 */
final class Batch {
  final String stimulusId;
  private final LinkedHashMap<TaskRecord, WorkerTaskState> recommendations = new LinkedHashMap<>();
  private final List<WorkerInstruction> instructions = new ArrayList<>();

  Batch(String stimulusId) {
    this.stimulusId = stimulusId;
  }

  void recommend(TaskRecord task, WorkerTaskState state) {
    recommendations.put(task, state);
  }

  void emit(WorkerInstruction instruction) {
    instructions.add(instruction);
  }

  /** Adds the other batch's recommendations (they win) and instructions (after these). */
  void merge(Batch other) {
    recommendations.putAll(other.recommendations);
    instructions.addAll(other.instructions);
  }

  /** Removes and returns the recommendation for {@code task}, or null. */
  WorkerTaskState take(TaskRecord task) {
    return recommendations.remove(task);
  }

  boolean hasRecommendations() {
    return !recommendations.isEmpty();
  }

  /** Removes and returns the oldest recommendation. */
  Map.Entry<TaskRecord, WorkerTaskState> takeFirst() {
    Iterator<Map.Entry<TaskRecord, WorkerTaskState>> it = recommendations.entrySet().iterator();
    Map.Entry<TaskRecord, WorkerTaskState> first = it.next();
    Map.Entry<TaskRecord, WorkerTaskState> copy = Map.entry(first.getKey(), first.getValue());
    it.remove();
    return copy;
  }

  /** Removes and returns the instructions gathered so far. */
  List<WorkerInstruction> drainInstructions() {
    List<WorkerInstruction> out = new ArrayList<>(instructions);
    instructions.clear();
    return out;
  }
}
