package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's bounded log of what happened to tasks, oldest first; when full, the oldest
 * entries are dropped. Answers {@code story(key)}: every transition and note of that task still in
 * the log, in order.
 */
final class Story {
  private final int limit;
  private final ArrayDeque<Line> entries;

  /**
   * An entry as it is kept: {@code details} is rendered only when the story is read, because
   * every task goes through several transitions and almost no story is ever read.
   */
  private record Line(String stimulusId, Key key, TaskStatus from, TaskStatus to, Object details) {
    StoryEntry entry() {
      return new StoryEntry(stimulusId, key, from, to, details.toString());
    }
  }

  Story(int limit) {
    this.limit = limit;
    this.entries = new ArrayDeque<>(Math.min(limit, 1024));
  }

  /**
   * Records a transition ({@code from != to}) or a note; {@code details} is a String, or a value
   * whose {@code toString} renders them later and that does not change.
   */
  void record(String stimulusId, Key key, TaskStatus from, TaskStatus to, Object details) {
    if (limit == 0) {
      return;
    }
    if (entries.size() == limit) {
      entries.removeFirst();
    }
    entries.addLast(new Line(stimulusId, key, from, to, details));
  }

  /** The entries about {@code key}, oldest first. */
  List<StoryEntry> of(Key key) {
    List<StoryEntry> out = new ArrayList<>();
    for (Line line : entries) {
      if (line.key().equals(key)) {
        out.add(line.entry());
      }
    }
    return out;
  }

  /** The entries about {@code key}, one per line. */
  String render(Key key) {
    StringBuilder sb = new StringBuilder();
    for (StoryEntry e : of(key)) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  int size() {
    return entries.size();
  }
}
