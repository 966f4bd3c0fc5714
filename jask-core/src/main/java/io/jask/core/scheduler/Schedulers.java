package io.jask.core.scheduler;

import io.jask.core.JaskException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The schedulers, and the one {@code compute()} uses when none is given.
 *
 * <p>The default is, in order of precedence: the scheduler set with {@link #use} (the
 * distributed client sets itself while it is open, as Dask's does), the {@code jask.scheduler}
 * system property, the {@code JASK_SCHEDULER} environment variable ({@code sync} or {@code
 * threads}), and otherwise the shared threaded scheduler.
 */
public final class Schedulers {
  private static final AtomicReference<Scheduler> CURRENT = new AtomicReference<>();

  private Schedulers() {}

  /** The synchronous scheduler: every task in the caller's thread. */
  public static Scheduler sync() {
    return SyncScheduler.INSTANCE;
  }

  /** The shared threaded scheduler: one daemon thread per processor, created on first use. */
  public static Scheduler threads() {
    return SharedPool.INSTANCE;
  }

  /** The scheduler {@code compute()} uses when none is given. */
  public static Scheduler current() {
    Scheduler set = CURRENT.get();
    if (set != null) {
      return set;
    }
    String configured = System.getProperty("jask.scheduler", System.getenv("JASK_SCHEDULER"));
    return configured == null ? threads() : byName(configured);
  }

  /**
   * The scheduler of the given name: {@code sync} (also {@code synchronous}, {@code
   * single-threaded}) or {@code threads} (also {@code threading}, {@code threaded}).
   *
   * @throws JaskException naming the value and the accepted names
   */
  public static Scheduler byName(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "sync":
      case "synchronous":
      case "single-threaded":
        return sync();
      case "threads":
      case "threading":
      case "threaded":
        return threads();
      default:
        throw new JaskException("unknown scheduler '" + name + "': use 'sync' or 'threads'");
    }
  }

  /**
   * Makes {@code scheduler} the default until the returned handle is closed, which restores the
   * previous default: {@code try (var s = Schedulers.use(Schedulers.sync())) { … }}.
   */
  public static Scope use(Scheduler scheduler) {
    Objects.requireNonNull(scheduler, "scheduler");
    Scheduler previous = CURRENT.getAndSet(scheduler);
    return () -> CURRENT.compareAndSet(scheduler, previous);
  }

  /** Closing it restores the previous default scheduler. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static final class SharedPool {
    static final ThreadedScheduler INSTANCE = new ThreadedScheduler();
  }
}
