package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.Objects;

/**
 * One line of a task's story: something that happened to it, in the order it happened.
 *
 * @param sequence the entry's position in the worker's log; strictly increasing, never reused
 * @param key the task concerned
 * @param action what happened: {@code "transition"}, {@code "compute-task"}, {@code "free-keys"},
 *     {@code "gather-dependencies"}, {@code "missing-dep"}, …
 * @param detail the particulars: for a transition {@code "from -> to => final"}, where final is
 *     the state the task ended in (a pair outside the table goes through {@code released})
 * @param stimulusId the event that caused it
 */
public record StoryEntry(long sequence, Key key, String action, String detail, String stimulusId) {
  public StoryEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(stimulusId, "stimulusId");
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + key + " " + action + (detail.isEmpty() ? "" : " " + detail) + " [" + stimulusId + "]";
  }
}
