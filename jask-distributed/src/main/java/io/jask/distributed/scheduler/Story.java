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
  private final ArrayDeque<StoryEntry> entries;

  Story(int limit) {
    this.limit = limit;
    this.entries = new ArrayDeque<>(Math.min(limit, 1024));
  }

  void record(String stimulusId, Key key, TaskStatus from, TaskStatus to, String details) {
    if (limit == 0) {
      return;
    }
    if (entries.size() == limit) {
      entries.removeFirst();
    }
    entries.addLast(new StoryEntry(stimulusId, key, from, to, details));
  }

  /** The entries about {@code key}, oldest first. */
  List<StoryEntry> of(Key key) {
    List<StoryEntry> out = new ArrayList<>();
    for (StoryEntry e : entries) {
      if (e.key().equals(key)) {
        out.add(e);
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
