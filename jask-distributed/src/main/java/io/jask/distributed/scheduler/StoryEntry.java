package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;

/**
 * One line of a task's story: what happened to it, in answer to which stimulus.
 *
 * <p>A transition has {@code from != to}; a note about the task that did not change its state (a
 * worker died while running it, a stale message was ignored, a steal was attempted) has {@code
 * from == to}.
 *
 * @param stimulusId the id of the event that caused it
 * @param key the task
 * @param from its state before
 * @param to its state after
 * @param details what else is worth knowing (the worker chosen, the cause of an error, …)
 */
public record StoryEntry(String stimulusId, Key key, TaskStatus from, TaskStatus to, String details) {
  @Override
  public String toString() {
    String change = from == to ? "(" + from + ")" : from + " -> " + to;
    return stimulusId + ": " + key + " " + change + (details.isEmpty() ? "" : " " + details);
  }
}
