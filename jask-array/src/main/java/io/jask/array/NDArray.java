package io.jask.array;

import io.jask.core.graph.Tokenizable;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A compact in-memory n-dimensional array: one Java primitive array, a {@link DType}, a shape, and
 * strides, as NumPy's {@code ndarray}. Row-major by default.
 *
 * <p>Transposes, slices and broadcasts are views: they share the data and only change the shape,
 * the strides and the offset. Operations never change an array in place; they return new arrays.
 * Elementwise operations broadcast as NumPy does and promote mixed dtypes by NumPy's rules.
 *
 * <pre>{@code
 * NDArray a = NDArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * NDArray b = a.add(a.transpose().slice(Slice.of(0, 1)).reshape(1, 2).transpose()); // (2,3) + (2,1)
 * double total = a.sum().getDouble();
 * NDArray perColumn = a.mean(0);       // shape (3)
 * }</pre>
 *
 * <p>An {@code NDArray} is immutable once made, so it is safe to share between threads. Its data
 * must hold fewer than 2<sup>31</sup> elements; larger arrays are chunked {@link Array}s.
 */
public final class NDArray implements Serializable, Tokenizable, io.jask.core.util.SizeOf.Sized {
  private static final long serialVersionUID = 1L;

  final DType dtype;
  final int[] shape;
  final int[] strides;
  final int offset;
  /** The primitive array of {@link #dtype}; may be larger than this view. */
  final Object data;
  final int size;

  NDArray(DType dtype, int[] shape, int[] strides, int offset, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.data = data;
    this.size = product(shape);
  }

  /** A contiguous array over {@code data} (not copied). */
  static NDArray wrap(DType dtype, Object data, int... shape) {
    return new NDArray(dtype, shape, Strided.contiguousStrides(shape), 0, data);
  }

  // ---- creation ----

  /**
   * A float64 array of {@code shape} over {@code data}, which is not copied (do not change it
   * afterwards). Without a shape, a 1-d array.
   *
   * @throws IllegalArgumentException if the shape does not hold exactly {@code data.length} elements
   */
  public static NDArray of(double[] data, int... shape) {
    return checked(DType.FLOAT64, data, data.length, shape);
  }

  /** A float32 array; see {@link #of(double[], int...)}. */
  public static NDArray of(float[] data, int... shape) {
    return checked(DType.FLOAT32, data, data.length, shape);
  }

  /** An int64 array; see {@link #of(double[], int...)}. */
  public static NDArray of(long[] data, int... shape) {
    return checked(DType.INT64, data, data.length, shape);
  }

  /** An int32 array; see {@link #of(double[], int...)}. */
  public static NDArray of(int[] data, int... shape) {
    return checked(DType.INT32, data, data.length, shape);
  }

  /** An int16 array; see {@link #of(double[], int...)}. */
  public static NDArray of(short[] data, int... shape) {
    return checked(DType.INT16, data, data.length, shape);
  }

  /** A bool array; see {@link #of(double[], int...)}. */
  public static NDArray of(boolean[] data, int... shape) {
    return checked(DType.BOOL, data, data.length, shape);
  }

  /**
   * An int8 or uint8 array over {@code data}; see {@link #of(double[], int...)}.
   *
   * @throws IllegalArgumentException if {@code dtype} is neither int8 nor uint8
   */
  public static NDArray of(byte[] data, DType dtype, int... shape) {
    if (dtype != DType.INT8 && dtype != DType.UINT8) {
      throw new IllegalArgumentException("a byte[] holds int8 or uint8, not " + dtype);
    }
    return checked(dtype, data, data.length, shape);
  }

  private static NDArray checked(DType dtype, Object data, int length, int[] shape) {
    int[] s = shape.length == 0 ? new int[] {length} : shape.clone();
    checkShape(s);
    if (product(s) != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + product(s)
          + " elements, but the data has " + length);
    }
    return wrap(dtype, data, s);
  }

  /** An array of {@code shape} filled with zeros (false for bool). */
  public static NDArray zeros(DType dtype, int... shape) {
    checkShape(shape);
    return wrap(dtype, dtype.allocate(product(shape)), shape.clone());
  }

  /** An array of {@code shape} filled with {@code value}, converted to {@code dtype}. */
  public static NDArray full(DType dtype, double value, int... shape) {
    checkShape(shape);
    int n = product(shape);
    Object data = dtype.allocate(n);
    Convert.fill(dtype, data, 0, n, value);
    return wrap(dtype, data, shape.clone());
  }

  /** A 0-d float64 array holding {@code value}. */
  public static NDArray scalar(double value) {
    return wrap(DType.FLOAT64, new double[] {value});
  }

  /** A 0-d array of {@code dtype} holding {@code value}, converted. */
  public static NDArray scalar(DType dtype, double value) {
    return full(dtype, value);
  }

  /** {@code 0, 1, …, n-1} as int64. */
  public static NDArray arange(int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return wrap(DType.INT64, v, n);
  }

  static void checkShape(int[] shape) {
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= s;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape)
            + " has too many elements for one NDArray (at most 2^31-9): chunk it as an Array");
      }
    }
  }

  static int product(int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  // ---- metadata ----

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** The length of each dimension (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The length of dimension {@code axis}; negative counts from the end. */
  public int shape(int axis) {
    return shape[normalizeAxis(axis, shape.length)];
  }

  /** The number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** The number of bytes the elements take (not counting a larger array this is a view of). */
  public long nbytes() {
    return (long) size * dtype.itemSize();
  }

  /**
   * The heap this block keeps alive: its backing array (the whole of it, for a view), its shape
   * and strides, and itself. A worker counts its results so against its memory limit.
   */
  @Override
  public long sizeInBytes() {
    long backing = 16 + (long) java.lang.reflect.Array.getLength(data) * dtype.itemSize();
    return aligned(48) + aligned(backing) + 2 * aligned(16 + 4L * shape.length);
  }

  private static long aligned(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** Whether the elements lie contiguously in row-major order from the data's start. */
  public boolean isContiguous() {
    return offset == 0 && java.lang.reflect.Array.getLength(data) == size && hasContiguousStrides();
  }

  private boolean hasContiguousStrides() {
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != acc) {
        return false;
      }
      acc *= shape[d];
    }
    return true;
  }

  // ---- elements ----

  private int position(int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("an index of " + index.length + " positions for an array of "
          + shape.length + " dimensions, shape " + Arrays.toString(shape));
    }
    int p = offset;
    for (int d = 0; d < index.length; d++) {
      int i = index[d] < 0 ? index[d] + shape[d] : index[d];
      if (i < 0 || i >= shape[d]) {
        throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for axis " + d
            + " of length " + shape[d]);
      }
      p += i * strides[d];
    }
    return p;
  }

  /** The element at {@code index} as a double (the only element of a 0-d or 1-element array without one). */
  public double getDouble(int... index) {
    return Convert.readDouble(dtype, data, index.length == 0 && size == 1 ? firstPosition() : position(index));
  }

  /** The element at {@code index} as a long (floats truncate toward zero). */
  public long getLong(int... index) {
    return Convert.readLong(dtype, data, index.length == 0 && size == 1 ? firstPosition() : position(index));
  }

  /** The element at {@code index} as a boolean (non-zero, and NaN, are true). */
  public boolean getBoolean(int... index) {
    int p = index.length == 0 && size == 1 ? firstPosition() : position(index);
    return dtype == DType.BOOL ? ((boolean[]) data)[p] : Convert.readDouble(dtype, data, p) != 0;
  }

  private int firstPosition() {
    return offset;
  }

  /** The elements in row-major order, as doubles (a copy). */
  public double[] toDoubleArray() {
    return Convert.readDoubles(this);
  }

  /** The elements in row-major order, as longs (a copy; floats truncate toward zero). */
  public long[] toLongArray() {
    return Convert.readLongs(this);
  }

  /** The elements in row-major order, as booleans (a copy; non-zero is true). */
  public boolean[] toBooleanArray() {
    return (boolean[]) astype(DType.BOOL).contiguous().data;
  }

  /**
   * The primitive array of a contiguous copy (or of this array, if it is contiguous already):
   * {@code double[]} for float64, {@code byte[]} for int8 and uint8, and so on. Do not change it.
   */
  public Object data() {
    return contiguous().data;
  }

  // ---- layout ----

  /** This array if it is contiguous, else a contiguous copy. */
  public NDArray contiguous() {
    return isContiguous() ? this : copy();
  }

  /** A contiguous copy. */
  public NDArray copy() {
    Object out = dtype.allocate(size);
    Convert.copyInto(this, out);
    return wrap(dtype, out, shape.clone());
  }

  /** A contiguous copy when this view is much smaller than the data it keeps alive, else this. */
  NDArray compact() {
    return java.lang.reflect.Array.getLength(data) > 2L * size + 16 ? copy() : this;
  }

  /**
   * The array with its axes reversed (no copy).
   */
  public NDArray transpose() {
    int[] perm = new int[shape.length];
    for (int d = 0; d < perm.length; d++) {
      perm[d] = perm.length - 1 - d;
    }
    return transpose(perm);
  }

  /**
   * The array with its axes permuted: axis {@code d} of the result is axis {@code axes[d]} here.
   *
   * @throws IllegalArgumentException if {@code axes} is not a permutation of this array's axes
   */
  public NDArray transpose(int... axes) {
    int[] perm = checkPermutation(axes, shape.length);
    int[] s = new int[perm.length];
    int[] st = new int[perm.length];
    for (int d = 0; d < perm.length; d++) {
      s[d] = shape[perm[d]];
      st[d] = strides[perm[d]];
    }
    return new NDArray(dtype, s, st, offset, data);
  }

  static int[] checkPermutation(int[] axes, int ndim) {
    if (axes.length != ndim) {
      throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " do not match an array of "
          + ndim + " dimensions");
    }
    int[] perm = new int[ndim];
    boolean[] seen = new boolean[ndim];
    for (int d = 0; d < ndim; d++) {
      perm[d] = normalizeAxis(axes[d], ndim);
      if (seen[perm[d]]) {
        throw new IllegalArgumentException("repeated axis " + axes[d] + " in " + Arrays.toString(axes));
      }
      seen[perm[d]] = true;
    }
    return perm;
  }

  /**
   * The same elements in a new shape; one dimension may be -1 (inferred). A view when this array
   * is contiguous, else a copy.
   *
   * @throws IllegalArgumentException if the shape holds a different number of elements
   */
  public NDArray reshape(int... newShape) {
    long[] inferred = Reshape.inferShape(Arrays.stream(newShape).asLongStream().toArray(), size,
        Arrays.stream(shape).asLongStream().toArray());
    int[] s = Arrays.stream(inferred).mapToInt(Math::toIntExact).toArray();
    NDArray c = contiguous();
    return new NDArray(dtype, s, Strided.contiguousStrides(s), 0, c.data);
  }

  /**
   * A view of this array broadcast to {@code target} (NumPy's {@code broadcast_to}).
   *
   * @throws IllegalArgumentException naming both shapes if they cannot broadcast
   */
  public NDArray broadcastTo(int... target) {
    if (target.length < shape.length) {
      throw new IllegalArgumentException("cannot broadcast shape " + Arrays.toString(shape) + " to "
          + Arrays.toString(target));
    }
    int lead = target.length - shape.length;
    int[] st = new int[target.length];
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == target[lead + d]) {
        st[lead + d] = strides[d];
      } else if (shape[d] == 1) {
        st[lead + d] = 0;
      } else {
        throw new IllegalArgumentException("cannot broadcast shape " + Arrays.toString(shape) + " to "
            + Arrays.toString(target));
      }
    }
    return new NDArray(dtype, target.clone(), st, offset, data);
  }

  /**
   * The shape NumPy's broadcasting gives {@code a} and {@code b} together.
   *
   * @throws IllegalArgumentException naming both shapes if they do not broadcast
   */
  public static int[] broadcastShapes(int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int d = 0; d < n; d++) {
      int x = d - (n - a.length) >= 0 ? a[d - (n - a.length)] : 1;
      int y = d - (n - b.length) >= 0 ? b[d - (n - b.length)] : 1;
      if (x != y && x != 1 && y != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
            + " do not broadcast: axis " + d + " has " + x + " and " + y);
      }
      out[d] = x == 1 ? y : x;
    }
    return out;
  }

  /**
   * The elements selected by one {@link Slice} per leading axis (missing trailing axes are taken
   * whole): a view, as NumPy's basic indexing. {@link Slice#index} drops its axis.
   *
   * @throws IllegalArgumentException if there are more slices than axes
   * @throws IndexOutOfBoundsException naming the position, the axis and its length
   */
  public NDArray slice(Slice... slices) {
    if (slices.length > shape.length) {
      throw new IllegalArgumentException(slices.length + " slices for an array of " + shape.length
          + " dimensions, shape " + Arrays.toString(shape));
    }
    int[] s = new int[shape.length];
    int[] st = new int[shape.length];
    int off = offset;
    int m = 0;
    for (int d = 0; d < shape.length; d++) {
      Slice sl = d < slices.length ? slices[d] : Slice.all();
      if (sl instanceof Slice.Index ix) {
        off += (int) ix.resolve(shape[d], d) * strides[d];
      } else {
        Slice.Resolved r = ((Slice.Range) sl).resolve(shape[d], d);
        if (r.count() > 0) {
          off += (int) r.first() * strides[d];
        }
        s[m] = (int) r.count();
        st[m] = (int) (strides[d] * r.step());
        m++;
      }
    }
    return new NDArray(dtype, Arrays.copyOf(s, m), Arrays.copyOf(st, m), off, data);
  }

  /**
   * This array's elements converted to {@code target}, as NumPy's {@code astype}: floats to
   * integers truncate toward zero, integers wrap around, non-zero (and NaN) becomes true.
   */
  public NDArray astype(DType target) {
    if (target == dtype) {
      return this;
    }
    return Convert.astype(this, target);
  }

  /**
   * The arrays joined along an existing {@code axis}.
   *
   * @throws IllegalArgumentException if there are none, or their shapes differ off {@code axis}
   */
  public static NDArray concatenate(List<NDArray> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new IllegalArgumentException("concatenate needs at least one array");
    }
    NDArray first = arrays.get(0);
    int ax = normalizeAxis(axis, first.ndim());
    DType dt = first.dtype;
    int total = 0;
    for (NDArray a : arrays) {
      if (a.ndim() != first.ndim()) {
        throw new IllegalArgumentException("cannot concatenate arrays of shapes " + Arrays.toString(first.shape)
            + " and " + Arrays.toString(a.shape) + ": different numbers of dimensions");
      }
      for (int d = 0; d < a.ndim(); d++) {
        if (d != ax && a.shape[d] != first.shape[d]) {
          throw new IllegalArgumentException("cannot concatenate arrays of shapes " + Arrays.toString(first.shape)
              + " and " + Arrays.toString(a.shape) + " along axis " + axis + ": axis " + d + " differs");
        }
      }
      dt = DType.promote(dt, a.dtype);
      total += a.shape[ax];
    }
    int[] s = first.shape.clone();
    s[ax] = total;
    checkShape(s);
    NDArray out = zeros(dt, s);
    int pos = 0;
    for (NDArray a : arrays) {
      Slice[] sl = new Slice[s.length];
      Arrays.fill(sl, Slice.all());
      sl[ax] = Slice.of(pos, pos + a.shape[ax]);
      Convert.assign(out.slice(sl), a.astype(dt));
      pos += a.shape[ax];
    }
    return out;
  }

  /**
   * The arrays, which must share one shape, stacked along a new {@code axis}.
   *
   * @throws IllegalArgumentException if there are none or their shapes differ
   */
  public static NDArray stack(List<NDArray> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new IllegalArgumentException("stack needs at least one array");
    }
    int[] s0 = arrays.get(0).shape;
    int ax = normalizeAxis(axis, s0.length + 1);
    NDArray[] expanded = new NDArray[arrays.size()];
    for (int i = 0; i < expanded.length; i++) {
      NDArray a = arrays.get(i);
      if (!Arrays.equals(a.shape, s0)) {
        throw new IllegalArgumentException("cannot stack arrays of shapes " + Arrays.toString(s0) + " and "
            + Arrays.toString(a.shape) + ": all must have the same shape");
      }
      expanded[i] = a.expandDims(ax);
    }
    return concatenate(Arrays.asList(expanded), ax);
  }

  /** A view with a new axis of length 1 at {@code axis}. */
  public NDArray expandDims(int axis) {
    int ax = normalizeAxis(axis, shape.length + 1);
    int[] s = new int[shape.length + 1];
    int[] st = new int[shape.length + 1];
    for (int d = 0, k = 0; d < s.length; d++) {
      if (d == ax) {
        s[d] = 1;
        st[d] = 0;
      } else {
        s[d] = shape[k];
        st[d] = strides[k];
        k++;
      }
    }
    return new NDArray(dtype, s, st, offset, data);
  }

  /**
   * {@code axis} as a position in {@code 0..ndim-1}; negative counts from the end.
   *
   * @throws IllegalArgumentException naming the axis and the number of dimensions
   */
  static int normalizeAxis(int axis, int ndim) {
    int a = axis < 0 ? axis + ndim : axis;
    if (a < 0 || a >= ndim) {
      throw new IllegalArgumentException("axis " + axis + " is out of bounds for an array of " + ndim
          + " dimensions");
    }
    return a;
  }

  // ---- elementwise ----

  /** {@code this + other}, broadcasting. */
  public NDArray add(NDArray other) {
    return Elementwise.binary(BinaryOp.ADD, this, other);
  }

  /** {@code this + value}. */
  public NDArray add(double value) {
    return Elementwise.binaryScalar(BinaryOp.ADD, this, value, false);
  }

  /** {@code this + value}; an integer array stays integer. */
  public NDArray add(long value) {
    return Elementwise.binaryScalar(BinaryOp.ADD, this, value, false);
  }

  /** {@code this - other}, broadcasting. */
  public NDArray subtract(NDArray other) {
    return Elementwise.binary(BinaryOp.SUBTRACT, this, other);
  }

  /** {@code this - value}. */
  public NDArray subtract(double value) {
    return Elementwise.binaryScalar(BinaryOp.SUBTRACT, this, value, false);
  }

  /** {@code this - value}; an integer array stays integer. */
  public NDArray subtract(long value) {
    return Elementwise.binaryScalar(BinaryOp.SUBTRACT, this, value, false);
  }

  /** {@code this * other}, broadcasting. */
  public NDArray multiply(NDArray other) {
    return Elementwise.binary(BinaryOp.MULTIPLY, this, other);
  }

  /** {@code this * value}. */
  public NDArray multiply(double value) {
    return Elementwise.binaryScalar(BinaryOp.MULTIPLY, this, value, false);
  }

  /** {@code this * value}; an integer array stays integer. */
  public NDArray multiply(long value) {
    return Elementwise.binaryScalar(BinaryOp.MULTIPLY, this, value, false);
  }

  /** {@code this / other} (true division: integers give float64), broadcasting. */
  public NDArray divide(NDArray other) {
    return Elementwise.binary(BinaryOp.DIVIDE, this, other);
  }

  /** {@code this / value}. */
  public NDArray divide(double value) {
    return Elementwise.binaryScalar(BinaryOp.DIVIDE, this, value, false);
  }

  /** {@code this ** other}, broadcasting. */
  public NDArray power(NDArray other) {
    return Elementwise.binary(BinaryOp.POWER, this, other);
  }

  /** {@code this ** value}. */
  public NDArray power(double value) {
    return Elementwise.binaryScalar(BinaryOp.POWER, this, value, false);
  }

  /** Any binary operation with an array, broadcasting. */
  public NDArray apply(BinaryOp op, NDArray other) {
    return Elementwise.binary(op, this, other);
  }

  /** Any binary operation with a scalar: {@code op(this, value)}, or {@code op(value, this)} if {@code scalarFirst}. */
  public NDArray apply(BinaryOp op, double value, boolean scalarFirst) {
    return Elementwise.binaryScalar(op, this, value, scalarFirst);
  }

  /** Any binary operation with an integer scalar, by NumPy's rules for Python ints. */
  public NDArray apply(BinaryOp op, long value, boolean scalarFirst) {
    return Elementwise.binaryScalar(op, this, value, scalarFirst);
  }

  /** NumPy's {@code tensordot}: the sum of products over {@code axes} of this and {@code otherAxes} of {@code other}. */
  public NDArray tensordot(NDArray other, int[] axes, int[] otherAxes) {
    return LinearAlgebra.tensordot(this, other, axes, otherAxes);
  }

  /** Any unary function, elementwise. */
  public NDArray apply(UnaryOp op) {
    return Elementwise.unary(op, this);
  }

  /** {@code -this}. */
  public NDArray negate() {
    return apply(UnaryOp.NEGATIVE);
  }

  /** {@code |this|}. */
  public NDArray abs() {
    return apply(UnaryOp.ABS);
  }

  /** The square root. */
  public NDArray sqrt() {
    return apply(UnaryOp.SQRT);
  }

  /** {@code e^this}. */
  public NDArray exp() {
    return apply(UnaryOp.EXP);
  }

  /** The natural logarithm. */
  public NDArray log() {
    return apply(UnaryOp.LOG);
  }

  /** Where elements are NaN. */
  public NDArray isnan() {
    return apply(UnaryOp.ISNAN);
  }

  /** {@code this == other} as bool, broadcasting. */
  public NDArray eq(NDArray other) {
    return apply(BinaryOp.EQUAL, other);
  }

  /** {@code this < other} as bool, broadcasting. */
  public NDArray lt(NDArray other) {
    return apply(BinaryOp.LESS, other);
  }

  /** {@code this > other} as bool, broadcasting. */
  public NDArray gt(NDArray other) {
    return apply(BinaryOp.GREATER, other);
  }

  /** {@code this > value} as bool. */
  public NDArray gt(double value) {
    return apply(BinaryOp.GREATER, value, false);
  }

  /** {@code this < value} as bool. */
  public NDArray lt(double value) {
    return apply(BinaryOp.LESS, value, false);
  }

  /**
   * {@code x} where {@code condition} holds, else {@code y}, all three broadcast together (NumPy's
   * {@code where}).
   */
  public static NDArray where(NDArray condition, NDArray x, NDArray y) {
    return Elementwise.where(condition, x, y);
  }

  // ---- reductions ----

  /**
   * The reduction {@code op} over {@code axes} (all axes when none are given).
   *
   * @param keepDims keep reduced axes with length 1
   * @throws IllegalArgumentException on a bad or repeated axis, or several axes for an arg-reduction
   */
  public NDArray reduce(ReduceOp op, boolean keepDims, int... axes) {
    return Reductions.reduce(op, this, axes, keepDims, 0);
  }

  /** The sum over {@code axes} (all when none given). */
  public NDArray sum(int... axes) {
    return reduce(ReduceOp.SUM, false, axes);
  }

  /** The mean over {@code axes} (all when none given). */
  public NDArray mean(int... axes) {
    return reduce(ReduceOp.MEAN, false, axes);
  }

  /** The minimum over {@code axes} (all when none given); NaN if any element is NaN. */
  public NDArray min(int... axes) {
    return reduce(ReduceOp.MIN, false, axes);
  }

  /** The maximum over {@code axes} (all when none given); NaN if any element is NaN. */
  public NDArray max(int... axes) {
    return reduce(ReduceOp.MAX, false, axes);
  }

  /** The population variance (ddof 0) over {@code axes}. */
  public NDArray var(int... axes) {
    return reduce(ReduceOp.VAR, false, axes);
  }

  /** The population standard deviation (ddof 0) over {@code axes}. */
  public NDArray std(int... axes) {
    return reduce(ReduceOp.STD, false, axes);
  }

  /** The variance with {@code ddof} delta degrees of freedom (1 for the sample variance). */
  public NDArray var(int ddof, boolean keepDims, int... axes) {
    return Reductions.reduce(ReduceOp.VAR, this, axes, keepDims, ddof);
  }

  /** The standard deviation with {@code ddof} delta degrees of freedom. */
  public NDArray std(int ddof, boolean keepDims, int... axes) {
    return Reductions.reduce(ReduceOp.STD, this, axes, keepDims, ddof);
  }

  /** The sum skipping NaN. */
  public NDArray nansum(int... axes) {
    return reduce(ReduceOp.NANSUM, false, axes);
  }

  /** The mean skipping NaN. */
  public NDArray nanmean(int... axes) {
    return reduce(ReduceOp.NANMEAN, false, axes);
  }

  /** The position of the minimum along {@code axis}, or in the flattened array with no axis. */
  public NDArray argmin(int... axis) {
    return reduce(ReduceOp.ARGMIN, false, axis);
  }

  /** The position of the maximum along {@code axis}, or in the flattened array with no axis. */
  public NDArray argmax(int... axis) {
    return reduce(ReduceOp.ARGMAX, false, axis);
  }

  /** The number of elements that are not NaN over {@code axes}. */
  public NDArray count(int... axes) {
    return reduce(ReduceOp.COUNT, false, axes);
  }

  /** Whether any element is true (non-zero) over {@code axes}. */
  public NDArray any(int... axes) {
    return reduce(ReduceOp.ANY, false, axes);
  }

  /** Whether every element is true (non-zero) over {@code axes}. */
  public NDArray all(int... axes) {
    return reduce(ReduceOp.ALL, false, axes);
  }

  /** The cumulative sum along {@code axis}. */
  public NDArray cumsum(int axis) {
    return Reductions.cumulative(this, axis, false);
  }

  /** The cumulative product along {@code axis}. */
  public NDArray cumprod(int axis) {
    return Reductions.cumulative(this, axis, true);
  }

  /**
   * The matrix product of two 2-d arrays (or 1-d vectors), in float64 or the promoted float type.
   *
   * @throws IllegalArgumentException naming both shapes if the inner dimensions differ
   */
  public NDArray matmul(NDArray other) {
    return LinearAlgebra.matmul(this, other);
  }

  // ---- identity ----

  /** Whether {@code o} is an NDArray of the same dtype, shape and elements (NaN equals NaN). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NDArray a) || a.dtype != dtype || !Arrays.equals(a.shape, shape)) {
      return false;
    }
    return Convert.sameElements(this, a);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), size);
  }

  @Override
  public Object tokenIdentity() {
    return List.of(dtype.numpyName(), shape, contiguous().data);
  }

  /** {@code NDArray(float64, [2, 3], [1.0, 2.0, …])}, at most 10 elements shown. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("NDArray(").append(dtype).append(", ").append(Arrays.toString(shape)).append(", [");
    double[] v = size <= 10 ? toDoubleArray() : slice().reshape(-1).slice(Slice.of(0, 10)).toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (dtype.isFloat()) {
        sb.append(v[i]);
      } else if (dtype == DType.BOOL) {
        sb.append(v[i] != 0);
      } else {
        sb.append((long) v[i]);
      }
    }
    return sb.append(size > 10 ? ", …])" : "])").toString();
  }
}
