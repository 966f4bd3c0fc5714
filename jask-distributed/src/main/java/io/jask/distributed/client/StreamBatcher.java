package io.jask.distributed.client;

import io.jask.core.graph.Key;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.TaskSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a client's events on its stream to the scheduler, in order, in batches, as Dask's {@code
 * BatchedSend}: events queued meanwhile go out together, and consecutive submissions (and
 * releases) are merged into one message, up to {@link #MERGED_BYTES} of task definitions.
 *
 * <p>A lone event leaves at once; a lone submission leaves on the caller's thread. A submission
 * that follows the last one sent by less than {@link #BURST_NANOS} is part of a burst (a loop of
 * submits): it waits until {@link #LINGER_NANOS} after that one, gathering the rest of the burst,
 * so that the scheduler handles one event per interval instead of one per call. A round trip
 * ({@code submit(...).result()}) takes longer than a burst's gap and never waits.
 *
 * <p>Merging keeps the order of work: the merged tasks are renumbered so that an earlier
 * submission's tasks run before a later one's among equal user priorities, as separate
 * submissions would.
 */
final class StreamBatcher {
  /** Task definitions merged into one message at most, in bytes: far below the frame limit. */
  static final long MERGED_BYTES = 16L << 20;

  /** Submissions closer together than this are a burst. */
  static final long BURST_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  /** How long after a submission the next one of a burst waits for company (as Dask's 2 ms). */
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private static final Logger log = LoggerFactory.getLogger(StreamBatcher.class);

  private final Comm stream;
  private final ScheduledExecutorService sender;
  /** Told of an event that could not be sent (too large, not serialisable), unless the stream closed. */
  private final BiConsumer<Object, Throwable> onFailure;
  /** Held while a batch is taken and sent, so batches leave in the order they were taken. */
  private final Object sendLock = new Object();
  /** Events not yet sent; guarded by itself. */
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  /** Whether a send task is scheduled or draining {@link #pending}; guarded by {@link #pending}. */
  private boolean draining;
  /** When the last submission was sent, by {@link System#nanoTime()}; guarded by {@link #pending}. */
  private long lastSubmission = System.nanoTime() - BURST_NANOS;

  StreamBatcher(Comm stream, ScheduledExecutorService sender, BiConsumer<Object, Throwable> onFailure) {
    this.stream = stream;
    this.sender = sender;
    this.onFailure = onFailure;
  }

  /**
   * Queues an event; it is sent after every event queued before it.
   *
   * @throws ClientClosedException if the sending threads are shut down
   */
  void send(Object event) {
    long delay;
    synchronized (pending) {
      pending.add(event);
      if (draining) {
        return;
      }
      draining = true;
      delay = delayFor(event);
    }
    if (delay == 0 && event instanceof SchedulerEvent.GraphSubmitted) {
      // A lone submission (submit(...).result(), the first of a burst) leaves on the caller's
      // thread: a hand-off to the sending thread would wake it only to do the same, later.
      // Releases keep going through that thread, which gathers a loop of them into one message.
      drain();
    } else {
      schedule(delay);
    }
  }

  /** How long the first event of a batch waits; called under the lock of {@link #pending}. */
  private long delayFor(Object first) {
    if (!(first instanceof SchedulerEvent.GraphSubmitted)) {
      return 0;
    }
    return lingerAfter(System.nanoTime() - lastSubmission);
  }

  /** How long a submission waits that comes {@code sinceLast} nanoseconds after the last one sent. */
  static long lingerAfter(long sinceLast) {
    return sinceLast >= BURST_NANOS ? 0 : LINGER_NANOS - sinceLast;
  }

  private void schedule(long delayNanos) {
    try {
      sender.schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      synchronized (pending) {
        draining = false;
      }
      throw new ClientClosedException("the client is closed: nothing more can be sent to the scheduler");
    }
  }

  /** Sends everything queued, on the calling thread: before the stream is closed. */
  void flush() {
    synchronized (sendLock) {
      sendAll(take(false));
    }
  }

  private void drain() {
    synchronized (sendLock) {
      List<Object> batch = take(true);
      if (batch == null) {
        return;
      }
      sendAll(batch);
    }
    long delay;
    synchronized (pending) {
      if (pending.isEmpty()) {
        draining = false;
        return;
      }
      delay = delayFor(pending.peekFirst());
    }
    try {
      sender.schedule(this::drain, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // the client is closing: its close flushes what is left
    }
  }

  /** What is queued; null (and no longer draining) if nothing is and {@code draining}. */
  private List<Object> take(boolean draining) {
    synchronized (pending) {
      if (pending.isEmpty() && draining) {
        this.draining = false;
        return null;
      }
      List<Object> batch = new ArrayList<>(pending);
      pending.clear();
      return batch;
    }
  }

  private void sendAll(List<Object> batch) {
    for (Object event : batch) {
      if (event instanceof SchedulerEvent.GraphSubmitted) {
        synchronized (pending) {
          lastSubmission = System.nanoTime();
        }
        break;
      }
    }
    for (Object message : merge(batch)) {
      stream.send(message).whenComplete((ok, error) -> {
        if (error != null && !stream.isClosed()) {
          log.error("Could not send {} to the scheduler at {}", message.getClass().getSimpleName(), stream.peerAddress(), error);
          onFailure.accept(message, error);
        }
      });
    }
  }

  /**
   * Merges runs of consecutive submissions (up to {@link #MERGED_BYTES} of task definitions), and
   * of consecutive releases, by the same client.
   */
  static List<Object> merge(List<Object> events) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < events.size()) {
      Object first = events.get(i);
      long bytes = runSpecBytes(first);
      int end = i + 1;
      while (end < events.size() && sameKind(first, events.get(end))
          && (bytes += runSpecBytes(events.get(end))) <= MERGED_BYTES) {
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

  private static long runSpecBytes(Object event) {
    long bytes = 0;
    if (event instanceof SchedulerEvent.GraphSubmitted submitted) {
      for (TaskSpec spec : submitted.tasks()) {
        bytes += spec.runSpec() instanceof byte[] b ? b.length : 0;
      }
    }
    return bytes;
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
