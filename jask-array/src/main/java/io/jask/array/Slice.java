package io.jask.array;

/**
 * One axis of a selection, as in NumPy's {@code a[start:stop:step]} or {@code a[i]}.
 *
 * <pre>{@code
 * x.slice(Slice.all(), Slice.of(0, 10))          // x[:, 0:10]
 * x.slice(Slice.step(2), Slice.step(2))          // x[::2, ::2]
 * x.slice(Slice.index(3))                        // x[3], one dimension fewer
 * }</pre>
 *
 * <p>Negative positions count from the end. Unlike NumPy, positions beyond the axis are an error
 * rather than silently clipped: a selection that reaches outside the data is usually a bug.
 */
public sealed interface Slice permits Slice.Range, Slice.Index {
  /** The whole axis: {@code :}. */
  static Slice all() {
    return new Range(null, null, 1);
  }

  /** {@code start:stop}. */
  static Slice of(long start, long stop) {
    return new Range(start, stop, 1);
  }

  /**
   * {@code start:stop:step}.
   *
   * @throws IllegalArgumentException if {@code step} is 0
   */
  static Slice of(long start, long stop, long step) {
    return new Range(start, stop, step);
  }

  /** {@code start:}. */
  static Slice from(long start) {
    return new Range(start, null, 1);
  }

  /** {@code :stop}. */
  static Slice to(long stop) {
    return new Range(null, stop, 1);
  }

  /** {@code ::step}; a negative step walks backwards from the end. */
  static Slice step(long step) {
    return new Range(null, null, step);
  }

  /** A single position {@code i}: the axis is dropped. */
  static Slice index(long i) {
    return new Index(i);
  }

  /**
   * {@code start:stop:step}, either bound {@code null} for its default.
   *
   * @param start first position, or {@code null}
   * @param stop position after the last, or {@code null}
   * @param step non-zero
   */
  record Range(Long start, Long stop, long step) implements Slice {
    /** @throws IllegalArgumentException if {@code step} is 0 */
    public Range {
      if (step == 0) {
        throw new IllegalArgumentException("slice step must not be zero");
      }
    }

    /**
     * The concrete {@code (first, count, step)} on an axis of length {@code n}.
     *
     * @throws IndexOutOfBoundsException naming the bound, the axis and its length
     */
    Resolved resolve(long n, int axis) {
      long s;
      long e;
      if (step > 0) {
        s = start == null ? 0 : bound(start, n, axis, "start");
        e = stop == null ? n : bound(stop, n, axis, "stop");
        long count = e > s ? (e - s + step - 1) / step : 0;
        return new Resolved(s, count, step);
      }
      s = start == null ? n - 1 : bound(start, n, axis, "start");
      if (start != null && s == n && n > 0) {
        s = n - 1;
      }
      e = stop == null ? -1 : bound(stop, n, axis, "stop");
      long count = s > e ? (s - e + (-step) - 1) / (-step) : 0;
      return new Resolved(s, count, step);
    }

    private static long bound(long v, long n, int axis, String which) {
      long r = v < 0 ? v + n : v;
      if (r < 0 || r > n) {
        throw new IndexOutOfBoundsException("slice " + which + " " + v + " is out of bounds for axis "
            + axis + " of length " + n);
      }
      return r;
    }

    @Override
    public String toString() {
      return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
    }
  }

  /** A single position; negative counts from the end. */
  record Index(long index) implements Slice {
    /**
     * The position on an axis of length {@code n}.
     *
     * @throws IndexOutOfBoundsException naming the index, the axis and its length
     */
    long resolve(long n, int axis) {
      long r = index < 0 ? index + n : index;
      if (r < 0 || r >= n) {
        throw new IndexOutOfBoundsException("index " + index + " is out of bounds for axis " + axis
            + " of length " + n);
      }
      return r;
    }

    @Override
    public String toString() {
      return Long.toString(index);
    }
  }

  /** A range made concrete: positions {@code first + k * step} for {@code k < count}. */
  record Resolved(long first, long count, long step) {}
}
