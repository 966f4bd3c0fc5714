package io.jask.array;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reusable primitive buffers for the blocks a fused task makes and consumes at once (a random
 * block summed in the same task): allocating a fresh block each time costs zeroing it, and
 * touching fresh memory, for data that is dropped a moment later.
 *
 * <p>Ownership: a buffer is lent for one run of a fused task ({@link #open()} to {@link
 * #close()}), on one thread; only a task whose result cannot hold on to its inputs (a partial
 * reduction, which always makes new arrays) borrows. Idle buffers are kept per thread behind soft
 * references, so the collector may take them back when memory runs short.
 */
final class Scratch implements AutoCloseable {
  /** Idle buffers kept per thread; more are dropped. */
  private static final int KEEP = 4;

  private static final ThreadLocal<Scratch> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<ArrayDeque<SoftReference<double[]>>> IDLE = ThreadLocal.withInitial(ArrayDeque::new);

  private final Scratch outer;
  private final List<double[]> lent = new ArrayList<>();

  private Scratch(Scratch outer) {
    this.outer = outer;
  }

  /** Starts lending on this thread until {@link #close()}. */
  static Scratch open() {
    Scratch s = new Scratch(CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  /**
   * A buffer of {@code n} doubles with arbitrary contents, lent until the current scope closes; a
   * fresh array when no scope is open.
   */
  static double[] doubles(int n) {
    Scratch s = CURRENT.get();
    if (s == null) {
      return new double[n];
    }
    double[] buf = null;
    for (Iterator<SoftReference<double[]>> it = IDLE.get().iterator(); it.hasNext(); ) {
      double[] b = it.next().get();
      if (b == null) {
        it.remove();
      } else if (b.length == n) {
        it.remove();
        buf = b;
        break;
      }
    }
    if (buf == null) {
      buf = new double[n];
    }
    s.lent.add(buf);
    return buf;
  }

  /** Takes the lent buffers back for reuse on this thread. */
  @Override
  public void close() {
    ArrayDeque<SoftReference<double[]>> idle = IDLE.get();
    for (double[] b : lent) {
      idle.addFirst(new SoftReference<>(b));
    }
    while (idle.size() > KEEP) {
      idle.removeLast();
    }
    lent.clear();
    CURRENT.set(outer);
  }
}
