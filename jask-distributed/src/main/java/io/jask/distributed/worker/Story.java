package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The bounded logs behind {@link WorkerState#story} and {@link WorkerState#stimulusLog}: the newest
 * {@code limit} entries and the newest {@code limit} events, oldest first.
 */
final class Story {
  private final int limit;
  /** At most {@link #limit} entries, in increasing sequence order. */
  private final Deque<StoryEntry> entries = new ArrayDeque<>();
  /** At most {@link #limit} events, in the order they were handled. */
  private final Deque<WorkerEvent> events = new ArrayDeque<>();
  /** The sequence number of the next entry. */
  private long nextSequence;

  Story(int limit) {
    this.limit = limit;
  }

  void add(Key key, String action, String detail, String stimulusId) {
    StoryEntry entry = new StoryEntry(nextSequence++, key, action, detail, stimulusId);
    if (limit == 0) {
      return;
    }
    if (entries.size() == limit) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  void event(WorkerEvent event) {
    if (limit == 0) {
      return;
    }
    if (events.size() == limit) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  List<WorkerEvent> events() {
    return List.copyOf(events);
  }

  void transition(Key key, WorkerTaskState from, WorkerTaskState to, WorkerTaskState after, String stimulusId) {
    add(key, "transition", from.label() + " -> " + to.label() + " => " + after.label(), stimulusId);
  }

  /** The entries about {@code key} still in the log, oldest first. */
  List<StoryEntry> of(Key key) {
    List<StoryEntry> found = new ArrayList<>();
    for (StoryEntry entry : entries) {
      if (entry.key().equals(key)) {
        found.add(entry);
      }
    }
    return found;
  }
}
