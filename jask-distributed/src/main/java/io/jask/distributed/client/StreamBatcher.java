package io.jask.distributed.client;

import io.jask.core.graph.Key;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.TaskSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Sends a client's events on its stream to the scheduler, in order, in batches, as Dask's {@code
 * BatchedSend}: events queued while a send is under way go out together, and consecutive
 * submissions (and releases) are merged into one message. A lone event leaves at once; a loop of
 * submits sends far fewer, larger messages, which the scheduler handles as one event each.
 *
 * <p>Merging keeps the order of work: the merged tasks are renumbered so that an earlier
 * submission's tasks run before a later one's among equal user priorities, as separate
 * submissions would.
 */
final class StreamBatcher {
  private final Comm stream;
  private final Executor sender;
  /** Events not yet sent; guarded by this. */
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  /** Whether a send task is draining {@link #pending}; guarded by this. */
  private boolean draining;

  StreamBatcher(Comm stream, Executor sender) {
    this.stream = stream;
    this.sender = sender;
  }

  /** Queues an event; it is sent after every event queued before it. */
  void send(Object event) {
    boolean start;
    synchronized (this) {
      pending.add(event);
      start = !draining;
      draining = true;
    }
    if (start) {
      try {
        sender.execute(this::drain);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        throw new ClientClosedException("the client is closed: nothing more can be sent to the scheduler");
      }
    }
  }

  /** Sends everything queued, on the calling thread, before the stream is closed. */
  void flush() {
    synchronized (this) {
      List<Object> batch = new ArrayList<>(pending);
      pending.clear();
      merge(batch).forEach(stream::send);
    }
  }

  private void drain() {
    while (true) {
      synchronized (this) {
        if (pending.isEmpty()) {
          draining = false;
          return;
        }
        List<Object> batch = new ArrayList<>(pending);
        pending.clear();
        // Sent while holding the lock so that flush() cannot slip a later batch in ahead of it;
        // send only serialises and queues the bytes.
        merge(batch).forEach(stream::send);
      }
    }
  }

  /** Merges runs of consecutive submissions, and of consecutive releases, by the same client. */
  static List<Object> merge(List<Object> events) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < events.size()) {
      Object first = events.get(i);
      int end = i + 1;
      while (end < events.size() && sameKind(first, events.get(end))) {
        end++;
      }
      List<Object> run = events.subList(i, end);
      if (run.size() == 1) {
        out.add(first);
      } else if (first instanceof SchedulerEvent.GraphSubmitted) {
        out.add(mergedSubmissions(run));
      } else {
        out.add(mergedReleases(run));
      }
      i = end;
    }
    return out;
  }

  /** Whether {@code next} can join a run that starts with {@code first}. */
  private static boolean sameKind(Object first, Object next) {
    if (first instanceof SchedulerEvent.GraphSubmitted a && next instanceof SchedulerEvent.GraphSubmitted b) {
      return a.client().equals(b.client());
    }
    if (first instanceof SchedulerEvent.KeysReleased a && next instanceof SchedulerEvent.KeysReleased b) {
      return a.client().equals(b.client());
    }
    return false;
  }

  private static SchedulerEvent.GraphSubmitted mergedSubmissions(List<Object> run) {
    SchedulerEvent.GraphSubmitted first = (SchedulerEvent.GraphSubmitted) run.get(0);
    List<TaskSpec> tasks = new ArrayList<>();
    LinkedHashSet<Key> wanted = new LinkedHashSet<>();
    long base = 0;
    for (Object event : run) {
      SchedulerEvent.GraphSubmitted submitted = (SchedulerEvent.GraphSubmitted) event;
      long next = base;
      for (TaskSpec spec : submitted.tasks()) {
        tasks.add(base == 0 ? spec : spec.withOrder(base + spec.order()));
        next = Math.max(next, base + spec.order() + 1);
      }
      base = next;
      wanted.addAll(submitted.wanted());
    }
    return new SchedulerEvent.GraphSubmitted(first.client(), tasks, new ArrayList<>(wanted), first.stimulusId());
  }

  private static SchedulerEvent.KeysReleased mergedReleases(List<Object> run) {
    SchedulerEvent.KeysReleased first = (SchedulerEvent.KeysReleased) run.get(0);
    List<Key> keys = new ArrayList<>();
    for (Object event : run) {
      keys.addAll(((SchedulerEvent.KeysReleased) event).keys());
    }
    return new SchedulerEvent.KeysReleased(first.client(), keys, first.stimulusId());
  }
}
