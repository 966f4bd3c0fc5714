package io.jask.array;

import java.util.Arrays;
import java.util.List;

/**
 * Reduction kernels. Elements are visited in memory order and folded into an output of the kept
 * shape (reduced axes of length 1), so reducing along any axis streams through the data once.
 * Every reduction is a partial result ({@link #partial}) made final by {@link #finish}: the same
 * code serves a whole {@link NDArray} and the chunks of an {@link Array}, whose partials are merged
 * by {@link #combine}.
 */
final class Reductions {
  private Reductions() {}

  static NDArray reduce(ReduceOp op, NDArray a, int[] axes, boolean keepDims, int ddof) {
    boolean[] reduced = reducedAxes(op, axes, a.ndim());
    Object partial = partial(op, a, reduced, 0, null);
    return finish(op, partial, reduced, keepDims, ddof, a.dtype, a.shape);
  }

  /**
   * Which axes {@code axes} (all when empty) reduce, checked.
   *
   * @throws IllegalArgumentException on an axis out of range, a repeated axis, or several axes for
   *     an arg-reduction
   */
  static boolean[] reducedAxes(ReduceOp op, int[] axes, int ndim) {
    boolean[] r = new boolean[ndim];
    if (axes.length == 0) {
      Arrays.fill(r, true);
      return r;
    }
    if (op.isArg() && axes.length > 1) {
      throw new IllegalArgumentException(op.numpyName() + " takes one axis or none, got " + Arrays.toString(axes));
    }
    for (int ax : axes) {
      int a = NDArray.normalizeAxis(ax, ndim);
      if (r[a]) {
        throw new IllegalArgumentException("repeated axis " + ax + " in " + Arrays.toString(axes));
      }
      r[a] = true;
    }
    return r;
  }

  static int[] keptShape(int[] shape, boolean[] reduced) {
    int[] s = shape.clone();
    for (int d = 0; d < s.length; d++) {
      if (reduced[d]) {
        s[d] = 1;
      }
    }
    return s;
  }

  static int[] dropReduced(int[] shape, boolean[] reduced) {
    int m = 0;
    int[] s = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      if (!reduced[d]) {
        s[m++] = shape[d];
      }
    }
    return Arrays.copyOf(s, m);
  }

  /** Strides over {@code shape} that land in a contiguous output of the kept shape (0 on reduced axes). */
  private static int[] outStrides(int[] shape, boolean[] reduced) {
    int[] st = Strided.contiguousStrides(keptShape(shape, reduced));
    for (int d = 0; d < st.length; d++) {
      if (reduced[d]) {
        st[d] = 0;
      }
    }
    return st;
  }

  /**
   * The partial result of {@code op} over the {@code reduced} axes of {@code a}: an NDArray of the
   * kept shape, a {@link Partials.Moments}, or a {@link Partials.Arg}.
   *
   * @param flatOrigin for a flat arg-reduction of a chunk: {@code (blockOffset, fullShape)} as
   *     {@code long[]}s, to report positions in the whole array; null for a whole array
   * @param axisOffset for an arg-reduction along one axis: the chunk's start on that axis
   */
  static Object partial(ReduceOp op, NDArray a, boolean[] reduced, long axisOffset, long[][] flatOrigin) {
    if (op.isArg()) {
      return argPartial(op, a, reduced, axisOffset, flatOrigin);
    }
    if (op.isMoment() && innermostReduced(a.shape, a.strides, reduced)) {
      return rowMoments(a.astype(DType.FLOAT64), reduced, op.skipsNaN());
    }
    if (op.isMean() || op.isMoment()) {
      boolean skip = op.skipsNaN();
      NDArray sum = accumulate(skip ? ReduceOp.NANSUM : ReduceOp.SUM, a.astype(DType.FLOAT64), reduced);
      NDArray count = skip && a.dtype.isFloat() ? accumulate(ReduceOp.COUNT, a, reduced).astype(DType.FLOAT64)
          : NDArray.full(DType.FLOAT64, reducedCount(a.shape, reduced), sum.shape);
      NDArray mean = sum.divide(count);
      NDArray m2 = op.isMoment() ? squaredDeviations(a.astype(DType.FLOAT64), mean, reduced, skip) : null;
      return new Partials.Moments(count, mean, m2);
    }
    return accumulate(op, a, reduced);
  }

  private static long reducedCount(int[] shape, boolean[] reduced) {
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      if (reduced[d]) {
        n *= shape[d];
      }
    }
    return n;
  }

  /** Merges partial results of the same kept shape. */
  static Object combine(ReduceOp op, List<Object> parts) {
    Object first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    if (first instanceof Partials.Moments) {
      return combineMoments(parts);
    }
    if (first instanceof Partials.Arg) {
      return combineArgs(op, parts);
    }
    BinaryOp merge = switch (op) {
      case SUM, NANSUM, COUNT -> BinaryOp.ADD;
      case PROD, NANPROD -> BinaryOp.MULTIPLY;
      case MIN -> BinaryOp.MINIMUM;
      case MAX -> BinaryOp.MAXIMUM;
      case NANMIN -> BinaryOp.FMIN;
      case NANMAX -> BinaryOp.FMAX;
      case ANY -> BinaryOp.LOGICAL_OR;
      case ALL -> BinaryOp.LOGICAL_AND;
      default -> throw new AssertionError(op);
    };
    NDArray acc = (NDArray) first;
    for (int i = 1; i < parts.size(); i++) {
      acc = Elementwise.binary(merge, acc, (NDArray) parts.get(i), acc.dtype);
    }
    return acc;
  }

  /**
   * The final result from a (combined) partial.
   *
   * @param inputDType the dtype of the reduced array
   * @param inputShape the shape of the reduced array (for error messages and empty reductions)
   */
  static NDArray finish(ReduceOp op, Object partial, boolean[] reduced, boolean keepDims, int ddof,
      DType inputDType, int[] inputShape) {
    NDArray out;
    DType rt = op.resultType(inputDType);
    if (partial instanceof Partials.Moments m) {
      if (op.isMean()) {
        out = m.mean();
      } else {
        double[] c = (double[]) m.count().data;
        double[] q = (double[]) m.m2().contiguous().data;
        double[] v = new double[c.length];
        for (int i = 0; i < v.length; i++) {
          double dof = c[i] - ddof;
          v[i] = dof <= 0 ? Double.NaN : q[i] / dof;
          if (op == ReduceOp.STD || op == ReduceOp.NANSTD) {
            v[i] = Math.sqrt(v[i]);
          }
        }
        out = NDArray.wrap(DType.FLOAT64, v, m.count().shape.clone());
      }
      out = out.astype(rt);
    } else if (partial instanceof Partials.Arg arg) {
      if (op == ReduceOp.NANARGMIN || op == ReduceOp.NANARGMAX) {
        for (long ix : arg.index().toLongArray()) {
          if (ix < 0) {
            throw new IllegalArgumentException(op.numpyName() + ": all-NaN slice encountered in an array of shape "
                + Arrays.toString(inputShape));
          }
        }
      }
      out = arg.index();
    } else {
      out = ((NDArray) partial).astype(rt);
    }
    if (!keepDims) {
      out = out.reshape(dropReduced(out.shape, reduced));
    }
    return out;
  }

  // ---- sum, prod, min, max, any, all, count ----

  static NDArray accumulate(ReduceOp op, NDArray a, boolean[] reduced) {
    int[] kept = keptShape(a.shape, reduced);
    int n = NDArray.product(kept);
    int[] os = outStrides(a.shape, reduced);
    if (a.size == 0 && (op == ReduceOp.MIN || op == ReduceOp.MAX || op == ReduceOp.NANMIN || op == ReduceOp.NANMAX)
        && reducedCount(a.shape, reduced) == 0) {
      throw new IllegalArgumentException("zero-size array to reduction operation " + op.numpyName()
          + ", which has no identity: shape " + Arrays.toString(a.shape));
    }
    if (op == ReduceOp.COUNT && !a.dtype.isFloat()) {
      return NDArray.full(DType.INT64, reducedCount(a.shape, reduced), kept);
    }
    if (op == ReduceOp.ANY || op == ReduceOp.ALL) {
      NDArray truth = a.dtype == DType.BOOL ? a : Elementwise.binaryScalar(BinaryOp.NOT_EQUAL, a, 0L, false);
      long[] out = new long[n];
      if (op == ReduceOp.ALL) {
        Arrays.fill(out, 1);
      }
      boolean[] src = (boolean[]) truth.data;
      boolean any = op == ReduceOp.ANY;
      Strided.forEachRowInMemoryOrder(truth.shape, new int[][] {os, truth.strides}, new int[] {0, truth.offset}, 1, (off, len, step) -> {
        int o = off[0];
        int i = off[1];
        int so = step[0];
        int si = step[1];
        for (int k = 0; k < len; k++) {
          boolean v = src[i + k * si];
          int p = o + k * so;
          out[p] = any ? (out[p] | (v ? 1 : 0)) : (out[p] & (v ? 1 : 0));
        }
      });
      return Convert.fromLongs(out, kept, DType.BOOL);
    }
    if (a.dtype.isFloat() || op == ReduceOp.COUNT) {
      NDArray x = a.astype(DType.FLOAT64);
      double[] src = (double[]) x.data;
      double[] out = new double[n];
      double init = switch (op) {
        case PROD, NANPROD -> 1;
        case MIN -> Double.POSITIVE_INFINITY;
        case MAX -> Double.NEGATIVE_INFINITY;
        case NANMIN, NANMAX -> Double.NaN;
        default -> 0;
      };
      if (init != 0) {
        Arrays.fill(out, init);
      }
      Strided.forEachRowInMemoryOrder(x.shape, new int[][] {os, x.strides}, new int[] {0, x.offset}, 1,
          (off, len, step) -> foldD(op, src, off[1], step[1], out, off[0], step[0], len));
      DType rt = op == ReduceOp.COUNT ? DType.INT64 : op.resultType(a.dtype);
      return Convert.fromDoubles(out, kept, rt);
    }
    NDArray x = a.astype(DType.INT64);
    long[] src = (long[]) x.data;
    long[] out = new long[n];
    long init = switch (op) {
      case PROD, NANPROD -> 1;
      case MIN, NANMIN -> Long.MAX_VALUE;
      case MAX, NANMAX -> Long.MIN_VALUE;
      default -> 0;
    };
    if (init != 0) {
      Arrays.fill(out, init);
    }
    Strided.forEachRowInMemoryOrder(x.shape, new int[][] {os, x.strides}, new int[] {0, x.offset}, 1,
        (off, len, step) -> foldL(op, src, off[1], step[1], out, off[0], step[0], len));
    return Convert.fromLongs(out, kept, op.resultType(a.dtype));
  }

  private static void foldD(ReduceOp op, double[] x, int i, int si, double[] out, int o, int so, int n) {
    if (so == 0) {
      out[o] = foldRowD(op, x, i, si, n, out[o]);
      return;
    }
    if (so == 1 && si == 1 && (op == ReduceOp.SUM || op == ReduceOp.COUNT)) {
      // Contiguous on both sides: a loop the JIT vectorises.
      if (op == ReduceOp.SUM) {
        for (int k = 0; k < n; k++) {
          out[o + k] += x[i + k];
        }
      } else {
        for (int k = 0; k < n; k++) {
          double v = x[i + k];
          out[o + k] += v == v ? 1 : 0;
        }
      }
      return;
    }
    switch (op) {
      case SUM -> { for (int k = 0; k < n; k++) { out[o + k * so] += x[i + k * si]; } }
      case NANSUM -> { for (int k = 0; k < n; k++) { double v = x[i + k * si]; if (v == v) { out[o + k * so] += v; } } }
      case PROD -> { for (int k = 0; k < n; k++) { out[o + k * so] *= x[i + k * si]; } }
      case NANPROD -> { for (int k = 0; k < n; k++) { double v = x[i + k * si]; if (v == v) { out[o + k * so] *= v; } } }
      case MIN -> { for (int k = 0; k < n; k++) { int p = o + k * so; out[p] = Math.min(out[p], x[i + k * si]); } }
      case MAX -> { for (int k = 0; k < n; k++) { int p = o + k * so; out[p] = Math.max(out[p], x[i + k * si]); } }
      case NANMIN -> { for (int k = 0; k < n; k++) { int p = o + k * so; double v = x[i + k * si]; if (v < out[p] || out[p] != out[p]) { out[p] = v; } } }
      case NANMAX -> { for (int k = 0; k < n; k++) { int p = o + k * so; double v = x[i + k * si]; if (v > out[p] || out[p] != out[p]) { out[p] = v; } } }
      case COUNT -> { for (int k = 0; k < n; k++) { double v = x[i + k * si]; if (v == v) { out[o + k * so] += 1; } } }
      default -> throw new AssertionError(op);
    }
  }

  /**
   * One row folded into one output element. Sums keep eight running totals on contiguous rows
   * (enough independent additions in flight to keep up with memory, and more accurate), four on
   * strided ones.
   */
  static double foldRowD(ReduceOp op, double[] x, int i, int s, int n, double acc) {
    switch (op) {
      case SUM -> {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int k = 0;
        if (s == 1) {
          double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
          for (; k + 7 < n; k += 8) {
            int p = i + k;
            a0 += x[p];
            a1 += x[p + 1];
            a2 += x[p + 2];
            a3 += x[p + 3];
            b0 += x[p + 4];
            b1 += x[p + 5];
            b2 += x[p + 6];
            b3 += x[p + 7];
          }
          a0 += b0;
          a1 += b1;
          a2 += b2;
          a3 += b3;
        } else {
          for (; k + 3 < n; k += 4) {
            int p = i + k * s;
            a0 += x[p];
            a1 += x[p + s];
            a2 += x[p + 2 * s];
            a3 += x[p + 3 * s];
          }
        }
        for (; k < n; k++) {
          a0 += x[i + k * s];
        }
        return acc + ((a0 + a1) + (a2 + a3));
      }
      case NANSUM -> {
        double a0 = 0, a1 = 0;
        int k = 0;
        for (; k + 1 < n; k += 2) {
          double v = x[i + k * s];
          double w = x[i + (k + 1) * s];
          a0 += v == v ? v : 0;
          a1 += w == w ? w : 0;
        }
        for (; k < n; k++) {
          double v = x[i + k * s];
          a0 += v == v ? v : 0;
        }
        return acc + (a0 + a1);
      }
      case PROD -> { for (int k = 0; k < n; k++) { acc *= x[i + k * s]; } return acc; }
      case NANPROD -> { for (int k = 0; k < n; k++) { double v = x[i + k * s]; if (v == v) { acc *= v; } } return acc; }
      case MIN -> { for (int k = 0; k < n; k++) { acc = Math.min(acc, x[i + k * s]); } return acc; }
      case MAX -> { for (int k = 0; k < n; k++) { acc = Math.max(acc, x[i + k * s]); } return acc; }
      case NANMIN -> { for (int k = 0; k < n; k++) { double v = x[i + k * s]; if (v < acc || acc != acc) { acc = v; } } return acc; }
      case NANMAX -> { for (int k = 0; k < n; k++) { double v = x[i + k * s]; if (v > acc || acc != acc) { acc = v; } } return acc; }
      case COUNT -> { long c = 0; for (int k = 0; k < n; k++) { double v = x[i + k * s]; if (v == v) { c++; } } return acc + c; }
      default -> throw new AssertionError(op);
    }
  }

  private static void foldL(ReduceOp op, long[] x, int i, int si, long[] out, int o, int so, int n) {
    switch (op) {
      case SUM, NANSUM -> { for (int k = 0; k < n; k++) { out[o + k * so] += x[i + k * si]; } }
      case PROD, NANPROD -> { for (int k = 0; k < n; k++) { out[o + k * so] *= x[i + k * si]; } }
      case MIN, NANMIN -> { for (int k = 0; k < n; k++) { int p = o + k * so; out[p] = Math.min(out[p], x[i + k * si]); } }
      case MAX, NANMAX -> { for (int k = 0; k < n; k++) { int p = o + k * so; out[p] = Math.max(out[p], x[i + k * si]); } }
      default -> throw new AssertionError(op);
    }
  }

  // ---- variance ----

  /** Per output element, the sum of {@code (x - mean)^2} over the reduced axes (NaN skipped if asked). */
  private static NDArray squaredDeviations(NDArray x, NDArray mean, boolean[] reduced, boolean skipNaN) {
    int[] kept = keptShape(x.shape, reduced);
    int[] os = outStrides(x.shape, reduced);
    double[] src = (double[]) x.data;
    double[] mu = (double[]) mean.contiguous().data;
    double[] out = new double[NDArray.product(kept)];
    Strided.forEachRow(x.shape, new int[][] {os, x.strides}, new int[] {0, x.offset}, (off, n, step) -> {
      int o = off[0];
      int i = off[1];
      int so = step[0];
      int si = step[1];
      if (so == 0) {
        double m = mu[o];
        double a0 = 0;
        double a1 = 0;
        int k = 0;
        if (skipNaN) {
          for (; k < n; k++) {
            double d = src[i + k * si] - m;
            a0 += d == d ? d * d : 0;
          }
        } else {
          for (; k + 1 < n; k += 2) {
            double d = src[i + k * si] - m;
            double e = src[i + (k + 1) * si] - m;
            a0 += d * d;
            a1 += e * e;
          }
          for (; k < n; k++) {
            double d = src[i + k * si] - m;
            a0 += d * d;
          }
        }
        out[o] += a0 + a1;
      } else {
        for (int k = 0; k < n; k++) {
          int p = o + k * so;
          double d = src[i + k * si] - mu[p];
          if (!skipNaN || d == d) {
            out[p] += d * d;
          }
        }
      }
    });
    return NDArray.wrap(DType.FLOAT64, out, kept);
  }

  /** Whether the dimension that lies innermost in memory (the smallest stride) is reduced. */
  private static boolean innermostReduced(int[] shape, int[] strides, boolean[] reduced) {
    int inner = -1;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] > 1 && (inner < 0 || Math.abs((long) strides[d]) <= Math.abs((long) strides[inner]))) {
        inner = d;
      }
    }
    return inner >= 0 && reduced[inner];
  }

  /** Elements of a row summarised at a time: small enough that the second pass over them hits the cache. */
  private static final int MOMENT_PIECE = 2048;

  /**
   * The moments when every row in memory order reduces into one output element, in one pass over
   * memory: each piece of a row gets its own mean and squared deviations by two passes over the
   * cached piece, merged into the output by Chan et al.'s update.
   */
  private static Partials.Moments rowMoments(NDArray x, boolean[] reduced, boolean skipNaN) {
    int[] kept = keptShape(x.shape, reduced);
    int n = NDArray.product(kept);
    int[] os = outStrides(x.shape, reduced);
    double[] src = (double[]) x.data;
    double[] count = new double[n];
    double[] mean = new double[n];
    double[] m2 = new double[n];
    Strided.forEachRowInMemoryOrder(x.shape, new int[][] {os, x.strides}, new int[] {0, x.offset}, 1, (off, len, step) -> {
      if (step[0] != 0) {
        throw new AssertionError("row moments on a row that does not reduce");
      }
      int o = off[0];
      for (int k = 0; k < len; k += MOMENT_PIECE) {
        int m = Math.min(MOMENT_PIECE, len - k);
        pieceMoments(src, off[1] + k * step[1], step[1], m, skipNaN, count, mean, m2, o);
      }
    });
    for (int i = 0; i < n; i++) {
      if (count[i] == 0) {
        mean[i] = Double.NaN;
      }
    }
    return new Partials.Moments(NDArray.wrap(DType.FLOAT64, count, kept), NDArray.wrap(DType.FLOAT64, mean, kept.clone()),
        NDArray.wrap(DType.FLOAT64, m2, kept.clone()));
  }

  private static void pieceMoments(double[] x, int i, int s, int n, boolean skipNaN, double[] count, double[] mean,
      double[] m2, int o) {
    double c;
    double sum;
    if (skipNaN) {
      c = 0;
      sum = 0;
      for (int k = 0; k < n; k++) {
        double v = x[i + k * s];
        if (v == v) {
          sum += v;
          c++;
        }
      }
    } else {
      c = n;
      sum = foldRowD(ReduceOp.SUM, x, i, s, n, 0);
    }
    if (c == 0) {
      return;
    }
    double mu = sum / c;
    double q0 = 0;
    double q1 = 0;
    int k = 0;
    if (skipNaN) {
      for (; k < n; k++) {
        double d = x[i + k * s] - mu;
        q0 += d == d ? d * d : 0;
      }
    } else if (s == 1) {
      for (; k + 1 < n; k += 2) {
        double d = x[i + k] - mu;
        double e = x[i + k + 1] - mu;
        q0 += d * d;
        q1 += e * e;
      }
    } else {
      for (; k + 1 < n; k += 2) {
        double d = x[i + k * s] - mu;
        double e = x[i + (k + 1) * s] - mu;
        q0 += d * d;
        q1 += e * e;
      }
    }
    for (; k < n; k++) {
      double d = x[i + k * s] - mu;
      q0 += d * d;
    }
    double q = q0 + q1;
    double before = count[o];
    if (before == 0) {
      count[o] = c;
      mean[o] = mu;
      m2[o] = q;
      return;
    }
    double total = before + c;
    double delta = mu - mean[o];
    mean[o] += delta * c / total;
    m2[o] += q + delta * delta * before * c / total;
    count[o] = total;
  }

  /** Chan et al.'s pairwise update: counts add, means weight by count, squared deviations add with a correction. */
  private static Partials.Moments combineMoments(List<Object> parts) {
    Partials.Moments first = (Partials.Moments) parts.get(0);
    int n = first.count().size;
    double[] count = new double[n];
    double[] mean = new double[n];
    double[] m2 = first.m2() == null ? null : new double[n];
    for (Object o : parts) {
      Partials.Moments p = (Partials.Moments) o;
      double[] c = (double[]) p.count().contiguous().data;
      double[] mu = (double[]) p.mean().contiguous().data;
      double[] q = m2 == null ? null : (double[]) p.m2().contiguous().data;
      for (int i = 0; i < n; i++) {
        if (c[i] == 0) {
          continue;
        }
        double total = count[i] + c[i];
        double delta = mu[i] - mean[i];
        if (m2 != null) {
          m2[i] += q[i] + (count[i] == 0 ? 0 : delta * delta * count[i] * c[i] / total);
        }
        mean[i] += delta * c[i] / total;
        count[i] = total;
      }
    }
    for (int i = 0; i < n; i++) {
      if (count[i] == 0) {
        mean[i] = Double.NaN;
      }
    }
    int[] shape = first.count().shape.clone();
    return new Partials.Moments(NDArray.wrap(DType.FLOAT64, count, shape), NDArray.wrap(DType.FLOAT64, mean, shape),
        m2 == null ? null : NDArray.wrap(DType.FLOAT64, m2, shape));
  }

  // ---- argmin, argmax ----

  private static Partials.Arg argPartial(ReduceOp op, NDArray a, boolean[] reduced, long axisOffset, long[][] flatOrigin) {
    boolean max = op == ReduceOp.ARGMAX || op == ReduceOp.NANARGMAX;
    boolean skip = op.skipsNaN();
    int nd = a.ndim();
    int reducedCount = 0;
    int axis = -1;
    for (int d = 0; d < nd; d++) {
      if (reduced[d]) {
        reducedCount++;
        axis = d;
      }
    }
    if (a.size == 0) {
      throw new IllegalArgumentException("attempt to get " + op.numpyName() + " of an empty sequence: shape "
          + Arrays.toString(a.shape));
    }
    if (reducedCount == nd && nd != 1) {
      // Flat positions: scan the elements in row-major order.
      double[] v = a.toDoubleArray();
      int best = scan(v, 0, 1, v.length, max, skip);
      long index = best;
      if (best >= 0 && flatOrigin != null) {
        index = globalFlat(best, a.shape, flatOrigin[0], flatOrigin[1]);
      }
      int[] kept = keptShape(a.shape, reduced);
      return new Partials.Arg(NDArray.full(DType.FLOAT64, best < 0 ? Double.NaN : v[best], kept),
          NDArray.wrap(DType.INT64, new long[] {best < 0 ? -1 : index}, kept));
    }
    NDArray x = a.astype(DType.FLOAT64);
    double[] src = (double[]) x.data;
    int len = x.shape[axis];
    int stride = x.strides[axis];
    int[] kept = keptShape(a.shape, reduced);
    int n = NDArray.product(kept);
    double[] values = new double[n];
    long[] index = new long[n];
    int[] outer = kept.clone();
    int[] os = Strided.contiguousStrides(kept);
    int[] is = x.strides.clone();
    is[axis] = 0;
    Strided.forEachRow(outer, new int[][] {os, is}, new int[] {0, x.offset}, (off, rows, step) -> {
      for (int k = 0; k < rows; k++) {
        int start = off[1] + k * step[1];
        int b = scan(src, start, stride, len, max, skip);
        values[off[0] + k * step[0]] = b < 0 ? Double.NaN : src[start + b * stride];
        index[off[0] + k * step[0]] = b < 0 ? -1 : b + axisOffset;
      }
    });
    return new Partials.Arg(NDArray.wrap(DType.FLOAT64, values, kept), NDArray.wrap(DType.INT64, index, kept));
  }

  /** The position of the best element: the first NaN unless skipping NaN, -1 when all are NaN and skipped. */
  private static int scan(double[] x, int start, int stride, int n, boolean max, boolean skipNaN) {
    int best = -1;
    double bv = 0;
    for (int k = 0; k < n; k++) {
      double v = x[start + k * stride];
      if (v != v) {
        if (skipNaN) {
          continue;
        }
        return k;
      }
      if (best < 0 || (max ? v > bv : v < bv)) {
        best = k;
        bv = v;
      }
    }
    return best;
  }

  private static long globalFlat(int local, int[] blockShape, long[] blockOffset, long[] fullShape) {
    long flat = 0;
    int rem = local;
    int[] idx = new int[blockShape.length];
    for (int d = blockShape.length - 1; d >= 0; d--) {
      idx[d] = rem % blockShape[d];
      rem /= blockShape[d];
    }
    for (int d = 0; d < blockShape.length; d++) {
      flat = flat * fullShape[d] + blockOffset[d] + idx[d];
    }
    return flat;
  }

  /** Keeps, per element, the better candidate: NaN wins for argmin/argmax, ties go to the earlier position. */
  private static Partials.Arg combineArgs(ReduceOp op, List<Object> parts) {
    boolean max = op == ReduceOp.ARGMAX || op == ReduceOp.NANARGMAX;
    boolean skip = op.skipsNaN();
    Partials.Arg first = (Partials.Arg) parts.get(0);
    double[] value = first.value().toDoubleArray();
    long[] index = first.index().toLongArray();
    for (int p = 1; p < parts.size(); p++) {
      Partials.Arg other = (Partials.Arg) parts.get(p);
      double[] v = other.value().toDoubleArray();
      long[] ix = other.index().toLongArray();
      for (int i = 0; i < value.length; i++) {
        if (ix[i] < 0) {
          continue;
        }
        boolean curNaN = value[i] != value[i];
        boolean otherNaN = v[i] != v[i];
        boolean take;
        if (index[i] < 0) {
          take = true;
        } else if (!skip && (curNaN || otherNaN)) {
          take = otherNaN && (!curNaN || ix[i] < index[i]);
        } else {
          take = (max ? v[i] > value[i] : v[i] < value[i]) || (v[i] == value[i] && ix[i] < index[i]);
        }
        if (take) {
          value[i] = v[i];
          index[i] = ix[i];
        }
      }
    }
    int[] shape = first.value().shape.clone();
    return new Partials.Arg(NDArray.wrap(DType.FLOAT64, value, shape), NDArray.wrap(DType.INT64, index, shape));
  }

  // ---- cumulative ----

  static NDArray cumulative(NDArray a, int axis, boolean product) {
    int ax = NDArray.normalizeAxis(axis, a.ndim());
    DType rt = a.dtype.sumResult();
    int stride = Strided.contiguousStrides(a.shape)[ax];
    int len = a.shape[ax];
    if (rt.isFloat()) {
      double[] v = a.toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        if ((i / stride) % len != 0) {
          v[i] = product ? v[i] * v[i - stride] : v[i] + v[i - stride];
        }
      }
      return Convert.fromDoubles(v, a.shape.clone(), rt);
    }
    long[] v = a.toLongArray();
    for (int i = 0; i < v.length; i++) {
      if ((i / stride) % len != 0) {
        v[i] = product ? v[i] * v[i - stride] : v[i] + v[i - stride];
      }
    }
    return Convert.fromLongs(v, a.shape.clone(), rt);
  }
}
