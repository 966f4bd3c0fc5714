package io.jask.distributed.worker;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import java.util.List;

/**
 * The worker's state machine was asked to move a task between two states that no transition
 * joins, even by way of {@link WorkerTaskState#RELEASED}. This is a bug in the state machine or in
 * the events fed to it; the task's story says how it got there.
 */
public class InvalidTransitionException extends JaskException {
  private static final long serialVersionUID = 1L;
  private final Key key;
  private final WorkerTaskState from;
  private final WorkerTaskState to;
  private final List<StoryEntry> story;

  /** The failure to move {@code key} from {@code from} to {@code to}, caused by a failure on the way. */
  public InvalidTransitionException(
      Key key, WorkerTaskState from, WorkerTaskState to, List<StoryEntry> story, Throwable cause) {
    super(describe(key, from, to, story), cause);
    this.key = key;
    this.from = from;
    this.to = to;
    this.story = List.copyOf(story);
  }

  /** The failure to move {@code key} from {@code from} to {@code to}. */
  public InvalidTransitionException(Key key, WorkerTaskState from, WorkerTaskState to, List<StoryEntry> story) {
    this(key, from, to, story, null);
  }

  /** The task. */
  public Key key() {
    return key;
  }

  /** The state it was in. */
  public WorkerTaskState from() {
    return from;
  }

  /** The state it was asked to go to. */
  public WorkerTaskState to() {
    return to;
  }

  /** What had happened to the task, oldest first. */
  public List<StoryEntry> story() {
    return story;
  }

  static String describe(Key key, WorkerTaskState from, WorkerTaskState to, List<StoryEntry> story) {
    StringBuilder sb =
        new StringBuilder("no transition for task '").append(key).append("' from ").append(from.label())
            .append(" to ").append(to.label()).append("; story:");
    story.forEach(entry -> sb.append("\n  ").append(entry));
    return sb.toString();
  }
}
