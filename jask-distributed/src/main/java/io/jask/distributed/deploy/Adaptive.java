package io.jask.distributed.deploy;

import io.jask.distributed.scheduler.AdaptiveTarget;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales a cluster with its load, between a minimum and a maximum number of workers, as Dask's
 * {@code Adaptive}; the same for every kind of cluster. Every {@code interval} it asks the
 * scheduler how many workers the work in hand calls for ({@link SchedulerControl#adaptiveTarget}),
 * bounds that, and scales the cluster: up at once, down only after the scheduler has asked for
 * fewer workers {@code waitCount} times in a row, so a short lull does not shed workers that the
 * next burst needs. Scaling down retires workers gracefully, idle ones holding the least data
 * first ({@link Cluster#scale}).
 *
 * <pre>{@code
 * Adaptive adaptive = cluster.adapt(0, 10);   // from now on the cluster follows its load
 * ...
 * adaptive.stop();                            // the cluster keeps the workers it has
 * }</pre>
 */
public final class Adaptive implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Adaptive.class);

  private final Cluster cluster;
  private final SchedulerControl scheduler;
  private final Options options;
  private final Thread thread;
  private int downVotes;
  private volatile int lastTarget = -1;
  private volatile boolean stopped;

  /**
   * How an {@link Adaptive} decides.
   *
   * @param minimum the fewest workers, at least 0
   * @param maximum the most workers, at least {@code minimum}
   * @param interval how often to decide (default 1 s)
   * @param targetDuration how long the work in hand should take (default 5 s, as Dask)
   * @param waitCount how many decisions in a row must ask for fewer workers before any go (default 3)
   */
  public record Options(int minimum, int maximum, Duration interval, Duration targetDuration, int waitCount) {
    /** @throws IllegalArgumentException naming the bad value */
    public Options {
      if (minimum < 0) {
        throw new IllegalArgumentException("adapt: minimum must not be negative, got " + minimum);
      }
      if (maximum < minimum) {
        throw new IllegalArgumentException("adapt: maximum (" + maximum + ") is below minimum (" + minimum + ")");
      }
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(targetDuration, "targetDuration");
      if (interval.toMillis() < 1 || targetDuration.toMillis() < 1) {
        throw new IllegalArgumentException("adapt: interval and targetDuration must be at least 1 ms");
      }
      if (waitCount < 1) {
        throw new IllegalArgumentException("adapt: waitCount must be at least 1, got " + waitCount);
      }
    }

    /** Between {@code minimum} and {@code maximum} workers, with the defaults otherwise. */
    public static Options between(int minimum, int maximum) {
      return new Options(minimum, maximum, Duration.ofSeconds(1), Duration.ofSeconds(5), 3);
    }

    /** These options deciding every {@code value}. */
    public Options interval(Duration value) {
      return new Options(minimum, maximum, value, targetDuration, waitCount);
    }

    /** These options aiming for the work in hand to take {@code value}. */
    public Options targetDuration(Duration value) {
      return new Options(minimum, maximum, interval, value, waitCount);
    }

    /** These options scaling down after {@code value} decisions in a row. */
    public Options waitCount(int value) {
      return new Options(minimum, maximum, interval, targetDuration, value);
    }
  }

  private Adaptive(Cluster cluster, SchedulerControl scheduler, Options options) {
    this.cluster = cluster;
    this.scheduler = scheduler;
    this.options = options;
    this.thread = new Thread(this::run, "jask-adaptive");
    this.thread.setDaemon(true);
  }

  /** Starts adapting {@code cluster}, whose scheduler is {@code scheduler}. */
  public static Adaptive start(Cluster cluster, SchedulerControl scheduler, Options options) {
    Adaptive adaptive = new Adaptive(Objects.requireNonNull(cluster, "cluster"),
        Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(options, "options"));
    adaptive.thread.start();
    return adaptive;
  }

  private void run() {
    while (!stopped) {
      try {
        step();
      } catch (RuntimeException e) {
        if (!stopped) {
          log.warn("Adaptive scaling of {} failed this round: {}", cluster, e.toString());
        }
      }
      try {
        Thread.sleep(options.interval().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One decision: asks the scheduler, then scales the cluster if needed. */
  synchronized void step() {
    AdaptiveTarget advice = scheduler.adaptiveTarget(options.targetDuration());
    int target = Math.max(options.minimum(), Math.min(options.maximum(), advice.workers()));
    int requested = cluster.requestedWorkers();
    if (target > requested) {
      downVotes = 0;
      decide(target, requested);
    } else if (target < requested) {
      if (++downVotes >= options.waitCount()) {
        downVotes = 0;
        decide(target, requested);
      }
    } else {
      downVotes = 0;
    }
    lastTarget = target;
  }

  private void decide(int target, int requested) {
    if (stopped) {
      return;
    }
    log.info("Adaptive: scaling {} from {} to {} workers", cluster, requested, target);
    cluster.scale(target);
  }

  /** The fewest workers. */
  public int minimum() {
    return options.minimum();
  }

  /** The most workers. */
  public int maximum() {
    return options.maximum();
  }

  /** The options deciding. */
  public Options options() {
    return options;
  }

  /** The bounded target of the latest decision, or -1 before the first. */
  public int lastTarget() {
    return lastTarget;
  }

  /** Whether it still adapts the cluster. */
  public boolean isRunning() {
    return !stopped && thread.isAlive();
  }

  /** Stops adapting; the cluster keeps the workers it has. Idempotent; waits for a decision in progress. */
  public void stop() {
    stopped = true;
    thread.interrupt();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "Adaptive[" + options.minimum() + ".." + options.maximum() + (isRunning() ? "" : ", stopped") + "]";
  }
}
