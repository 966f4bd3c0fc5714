package io.jask.core.diagnostics;

import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Key;
import io.jask.core.scheduler.Callbacks;
import io.jask.core.scheduler.SchedulerCallback;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A console progress bar for local computations, like Dask's {@code ProgressBar}:
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.show()) {
 *   total.compute();
 * }
 * // [########################################] | 100% Completed | 1.2s
 * }</pre>
 *
 * <p>While open it is registered for every computation; it draws at most every {@code interval}
 * from a daemon thread, so tasks only bump a counter. Nothing is printed for computations
 * shorter than {@code minimum}. Jask draws no bar unless asked: tests and libraries stay quiet.
 */
public final class ProgressBar implements SchedulerCallback, AutoCloseable {
  private final PrintStream out;
  private final int width;
  private final long intervalNanos;
  private final long minimumNanos;
  private final AtomicInteger done = new AtomicInteger();
  private final Callbacks.Registration registration;
  private volatile int total;
  private volatile long startNanos;
  private volatile Thread drawer;
  private volatile boolean drawn;

  private ProgressBar(PrintStream out, int width, Duration interval, Duration minimum) {
    this.out = out;
    this.width = width;
    this.intervalNanos = interval.toNanos();
    this.minimumNanos = minimum.toNanos();
    this.registration = Callbacks.register(this);
  }

  /** A bar on standard output, 40 characters wide, redrawn every 100 ms. */
  public static ProgressBar show() {
    return show(System.out, Duration.ZERO);
  }

  /**
   * A bar on {@code out} that appears only for computations longer than {@code minimum}.
   *
   * @throws IllegalArgumentException if {@code minimum} is negative
   */
  public static ProgressBar show(PrintStream out, Duration minimum) {
    if (minimum.isNegative()) {
      throw new IllegalArgumentException("minimum must not be negative: " + minimum);
    }
    return new ProgressBar(out, 40, Duration.ofMillis(100), minimum);
  }

  @Override
  public void started(ExecutionPlan plan) {
    total = plan.size();
    done.set(0);
    drawn = false;
    startNanos = System.nanoTime();
    Thread t = new Thread(this::drawUntilInterrupted, "jask-progress");
    t.setDaemon(true);
    drawer = t;
    t.start();
  }

  @Override
  public void taskFinished(Key key, Object result) {
    done.incrementAndGet();
  }

  @Override
  public void finished(Throwable failure) {
    Thread t = drawer;
    drawer = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long elapsed = System.nanoTime() - startNanos;
    if (drawn || elapsed >= minimumNanos) {
      draw(elapsed);
      out.println(failure == null ? "" : " (failed)");
      out.flush();
    }
  }

  private void drawUntilInterrupted() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(intervalNanos / 1_000_000, (int) (intervalNanos % 1_000_000));
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed >= minimumNanos) {
          draw(elapsed);
          drawn = true;
        }
      }
    } catch (InterruptedException e) {
      // finished() stops the drawing
    }
  }

  private synchronized void draw(long elapsedNanos) {
    out.print("\r" + line(done.get(), total, elapsedNanos, width));
    out.flush();
  }

  /**
   * One frame of a bar, {@code [####    ] |  50% Completed | 1.2s}: for other progress displays
   * (futures, for instance) that should look the same.
   */
  public static String line(int done, int total, long elapsedNanos, int width) {
    double fraction = total == 0 ? 1.0 : Math.min(1.0, done / (double) total);
    int filled = (int) (fraction * width);
    String bar = "#".repeat(filled) + " ".repeat(width - filled);
    return String.format(Locale.ROOT, "[%s] | %3d%% Completed | %s", bar, (int) (fraction * 100),
        formatSeconds(elapsedNanos));
  }

  private static String formatSeconds(long nanos) {
    double s = nanos / 1e9;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", s);
    }
    long whole = (long) s;
    return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
  }

  /** Stops showing progress for later computations. */
  @Override
  public void close() {
    registration.close();
  }
}
