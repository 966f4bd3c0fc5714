package io.jask.distributed.client;

import io.jask.core.diagnostics.ProgressBar;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A console progress bar over futures, as Dask's {@code progress(futures)}: it draws as they
 * finish (in any way: result, error or cancellation) and returns when all are done.
 */
public final class FuturesProgress {
  private static final int WIDTH = 40;

  private FuturesProgress() {}

  /** Draws on standard output until every future is done. */
  public static void show(List<? extends Future<?>> futures) {
    show(futures, System.out);
  }

  /**
   * Draws on {@code out} until every future is done.
   *
   * @throws io.jask.core.ComputationInterruptedException if interrupted while waiting
   */
  public static void show(List<? extends Future<?>> futures, PrintStream out) {
    long start = System.nanoTime();
    int total = futures.size();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(total);
    for (Future<?> f : futures) {
      f.addDoneCallback(ignored -> {
        done.incrementAndGet();
        all.countDown();
      });
    }
    try {
      while (!all.await(100, TimeUnit.MILLISECONDS)) {
        out.print("\r" + ProgressBar.line(done.get(), total, System.nanoTime() - start, WIDTH));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.jask.core.ComputationInterruptedException(
          "interrupted while showing the progress of " + total + " futures", e);
    }
    out.println("\r" + ProgressBar.line(total, total, System.nanoTime() - start, WIDTH));
    out.flush();
  }
}
