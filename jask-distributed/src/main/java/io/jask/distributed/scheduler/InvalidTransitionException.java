package io.jask.distributed.scheduler;

import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import java.util.List;

/**
 * The scheduler's state machine was asked for a transition it has no rule for, even through
 * {@link TaskStatus#RELEASED}. This is a bug in the scheduler, never the user's fault; the message
 * carries the task's story so that it can be replayed.
 */
public final class InvalidTransitionException extends JaskException {
  private static final long serialVersionUID = 1L;

  private final Key key;
  private final TaskStatus from;
  private final TaskStatus to;
  private final List<StoryEntry> story;

  /** The transition of {@code key} from {@code from} to {@code to} has no route. */
  public InvalidTransitionException(Key key, TaskStatus from, TaskStatus to, List<StoryEntry> story) {
    super(describe(key, from, to, story));
    this.key = key;
    this.from = from;
    this.to = to;
    this.story = List.copyOf(story);
  }

  private static String describe(Key key, TaskStatus from, TaskStatus to, List<StoryEntry> story) {
    StringBuilder sb =
        new StringBuilder("invalid transition of task '")
            .append(key)
            .append("' from ")
            .append(from)
            .append(" to ")
            .append(to)
            .append("; its story:");
    for (StoryEntry e : story) {
      sb.append("\n  ").append(e);
    }
    return sb.toString();
  }

  /** The task. */
  public Key key() {
    return key;
  }

  /** The state it was in. */
  public TaskStatus from() {
    return from;
  }

  /** The state it was asked to reach. */
  public TaskStatus to() {
    return to;
  }

  /** The task's story up to the failure, oldest first. */
  public List<StoryEntry> story() {
    return story;
  }
}
