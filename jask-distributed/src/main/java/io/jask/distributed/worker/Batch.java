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
 *
 * <p>Every transition makes a batch, and most carry one recommendation or instruction or none: the
 * collections are made on first use.
 */
final class Batch {
  final String stimulusId;
  private LinkedHashMap<TaskRecord, WorkerTaskState> recommendations;
  private List<WorkerInstruction> instructions;

  Batch(String stimulusId) {
    this.stimulusId = stimulusId;
  }

  void recommend(TaskRecord task, WorkerTaskState state) {
    if (recommendations == null) {
      recommendations = new LinkedHashMap<>();
    }
    recommendations.put(task, state);
  }

  void emit(WorkerInstruction instruction) {
    if (instructions == null) {
      instructions = new ArrayList<>();
    }
    instructions.add(instruction);
  }

  /** Adds the other batch's recommendations (they win) and instructions (after these). */
  void merge(Batch other) {
    if (other.recommendations != null && !other.recommendations.isEmpty()) {
      if (recommendations == null) {
        recommendations = new LinkedHashMap<>();
      }
      recommendations.putAll(other.recommendations);
    }
    if (other.instructions != null && !other.instructions.isEmpty()) {
      if (instructions == null) {
        instructions = new ArrayList<>();
      }
      instructions.addAll(other.instructions);
    }
  }

  /** Removes and returns the recommendation for {@code task}, or null. */
  WorkerTaskState take(TaskRecord task) {
    return recommendations == null ? null : recommendations.remove(task);
  }

  boolean hasRecommendations() {
    return recommendations != null && !recommendations.isEmpty();
  }

  /** Removes and returns the oldest recommendation. */
  Map.Entry<TaskRecord, WorkerTaskState> takeFirst() {
    Iterator<Map.Entry<TaskRecord, WorkerTaskState>> it = recommendations.entrySet().iterator();
    Map.Entry<TaskRecord, WorkerTaskState> first = it.next();
    Map.Entry<TaskRecord, WorkerTaskState> copy = Map.entry(first.getKey(), first.getValue());
    it.remove();
    return copy;
  }

  /** Removes the instructions gathered so far and adds them to {@code into}. */
  void drainInstructionsInto(List<WorkerInstruction> into) {
    if (instructions != null && !instructions.isEmpty()) {
      into.addAll(instructions);
      instructions.clear();
    }
  }
}
