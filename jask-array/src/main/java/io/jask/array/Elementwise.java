package io.jask.array;

/**
 * Elementwise kernels. Operands are brought to one computing type first (double for float
 * results and comparisons involving floats, long otherwise), broadcast as strided views, and
 * walked row by row; each operation has its own tight inner loop, chosen once per row.
 */
final class Elementwise {
  private Elementwise() {}

  static NDArray binary(BinaryOp op, NDArray a, NDArray b) {
    return binary(op, a, b, op.resultType(a.dtype, b.dtype));
  }

  /** {@code op(a, value)} (or {@code op(value, a)}), with NumPy 1.x's rules for Python scalars. */
  static NDArray binaryScalar(BinaryOp op, NDArray a, double value, boolean scalarFirst) {
    DType weak = a.dtype.isFloat() ? a.dtype : DType.FLOAT64;
    DType rt = op.resultType(a.dtype, weak);
    NDArray s = NDArray.scalar(value);
    return scalarFirst ? binary(op, s, a, rt) : binary(op, a, s, rt);
  }

  /** {@code op(a, value)} for an integer scalar: the array's integer dtype is kept. */
  static NDArray binaryScalar(BinaryOp op, NDArray a, long value, boolean scalarFirst) {
    DType weak = a.dtype == DType.BOOL ? DType.INT64 : a.dtype;
    DType rt = op.resultType(a.dtype, weak);
    NDArray s = NDArray.wrap(DType.INT64, new long[] {value});
    return scalarFirst ? binary(op, s, a, rt) : binary(op, a, s, rt);
  }

  private static boolean computesInDoubles(BinaryOp op, DType a, DType b, DType rt) {
    if (op.isComparison() || op.isLogical()) {
      return a.isFloat() || b.isFloat();
    }
    return rt.isFloat();
  }

  static NDArray binary(BinaryOp op, NDArray a, NDArray b, DType rt) {
    int[] shape = NDArray.broadcastShapes(a.shape, b.shape);
    NDArray.checkShape(shape);
    int n = NDArray.product(shape);
    int[] outStrides = Strided.contiguousStrides(shape);
    boolean boolOut = rt == DType.BOOL && (op.isComparison() || op.isLogical());
    if (computesInDoubles(op, a.dtype, b.dtype, rt)) {
      NDArray x = a.astype(DType.FLOAT64).broadcastTo(shape);
      NDArray y = b.astype(DType.FLOAT64).broadcastTo(shape);
      double[] xd = (double[]) x.data;
      double[] yd = (double[]) y.data;
      if (boolOut) {
        boolean[] out = new boolean[n];
        Strided.forEachRow(shape, new int[][] {outStrides, x.strides, y.strides}, new int[] {0, x.offset, y.offset},
            (off, len, step) -> compareD(op, xd, off[1], step[1], yd, off[2], step[2], out, off[0], len));
        return NDArray.wrap(DType.BOOL, out, shape);
      }
      double[] out = new double[n];
      Strided.forEachRow(shape, new int[][] {outStrides, x.strides, y.strides}, new int[] {0, x.offset, y.offset},
          (off, len, step) -> arithD(op, xd, off[1], step[1], yd, off[2], step[2], out, off[0], len));
      return Convert.fromDoubles(out, shape, rt);
    }
    NDArray x = a.astype(DType.INT64).broadcastTo(shape);
    NDArray y = b.astype(DType.INT64).broadcastTo(shape);
    long[] xd = (long[]) x.data;
    long[] yd = (long[]) y.data;
    if (boolOut) {
      boolean[] out = new boolean[n];
      Strided.forEachRow(shape, new int[][] {outStrides, x.strides, y.strides}, new int[] {0, x.offset, y.offset},
          (off, len, step) -> compareL(op, xd, off[1], step[1], yd, off[2], step[2], out, off[0], len));
      return NDArray.wrap(DType.BOOL, out, shape);
    }
    long[] out = new long[n];
    Strided.forEachRow(shape, new int[][] {outStrides, x.strides, y.strides}, new int[] {0, x.offset, y.offset},
        (off, len, step) -> arithL(op, xd, off[1], step[1], yd, off[2], step[2], out, off[0], len));
    return Convert.fromLongs(out, shape, rt);
  }

  private static void arithD(BinaryOp op, double[] x, int i, int si, double[] y, int j, int sj, double[] o, int p, int n) {
    if (si == 1 && sj == 1) {
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k] + y[j + k]; } return; }
        case SUBTRACT -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k] - y[j + k]; } return; }
        case MULTIPLY -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k] * y[j + k]; } return; }
        case DIVIDE -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k] / y[j + k]; } return; }
        default -> { }
      }
    }
    switch (op) {
      case ADD -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] + y[j + k * sj]; } }
      case SUBTRACT -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] - y[j + k * sj]; } }
      case MULTIPLY -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] * y[j + k * sj]; } }
      case DIVIDE -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] / y[j + k * sj]; } }
      case FLOOR_DIVIDE -> { for (int k = 0; k < n; k++) { o[p + k] = Math.floor(x[i + k * si] / y[j + k * sj]); } }
      case MOD -> { for (int k = 0; k < n; k++) { o[p + k] = pyMod(x[i + k * si], y[j + k * sj]); } }
      case POWER -> { for (int k = 0; k < n; k++) { o[p + k] = Math.pow(x[i + k * si], y[j + k * sj]); } }
      case MAXIMUM -> { for (int k = 0; k < n; k++) { o[p + k] = Math.max(x[i + k * si], y[j + k * sj]); } }
      case MINIMUM -> { for (int k = 0; k < n; k++) { o[p + k] = Math.min(x[i + k * si], y[j + k * sj]); } }
      case FMAX -> { for (int k = 0; k < n; k++) { o[p + k] = fmax(x[i + k * si], y[j + k * sj]); } }
      case FMIN -> { for (int k = 0; k < n; k++) { o[p + k] = fmin(x[i + k * si], y[j + k * sj]); } }
      case ARCTAN2 -> { for (int k = 0; k < n; k++) { o[p + k] = Math.atan2(x[i + k * si], y[j + k * sj]); } }
      case HYPOT -> { for (int k = 0; k < n; k++) { o[p + k] = Math.hypot(x[i + k * si], y[j + k * sj]); } }
      default -> throw new IllegalArgumentException(op.numpyName() + " is not supported for floating-point dtypes");
    }
  }

  private static double pyMod(double a, double b) {
    double r = a % b;
    return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
  }

  private static double fmax(double a, double b) {
    return a != a ? b : b != b ? a : Math.max(a, b);
  }

  private static double fmin(double a, double b) {
    return a != a ? b : b != b ? a : Math.min(a, b);
  }

  private static void compareD(BinaryOp op, double[] x, int i, int si, double[] y, int j, int sj, boolean[] o, int p, int n) {
    switch (op) {
      case EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] == y[j + k * sj]; } }
      case NOT_EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] != y[j + k * sj]; } }
      case LESS -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] < y[j + k * sj]; } }
      case LESS_EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] <= y[j + k * sj]; } }
      case GREATER -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] > y[j + k * sj]; } }
      case GREATER_EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] >= y[j + k * sj]; } }
      case LOGICAL_AND -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] != 0 && y[j + k * sj] != 0; } }
      case LOGICAL_OR -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] != 0 || y[j + k * sj] != 0; } }
      case LOGICAL_XOR -> { for (int k = 0; k < n; k++) { o[p + k] = (x[i + k * si] != 0) != (y[j + k * sj] != 0); } }
      default -> throw new AssertionError(op);
    }
  }

  private static void arithL(BinaryOp op, long[] x, int i, int si, long[] y, int j, int sj, long[] o, int p, int n) {
    switch (op) {
      case ADD -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] + y[j + k * sj]; } }
      case SUBTRACT -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] - y[j + k * sj]; } }
      case MULTIPLY -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] * y[j + k * sj]; } }
      case FLOOR_DIVIDE -> {
        for (int k = 0; k < n; k++) {
          long d = y[j + k * sj];
          o[p + k] = d == 0 ? 0 : Math.floorDiv(x[i + k * si], d); // NumPy gives 0 (with a warning)
        }
      }
      case MOD -> {
        for (int k = 0; k < n; k++) {
          long d = y[j + k * sj];
          o[p + k] = d == 0 ? 0 : Math.floorMod(x[i + k * si], d);
        }
      }
      case POWER -> { for (int k = 0; k < n; k++) { o[p + k] = ipow(x[i + k * si], y[j + k * sj]); } }
      case MAXIMUM, FMAX -> { for (int k = 0; k < n; k++) { o[p + k] = Math.max(x[i + k * si], y[j + k * sj]); } }
      case MINIMUM, FMIN -> { for (int k = 0; k < n; k++) { o[p + k] = Math.min(x[i + k * si], y[j + k * sj]); } }
      case BITWISE_AND -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] & y[j + k * sj]; } }
      case BITWISE_OR -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] | y[j + k * sj]; } }
      case BITWISE_XOR -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] ^ y[j + k * sj]; } }
      default -> throw new AssertionError(op);
    }
  }

  private static long ipow(long base, long exp) {
    if (exp < 0) {
      throw new IllegalArgumentException("integers to negative integer powers are not allowed: " + base + " ** " + exp);
    }
    long r = 1;
    long b = base;
    long e = exp;
    while (e > 0) {
      if ((e & 1) != 0) {
        r *= b;
      }
      b *= b;
      e >>= 1;
    }
    return r;
  }

  private static void compareL(BinaryOp op, long[] x, int i, int si, long[] y, int j, int sj, boolean[] o, int p, int n) {
    switch (op) {
      case EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] == y[j + k * sj]; } }
      case NOT_EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] != y[j + k * sj]; } }
      case LESS -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] < y[j + k * sj]; } }
      case LESS_EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] <= y[j + k * sj]; } }
      case GREATER -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] > y[j + k * sj]; } }
      case GREATER_EQUAL -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] >= y[j + k * sj]; } }
      case LOGICAL_AND -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] != 0 && y[j + k * sj] != 0; } }
      case LOGICAL_OR -> { for (int k = 0; k < n; k++) { o[p + k] = x[i + k * si] != 0 || y[j + k * sj] != 0; } }
      case LOGICAL_XOR -> { for (int k = 0; k < n; k++) { o[p + k] = (x[i + k * si] != 0) != (y[j + k * sj] != 0); } }
      default -> throw new AssertionError(op);
    }
  }

  static NDArray unary(UnaryOp op, NDArray a) {
    DType rt = op.resultType(a.dtype);
    int[] shape = a.shape.clone();
    int n = a.size;
    int[] outStrides = Strided.contiguousStrides(shape);
    if (op.isPredicate()) {
      boolean[] out = new boolean[n];
      if (a.dtype.isFloat()) {
        NDArray x = a.astype(DType.FLOAT64);
        double[] xd = (double[]) x.data;
        Strided.forEachRow(shape, new int[][] {outStrides, x.strides}, new int[] {0, x.offset}, (off, len, step) -> {
          int p = off[0];
          int i = off[1];
          int s = step[1];
          switch (op) {
            case ISNAN -> { for (int k = 0; k < len; k++) { double v = xd[i + k * s]; out[p + k] = v != v; } }
            case ISINF -> { for (int k = 0; k < len; k++) { out[p + k] = Double.isInfinite(xd[i + k * s]); } }
            case ISFINITE -> { for (int k = 0; k < len; k++) { out[p + k] = Double.isFinite(xd[i + k * s]); } }
            default -> { for (int k = 0; k < len; k++) { out[p + k] = xd[i + k * s] == 0; } }
          }
        });
      } else {
        boolean value = op == UnaryOp.ISFINITE;
        if (op == UnaryOp.LOGICAL_NOT) {
          long[] v = a.toLongArray();
          for (int k = 0; k < n; k++) {
            out[k] = v[k] == 0;
          }
        } else if (value) {
          java.util.Arrays.fill(out, true);
        }
      }
      return NDArray.wrap(DType.BOOL, out, shape);
    }
    if (op.keepsIntegers() && !rt.isFloat()) {
      long[] v = a.toLongArray();
      switch (op) {
        case NEGATIVE -> { for (int k = 0; k < n; k++) { v[k] = -v[k]; } }
        case ABS -> { for (int k = 0; k < n; k++) { v[k] = Math.abs(v[k]); } }
        case SQUARE -> { for (int k = 0; k < n; k++) { v[k] = v[k] * v[k]; } }
        case SIGN -> { for (int k = 0; k < n; k++) { v[k] = Long.signum(v[k]); } }
        case INVERT -> {
          if (rt == DType.BOOL) {
            for (int k = 0; k < n; k++) {
              v[k] = v[k] == 0 ? 1 : 0;
            }
          } else if (rt == DType.UINT8) {
            for (int k = 0; k < n; k++) {
              v[k] = ~v[k] & 0xFF;
            }
          } else {
            for (int k = 0; k < n; k++) {
              v[k] = ~v[k];
            }
          }
        }
        default -> throw new AssertionError(op);
      }
      return Convert.fromLongs(v, shape, rt);
    }
    NDArray x = a.astype(DType.FLOAT64);
    double[] xd = (double[]) x.data;
    double[] out = new double[n];
    Strided.forEachRow(shape, new int[][] {outStrides, x.strides}, new int[] {0, x.offset},
        (off, len, step) -> unaryD(op, xd, off[1], step[1], out, off[0], len));
    return Convert.fromDoubles(out, shape, rt);
  }

  private static void unaryD(UnaryOp op, double[] x, int i, int s, double[] o, int p, int n) {
    switch (op) {
      case NEGATIVE -> { for (int k = 0; k < n; k++) { o[p + k] = -x[i + k * s]; } }
      case ABS -> { for (int k = 0; k < n; k++) { o[p + k] = Math.abs(x[i + k * s]); } }
      case SQUARE -> { for (int k = 0; k < n; k++) { double v = x[i + k * s]; o[p + k] = v * v; } }
      case SIGN -> { for (int k = 0; k < n; k++) { double v = x[i + k * s]; o[p + k] = v != v ? v : Math.signum(v); } }
      case SQRT -> { for (int k = 0; k < n; k++) { o[p + k] = Math.sqrt(x[i + k * s]); } }
      case EXP -> { for (int k = 0; k < n; k++) { o[p + k] = Math.exp(x[i + k * s]); } }
      case EXPM1 -> { for (int k = 0; k < n; k++) { o[p + k] = Math.expm1(x[i + k * s]); } }
      case LOG -> { for (int k = 0; k < n; k++) { o[p + k] = Math.log(x[i + k * s]); } }
      case LOG2 -> { for (int k = 0; k < n; k++) { o[p + k] = Math.log(x[i + k * s]) / Math.log(2); } }
      case LOG10 -> { for (int k = 0; k < n; k++) { o[p + k] = Math.log10(x[i + k * s]); } }
      case LOG1P -> { for (int k = 0; k < n; k++) { o[p + k] = Math.log1p(x[i + k * s]); } }
      case SIN -> { for (int k = 0; k < n; k++) { o[p + k] = Math.sin(x[i + k * s]); } }
      case COS -> { for (int k = 0; k < n; k++) { o[p + k] = Math.cos(x[i + k * s]); } }
      case TAN -> { for (int k = 0; k < n; k++) { o[p + k] = Math.tan(x[i + k * s]); } }
      case ARCSIN -> { for (int k = 0; k < n; k++) { o[p + k] = Math.asin(x[i + k * s]); } }
      case ARCCOS -> { for (int k = 0; k < n; k++) { o[p + k] = Math.acos(x[i + k * s]); } }
      case ARCTAN -> { for (int k = 0; k < n; k++) { o[p + k] = Math.atan(x[i + k * s]); } }
      case SINH -> { for (int k = 0; k < n; k++) { o[p + k] = Math.sinh(x[i + k * s]); } }
      case COSH -> { for (int k = 0; k < n; k++) { o[p + k] = Math.cosh(x[i + k * s]); } }
      case TANH -> { for (int k = 0; k < n; k++) { o[p + k] = Math.tanh(x[i + k * s]); } }
      case FLOOR -> { for (int k = 0; k < n; k++) { o[p + k] = Math.floor(x[i + k * s]); } }
      case CEIL -> { for (int k = 0; k < n; k++) { o[p + k] = Math.ceil(x[i + k * s]); } }
      case RINT -> { for (int k = 0; k < n; k++) { o[p + k] = Math.rint(x[i + k * s]); } }
      case TRUNC -> { for (int k = 0; k < n; k++) { double v = x[i + k * s]; o[p + k] = v < 0 ? Math.ceil(v) : Math.floor(v); } }
      default -> throw new AssertionError(op);
    }
  }

  static NDArray where(NDArray condition, NDArray x, NDArray y) {
    DType rt = DType.promote(x.dtype, y.dtype);
    int[] shape = NDArray.broadcastShapes(NDArray.broadcastShapes(condition.shape, x.shape), y.shape);
    NDArray.checkShape(shape);
    int n = NDArray.product(shape);
    int[] outStrides = Strided.contiguousStrides(shape);
    NDArray c = condition.astype(DType.BOOL).broadcastTo(shape);
    boolean[] cd = (boolean[]) c.data;
    if (rt.isFloat()) {
      NDArray a = x.astype(DType.FLOAT64).broadcastTo(shape);
      NDArray b = y.astype(DType.FLOAT64).broadcastTo(shape);
      double[] ad = (double[]) a.data;
      double[] bd = (double[]) b.data;
      double[] out = new double[n];
      Strided.forEachRow(shape, new int[][] {outStrides, c.strides, a.strides, b.strides},
          new int[] {0, c.offset, a.offset, b.offset}, (off, len, step) -> {
            for (int k = 0; k < len; k++) {
              out[off[0] + k] = cd[off[1] + k * step[1]] ? ad[off[2] + k * step[2]] : bd[off[3] + k * step[3]];
            }
          });
      return Convert.fromDoubles(out, shape, rt);
    }
    NDArray a = x.astype(DType.INT64).broadcastTo(shape);
    NDArray b = y.astype(DType.INT64).broadcastTo(shape);
    long[] ad = (long[]) a.data;
    long[] bd = (long[]) b.data;
    long[] out = new long[n];
    Strided.forEachRow(shape, new int[][] {outStrides, c.strides, a.strides, b.strides},
        new int[] {0, c.offset, a.offset, b.offset}, (off, len, step) -> {
          for (int k = 0; k < len; k++) {
            out[off[0] + k] = cd[off[1] + k * step[1]] ? ad[off[2] + k * step[2]] : bd[off[3] + k * step[3]];
          }
        });
    return Convert.fromLongs(out, shape, rt);
  }
}
