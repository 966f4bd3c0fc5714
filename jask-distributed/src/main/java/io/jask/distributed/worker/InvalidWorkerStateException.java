package io.jask.distributed.worker;

import io.jask.core.JaskException;
import java.util.List;

/**
 * {@link WorkerState#validateState()} found a broken invariant. The message names it; the story
 * is that of the task at fault, when there is one.
 */
public class InvalidWorkerStateException extends JaskException {
  private static final long serialVersionUID = 1L;
  private final List<StoryEntry> story;

  /** The invariant broken, and the story of the task at fault (empty if none). */
  public InvalidWorkerStateException(String message, List<StoryEntry> story) {
    super(message + describe(story));
    this.story = List.copyOf(story);
  }

  /** The story of the task at fault, oldest first; empty when the invariant concerns no one task. */
  public List<StoryEntry> story() {
    return story;
  }

  private static String describe(List<StoryEntry> story) {
    StringBuilder sb = new StringBuilder();
    if (!story.isEmpty()) {
      sb.append("; story:");
      story.forEach(entry -> sb.append("\n  ").append(entry));
    }
    return sb.toString();
  }
}
