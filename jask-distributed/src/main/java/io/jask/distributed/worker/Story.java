package io.jask.distributed.worker;

import io.jask.core.graph.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The bounded logs behind {@link WorkerState#story} and {@link WorkerState#stimulusLog}: the newest
 * {@code limit} entries and the newest {@code limit} (at most {@link #EVENT_LIMIT}) events, oldest
 * first.
 */
final class Story {
  /**
   * Events kept at most, whatever the entry limit: an event holds its whole payload (a task's
   * definition), and a long log of them is old-generation garbage for every run of small tasks.
   */
  static final int EVENT_LIMIT = 10_000;

  private final int limit;
  private final int eventLimit;
  /** At most {@link #limit} lines, in increasing sequence order. */
  private final Deque<Line> lines = new ArrayDeque<>();
  /** At most {@link #eventLimit} events, in the order they were handled. */
  private final Deque<WorkerEvent> events = new ArrayDeque<>();
  /** The sequence number of the next entry. */
  private long nextSequence;

  /**
   * One entry as it is kept: its detail is a String, or a {@link Transition} rendered only when
   * someone reads the story, since transitions happen several times per task.
   */
  private record Line(long sequence, Key key, String action, Object detail, String stimulusId) {
    StoryEntry entry() {
      return new StoryEntry(sequence, key, action, detail.toString(), stimulusId);
    }
  }

  private record Transition(WorkerTaskState from, WorkerTaskState to, WorkerTaskState after) {
    @Override
    public String toString() {
      return from.label() + " -> " + to.label() + " => " + after.label();
    }
  }

  Story(int limit) {
    this.limit = limit;
    this.eventLimit = Math.min(limit, EVENT_LIMIT);
  }

  void add(Key key, String action, String detail, String stimulusId) {
    append(key, action, detail, stimulusId);
  }

  private void append(Key key, String action, Object detail, String stimulusId) {
    Line line = new Line(nextSequence++, key, action, detail, stimulusId);
    if (limit == 0) {
      return;
    }
    if (lines.size() == limit) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  void event(WorkerEvent event) {
    if (eventLimit == 0) {
      return;
    }
    if (events.size() == eventLimit) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  List<WorkerEvent> events() {
    return List.copyOf(events);
  }

  void transition(Key key, WorkerTaskState from, WorkerTaskState to, WorkerTaskState after, String stimulusId) {
    append(key, "transition", new Transition(from, to, after), stimulusId);
  }

  /** The entries about {@code key} still in the log, oldest first. */
  List<StoryEntry> of(Key key) {
    List<StoryEntry> found = new ArrayList<>();
    for (Line line : lines) {
      if (line.key().equals(key)) {
        found.add(line.entry());
      }
    }
    return found;
  }
}
