package io.jask.dashboard;

import io.jask.core.JaskException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's own thread, which owns the {@link ClusterModel}: every tick it drains the
 * scheduler's events from the {@link Inbox} into the model, then sends each open page its feed.
 *
 * <pre>
 *  scheduler thread ──offer──▶ Inbox ──drain, each tick──▶ feed thread ──▶ ClusterModel
 *                                                               │
 *                       page sockets ◀──sendText (async)────────┘ skipped while the last is unsent
 *                       HTTP threads ──query(model → JSON)─────▶ run on the feed thread
 * </pre>
 *
 * <p>The status page is sent at a fixed cadence, not per event, and only when something changed:
 * what it costs the browser per second does not grow with the task rate. A page whose last message
 * is still unsent (a slow or stalled browser) is skipped for that tick; it catches up with the next
 * message, since each carries the whole state of its page (the status page's task stream continues
 * from the last bar it was sent, and takes at most {@link Feeds#RUNS_PER_MESSAGE} of the newest).
 */
final class FeedHub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedHub.class);
  static final long TICK_MILLIS = 250;
  /**
   * Ticks between sends of the status page: an update every 500 ms, whatever the task rate, is
   * live enough, and keeps the browser's drawing (on the same machine, often) from taking the
   * scheduler's CPU.
   */
  private static final int STATUS_EVERY = 2;
  /** Ticks between sends of the slower pages (graph, workers, info). */
  private static final int SLOW_EVERY = 4;

  /** One open page. */
  static final class Subscriber {
    final Session session;
    final String feed;
    final String argument;
    final AtomicBoolean sending = new AtomicBoolean();
    long lastSeq;
    long lastGraphVersion = -1;
    /** The model's version when this page was last sent the status; -1 before the first. */
    long lastStatusVersion = -1;
    long lastDropped;

    Subscriber(Session session, String feed, String argument) {
      this.session = session;
      this.feed = feed;
      this.argument = argument;
    }
  }

  private final Inbox inbox;
  private final ClusterModel model = new ClusterModel();
  private final ScheduledExecutorService thread;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final String schedulerAddress;
  private final Supplier<Map<String, String>> workerLogs;
  private long ticks;
  /** Messages not sent because the page had not taken the previous one yet. */
  private volatile long skipped;

  FeedHub(Inbox inbox, String schedulerAddress, Supplier<Map<String, String>> workerLogs) {
    this.inbox = inbox;
    this.schedulerAddress = schedulerAddress;
    this.workerLogs = workerLogs;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "jask-dashboard-feed");
      t.setDaemon(true);
      // Watching must yield to the work watched (where the OS honours Java's priorities).
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.thread = executor;
    thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      inbox.drain(model::apply);
      model.expire(System.currentTimeMillis());
      long tick = ticks++;
      boolean status = tick % STATUS_EVERY == 0;
      boolean slow = tick % SLOW_EVERY == 0;
      for (Subscriber s : subscribers) {
        if (s.feed.equals("status") ? status : slow) {
          push(s);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Dashboard feed tick failed", e);
    }
  }

  private void push(Subscriber s) {
    if (!s.session.isOpen()) {
      subscribers.remove(s);
      return;
    }
    if (!s.sending.compareAndSet(false, true)) {
      skipped++;
      return;
    }
    String message = messageFor(s);
    if (message == null) {
      s.sending.set(false);
      return;
    }
    s.session.sendText(message, Callback.from(() -> s.sending.set(false), error -> {
      s.sending.set(false);
      s.session.close();
    }));
  }

  /** The subscriber's next message; null if nothing changed for it. Feed thread only. */
  String messageFor(Subscriber s) {
    switch (s.feed) {
      case "status": {
        long dropped = inbox.dropped();
        if (s.lastStatusVersion == model.version && s.lastDropped == dropped) {
          return null; // an idle cluster costs an open page nothing
        }
        String json = Feeds.statusUpdate(model, s.lastSeq, dropped);
        s.lastSeq = model.nextSeq - 1;
        s.lastStatusVersion = model.version;
        s.lastDropped = dropped;
        return json;
      }
      case "graph":
        if (s.lastGraphVersion == model.graphVersion) {
          return null;
        }
        s.lastGraphVersion = model.graphVersion;
        return Feeds.graph(model);
      case "workers":
        return Feeds.workers(model);
      case "worker":
        return Feeds.worker(model, s.argument == null ? "" : s.argument);
      case "info":
        return Feeds.info(model, schedulerAddress, workerLogs.get());
      default:
        throw new IllegalStateException("no feed " + s.feed);
    }
  }

  /** Whether {@code feed} names a feed pages may subscribe to. */
  static boolean isFeed(String feed) {
    return List.of("status", "graph", "workers", "worker", "info").contains(feed);
  }

  /** A page opened its socket: it gets its first message at the next tick. */
  void subscribe(Subscriber s) {
    subscribers.add(s);
  }

  void unsubscribe(Session session) {
    subscribers.removeIf(s -> s.session == session);
  }

  /** Answers from the model, on the feed thread, after taking in the events queued so far. */
  <T> T query(Function<ClusterModel, T> question) {
    try {
      return thread.submit(() -> {
        inbox.drain(model::apply);
        return question.apply(model);
      }).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new JaskException("the dashboard did not answer: " + e, e);
    }
  }

  /** Open pages now. */
  int subscribers() {
    return subscribers.size();
  }

  long skipped() {
    return skipped;
  }

  long dropped() {
    return inbox.dropped();
  }

  String schedulerAddress() {
    return schedulerAddress;
  }

  Map<String, String> workerLogs() {
    return workerLogs.get();
  }

  @Override
  public void close() {
    thread.shutdownNow();
    for (Subscriber s : subscribers) {
      s.session.close();
    }
    subscribers.clear();
  }
}
