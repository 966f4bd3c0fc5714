package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BinaryOp;
import io.jask.array.BlockFunction;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.ReduceOp;
import io.jask.array.Slice;
import io.jask.array.UnaryOp;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import io.jask.xarray.netcdf.Attributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A labelled, lazily computed n-dimensional array: a chunked {@link Array} whose axes are named
 * dimensions, with one-dimensional coordinates labelling them and attributes describing it, as
 * xarray's {@code DataArray}. Operations select, align, broadcast and reduce by dimension name;
 * nothing is read or computed until {@link #compute()} or {@link #values()}.
 */
public final class DataArray {
  private final String name;
  private final List<String> dims;
  private final Map<String, Coordinate> coords;
  private final Attributes attrs;
  private final Array data;
  /** How to compute each chunk straight from the file, row by row, while {@link #data} is exactly that; else null. */
  private final Fused fused;
  /** The group-wise arithmetic {@link #data} is exactly the result of, for reductions that decompose it; else null. */
  private final GroupOpReduce.Origin groupOp;

  /**
   * A data array.
   *
   * @throws XarrayException if the dimensions do not match the data's rank, repeat, or a coordinate
   *     labels an unknown dimension or has the wrong length
   */
  public DataArray(String name, List<String> dims, Array data, Map<String, Coordinate> coords, Attributes attrs) {
    this(name, dims, data, coords, attrs, null);
  }

  DataArray(String name, List<String> dims, Array data, Map<String, Coordinate> coords, Attributes attrs,
      Fused fused) {
    this(name, dims, data, coords, attrs, fused, null);
  }

  DataArray(String name, List<String> dims, Array data, Map<String, Coordinate> coords, Attributes attrs,
      Fused fused, GroupOpReduce.Origin groupOp) {
    this.fused = fused;
    this.groupOp = groupOp;
    this.name = name;
    this.dims = List.copyOf(dims);
    this.data = Objects.requireNonNull(data, "data");
    this.attrs = attrs == null ? Attributes.empty() : attrs;
    if (this.dims.size() != data.ndim()) {
      throw new XarrayException("data array '" + name + "': " + dims.size() + " dimensions " + dims + " for data of shape "
          + Arrays.toString(data.shape()));
    }
    if (new LinkedHashSet<>(this.dims).size() != this.dims.size()) {
      throw new XarrayException("data array '" + name + "': repeated dimension in " + dims);
    }
    this.coords = new LinkedHashMap<>();
    for (Coordinate c : coords.values()) {
      int axis = this.dims.indexOf(c.dim());
      if (axis < 0) {
        continue; // a coordinate of a dimension this array lacks does not belong to it
      }
      if (c.size() != data.shape()[axis]) {
        throw new XarrayException("data array '" + name + "': coordinate '" + c.name() + "' has " + c.size()
            + " labels but dimension '" + c.dim() + "' has length " + data.shape()[axis]);
      }
      this.coords.put(c.name(), c);
    }
  }

  public String name() {
    return name;
  }

  public List<String> dims() {
    return dims;
  }

  /** The length of each dimension, in order. */
  public Map<String, Long> sizes() {
    Map<String, Long> m = new LinkedHashMap<>();
    long[] s = data.shape();
    for (int i = 0; i < s.length; i++) {
      m.put(dims.get(i), s[i]);
    }
    return m;
  }

  public long[] shape() {
    return data.shape();
  }

  public Map<String, Coordinate> coords() {
    return java.util.Collections.unmodifiableMap(coords);
  }

  /**
   * The coordinate {@code name}.
   *
   * @throws XarrayException naming the coordinate and those there are
   */
  public Coordinate coord(String name) {
    Coordinate c = coords.get(name);
    if (c == null) {
      throw new XarrayException("data array '" + this.name + "' has no coordinate '" + name + "'; it has " + coords.keySet());
    }
    return c;
  }

  /** The coordinate {@code name} as a data array of its labels, for arithmetic (cos(lat) weights, say). */
  public DataArray coordinate(String name) {
    return Coordinates.asDataArray(coord(name));
  }

  public Attributes attrs() {
    return attrs;
  }

  /** How the chunks are computed straight from the file, row by row, for reductions fused into the read; else null. */
  Fused fused() {
    return fused;
  }

  /** The group-wise arithmetic this array is the result of, or null. */
  GroupOpReduce.Origin groupOp() {
    return groupOp;
  }

  /** The lazy data. */
  public Array data() {
    return data;
  }

  public DType dtype() {
    return data.dtype();
  }

  /**
   * The axis of dimension {@code dim}.
   *
   * @throws XarrayException naming the dimension and those there are
   */
  public int axis(String dim) {
    int i = dims.indexOf(dim);
    if (i < 0) {
      throw new XarrayException((name == null ? "data array" : "'" + name + "'") + " has no dimension '" + dim
          + "'; its dimensions are " + dims);
    }
    return i;
  }

  /** This array with other data of the same dimensions. */
  public DataArray withData(Array newData) {
    return new DataArray(name, dims, newData, coords, attrs);
  }

  /** This array under another name. */
  public DataArray rename(String newName) {
    return new DataArray(newName, dims, data, coords, attrs, fused, groupOp);
  }

  /** This array with other attributes. */
  public DataArray withAttrs(Attributes newAttrs) {
    return new DataArray(name, dims, data, coords, newAttrs, fused, groupOp);
  }

  // ---- computing ----

  /** Computes the values on the current scheduler. */
  public NDArray values() {
    return data.compute();
  }

  /** Computes the values on {@code scheduler}. */
  public NDArray values(Scheduler scheduler) {
    return data.compute(scheduler);
  }

  /** Computes the values on the current scheduler into an in-memory data array with the same labels. */
  public DataArray compute() {
    return compute(Schedulers.current());
  }

  /** {@link #compute()} on {@code scheduler}. */
  public DataArray compute(Scheduler scheduler) {
    NDArray v = data.compute(scheduler);
    return withData(Array.fromNDArray(v, chunkSizes(data)));
  }

  /** Computes the chunks now and keeps them (on the workers, for a distributed scheduler). */
  public DataArray persist() {
    return withData(data.persist());
  }

  private static int[] chunkSizes(Array a) {
    int[] c = new int[a.ndim()];
    for (int d = 0; d < c.length; d++) {
      c[d] = Math.max(1, a.chunks().sizes(d)[0]);
    }
    return c;
  }

  // ---- selection ----

  /** The positions {@code index} of {@code dim}, which is dropped (as xarray's {@code isel(dim=i)}). */
  public DataArray isel(String dim, long index) {
    int ax = axis(dim);
    long n = data.shape()[ax];
    long i = index < 0 ? index + n : index;
    if (i < 0 || i >= n) {
      throw new XarrayException("isel: index " + index + " outside dimension '" + dim + "' of length " + n);
    }
    Slice[] s = all(dims.size());
    s[ax] = Slice.index(i);
    Map<String, Coordinate> c = new LinkedHashMap<>(coords);
    c.values().removeIf(k -> k.dim().equals(dim));
    List<String> d = new ArrayList<>(dims);
    d.remove(ax);
    return new DataArray(name, d, data.slice(s), c, attrs);
  }

  /** The positions {@code start .. stop} (exclusive) of {@code dim}, step 1. */
  public DataArray isel(String dim, long start, long stop) {
    return isel(dim, start, stop, 1);
  }

  /** The positions {@code start, start+step, ..} before {@code stop} of {@code dim}. */
  public DataArray isel(String dim, long start, long stop, long step) {
    int ax = axis(dim);
    long n = data.shape()[ax];
    long a = Math.max(0, Math.min(n, start < 0 ? start + n : start));
    long b = Math.max(a, Math.min(n, stop < 0 ? stop + n : stop));
    if (step < 1) {
      throw new XarrayException("isel: step " + step + " along '" + dim + "' must be positive");
    }
    Slice[] s = all(dims.size());
    s[ax] = Slice.of(a, b, step);
    Map<String, Coordinate> c = new LinkedHashMap<>();
    for (Coordinate k : coords.values()) {
      c.put(k.name(), k.dim().equals(dim) ? k.range((int) a, (int) b, (int) step) : k);
    }
    return new DataArray(name, dims, data.slice(s), c, attrs);
  }

  /** The element labelled exactly {@code label} along {@code dim}, which is dropped. */
  public DataArray sel(String dim, Object label) {
    return isel(dim, indexCoord(dim).indexOf(label));
  }

  /** The element labelled nearest to {@code label} along {@code dim}, which is dropped. */
  public DataArray selNearest(String dim, Object label) {
    return isel(dim, indexCoord(dim).nearest(label));
  }

  /** The labels from {@code lo} to {@code hi}, both included (either may be null), as {@code sel(dim=slice(lo, hi))}. */
  public DataArray sel(String dim, Object lo, Object hi) {
    int[] r = indexCoord(dim).between(lo, hi);
    return isel(dim, r[0], r[1]);
  }

  private Coordinate indexCoord(String dim) {
    axis(dim);
    Coordinate c = coords.get(dim);
    if (c == null) {
      throw new XarrayException("cannot select by label along '" + dim + "' of '" + name + "': it has no coordinate");
    }
    return c;
  }

  static Slice[] all(int n) {
    Slice[] s = new Slice[n];
    Arrays.fill(s, Slice.all());
    return s;
  }

  // ---- arithmetic ----

  public DataArray plus(DataArray o) {
    return binary(BinaryOp.ADD, o);
  }

  public DataArray minus(DataArray o) {
    return binary(BinaryOp.SUBTRACT, o);
  }

  public DataArray times(DataArray o) {
    return binary(BinaryOp.MULTIPLY, o);
  }

  public DataArray div(DataArray o) {
    return binary(BinaryOp.DIVIDE, o);
  }

  public DataArray plus(double v) {
    return withData(data.apply(BinaryOp.ADD, v, false));
  }

  public DataArray minus(double v) {
    return withData(data.apply(BinaryOp.SUBTRACT, v, false));
  }

  public DataArray times(double v) {
    return withData(data.apply(BinaryOp.MULTIPLY, v, false));
  }

  public DataArray div(double v) {
    return withData(data.apply(BinaryOp.DIVIDE, v, false));
  }

  /** Whether each value is greater than {@code v}. */
  public DataArray gt(double v) {
    return withData(data.gt(v));
  }

  /** Whether each value is less than {@code v}. */
  public DataArray lt(double v) {
    return withData(data.lt(v));
  }

  /** An elementwise function of this array's values. */
  public DataArray apply(UnaryOp op) {
    return withData(data.apply(op));
  }

  /**
   * {@code this op other}, aligned and broadcast by dimension name as xarray's arithmetic: along a
   * dimension both label with an index coordinate, only the labels both have are kept (an inner
   * join, in this array's order); the result has this array's dimensions followed by those only
   * {@code other} has.
   *
   * @throws XarrayException naming the dimension whose lengths differ where a side has no index
   *     coordinate, or the coordinate whose labels differ where it is not an index
   */
  public DataArray binary(BinaryOp op, DataArray other) {
    InnerJoin.Pair p = InnerJoin.align(this, other);
    return p.left().binaryAligned(op, p.right());
  }

  private DataArray binaryAligned(BinaryOp op, DataArray other) {
    List<String> out = unionDims(other);
    Map<String, Coordinate> c = mergedCoords(other, out);
    Array a = alignTo(out);
    Array b = other.alignTo(out);
    return new DataArray(name != null && name.equals(other.name) ? name : name == null ? other.name : name, out,
        a.apply(op, b), c, Attributes.empty());
  }

  /**
   * The positions {@code positions} (in that order) along {@code dim}: contiguous runs are sliced
   * and joined. This array itself when they are all its positions in order.
   */
  DataArray take(String dim, int[] positions) {
    int ax = axis(dim);
    long n = data.shape()[ax];
    boolean identity = positions.length == n;
    for (int i = 0; identity && i < positions.length; i++) {
      identity = positions[i] == i;
    }
    if (identity) {
      return this;
    }
    List<Array> parts = new ArrayList<>();
    int i = 0;
    while (i < positions.length) {
      int j = i;
      while (j + 1 < positions.length && positions[j + 1] == positions[j] + 1) {
        j++;
      }
      Slice[] s = all(dims.size());
      s[ax] = Slice.of(positions[i], positions[j] + 1L);
      parts.add(data.slice(s));
      i = j + 1;
    }
    if (parts.isEmpty()) {
      Slice[] s = all(dims.size());
      s[ax] = Slice.of(0, 0);
      parts.add(data.slice(s));
    }
    Array taken = parts.size() == 1 ? parts.get(0) : Array.concatenate(parts, ax);
    Map<String, Coordinate> c = new LinkedHashMap<>();
    for (Coordinate k : coords.values()) {
      c.put(k.name(), k.dim().equals(dim) ? k.at(positions) : k);
    }
    return new DataArray(name, dims, taken, c, attrs);
  }

  List<String> unionDims(DataArray other) {
    List<String> out = new ArrayList<>(dims);
    for (String d : other.dims) {
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    for (String d : dims) {
      if (other.dims.contains(d) && data.shape()[axis(d)] != other.data.shape()[other.axis(d)]) {
        throw new XarrayException("cannot align '" + name + "' and '" + other.name + "': dimension '" + d + "' has length "
            + data.shape()[axis(d)] + " in one and " + other.data.shape()[other.axis(d)] + " in the other");
      }
    }
    return out;
  }

  Map<String, Coordinate> mergedCoords(DataArray other, List<String> out) {
    Map<String, Coordinate> c = new LinkedHashMap<>(coords);
    for (Coordinate k : other.coords.values()) {
      Coordinate mine = c.get(k.name());
      if (mine != null && !mine.labels().equals(k.labels())) {
        throw new XarrayException("cannot align '" + name + "' and '" + other.name + "': their coordinates '" + k.name()
            + "' differ (" + mine.label(0) + ".. against " + k.label(0) + "..)");
      }
      c.putIfAbsent(k.name(), k);
    }
    return c;
  }

  /**
   * The data laid out for dimensions {@code target} (a superset of this array's, in any order):
   * transposed to their order, with axes of length one for the dimensions it lacks.
   */
  Array alignTo(List<String> target) {
    List<String> mine = new ArrayList<>();
    for (String d : target) {
      if (dims.contains(d)) {
        mine.add(d);
      }
    }
    if (mine.size() != dims.size()) {
      throw new XarrayException("dimensions " + dims + " of '" + name + "' are not all among " + target);
    }
    Array a = data;
    if (!mine.equals(dims)) {
      int[] perm = new int[dims.size()];
      for (int i = 0; i < perm.length; i++) {
        perm[i] = dims.indexOf(mine.get(i));
      }
      a = a.transpose(perm);
    }
    for (int i = 0; i < target.size(); i++) {
      if (!dims.contains(target.get(i))) {
        a = a.expandDims(i);
      }
    }
    return a;
  }

  /** This array with its dimensions in the order {@code order}. */
  public DataArray transpose(String... order) {
    List<String> o = List.of(order);
    if (!new LinkedHashSet<>(o).equals(new LinkedHashSet<>(dims))) {
      throw new XarrayException("transpose: " + o + " is not an ordering of " + dims);
    }
    return new DataArray(name, o, alignTo(o), coords, attrs);
  }

  /** Whether each element is not NaN, as 1.0 or 0.0. */
  public DataArray notNull() {
    return withData(data.isnan().apply(UnaryOp.LOGICAL_NOT).astype(DType.FLOAT64));
  }

  /**
   * The values where {@code cond} is true, NaN elsewhere (as xarray's {@code where}), broadcast by
   * dimension name; as in xarray, only the labels both have are kept along a dimension both label
   * with an index coordinate (an inner join).
   */
  public DataArray where(DataArray cond) {
    InnerJoin.Pair p = InnerJoin.align(this, cond);
    return p.left().where(p.right(), Double.NaN);
  }

  /** The values where {@code cond} is true, {@code other} elsewhere. */
  public DataArray where(DataArray cond, double other) {
    List<String> out = unionDims(cond);
    Array a = alignTo(out);
    Array c = cond.alignTo(out);
    DType t = data.dtype() == DType.FLOAT32 && Float.isNaN((float) other) == Double.isNaN(other)
        && (double) (float) other == other || data.dtype() == DType.FLOAT32 && Double.isNaN(other) ? DType.FLOAT32 : DType.FLOAT64;
    Array r = Array.blockwise(new Where(other, t), t, a, c);
    return new DataArray(name, out, r, mergedCoords(cond, out), attrs);
  }

  private record Where(double other, DType dtype) implements io.jask.array.BlocksFunction {
    @Override
    public NDArray apply(NDArray... b) {
      int[] shape = NDArray.broadcastShapes(b[0].shape(), b[1].shape());
      double[] x = b[0].broadcastTo(shape).toDoubleArray();
      double[] c = b[1].broadcastTo(shape).toDoubleArray();
      for (int i = 0; i < x.length; i++) {
        if (c[i] == 0) {
          x[i] = other;
        }
      }
      return NDArray.of(x, shape).astype(dtype);
    }
  }

  /** {@code fn} applied to each chunk; the chunks keep their shapes and the labels stay. */
  public DataArray mapBlocks(BlockFunction fn) {
    return withData(data.mapBlocks(fn));
  }

  /** {@code fn} applied to each chunk, producing {@code dtype}. */
  public DataArray mapBlocks(BlockFunction fn, DType dtype) {
    return withData(data.mapBlocks(fn, dtype));
  }

  // ---- reductions ----

  /** The mean over {@code dims} (all when none), skipping NaN as xarray does for floats. */
  public DataArray mean(String... dims) {
    return reduce(isFloat() ? ReduceOp.NANMEAN : ReduceOp.MEAN, dims);
  }

  /** The sum over {@code dims} (all when none), skipping NaN. */
  public DataArray sum(String... dims) {
    return reduce(isFloat() ? ReduceOp.NANSUM : ReduceOp.SUM, dims);
  }

  public DataArray min(String... dims) {
    return reduce(isFloat() ? ReduceOp.NANMIN : ReduceOp.MIN, dims);
  }

  public DataArray max(String... dims) {
    return reduce(isFloat() ? ReduceOp.NANMAX : ReduceOp.MAX, dims);
  }

  /** The population standard deviation (ddof 0, as xarray's default) over {@code dims}, skipping NaN. */
  public DataArray std(String... dims) {
    return reduce(isFloat() ? ReduceOp.NANSTD : ReduceOp.STD, dims);
  }

  public DataArray var(String... dims) {
    return reduce(isFloat() ? ReduceOp.NANVAR : ReduceOp.VAR, dims);
  }

  /** The number of non-NaN values over {@code dims}. */
  public DataArray count(String... dims) {
    DataArray n = notNull().reduce(ReduceOp.SUM, dims);
    return n.withData(n.data.astype(DType.INT64));
  }

  private boolean isFloat() {
    return data.dtype() == DType.FLOAT32 || data.dtype() == DType.FLOAT64;
  }

  int[] axes(String... names) {
    if (names.length == 0) {
      int[] all = new int[dims.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] a = new int[names.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = axis(names[i]);
    }
    return a;
  }

  /** {@code op} over {@code dims} (all when none); the reduced dimensions and their coordinates go. */
  public DataArray reduce(ReduceOp op, String... over) {
    int[] ax = axes(over);
    List<String> gone = new ArrayList<>();
    for (int a : ax) {
      gone.add(dims.get(a));
    }
    List<String> left = new ArrayList<>(dims);
    left.removeAll(gone);
    Map<String, Coordinate> c = new LinkedHashMap<>(coords);
    c.values().removeIf(k -> gone.contains(k.dim()));
    Array fast = GroupOpReduce.tryDecomposed(this, op, ax);
    if (fast == null) {
      fast = FusedReduce.tryFused(this, op, ax);
    }
    return new DataArray(name, left, fast != null ? fast : data.reduce(op, ax), c, Attributes.empty());
  }

  // ---- grouping ----

  /** Groups along a coordinate's labels, or a time component: {@code "time.month"}, {@code "time.season"}, {@code "time.year"}. */
  public GroupBy groupBy(String key) {
    return GroupBy.of(this, key);
  }

  /**
   * Groups along the time dimension {@code dim} by periods of {@code freq}: {@code "1D"}, {@code
   * "1M"}/{@code "M"} (labelled by month end), {@code "MS"} (month start), {@code "1Y"}/{@code "Y"}
   * (year end), {@code "YS"}/{@code "AS"} (year start), {@code "QS-DEC"} (seasons starting in
   * December).
   */
  public GroupBy resample(String dim, String freq) {
    return GroupBy.resample(this, dim, freq);
  }

  /** Weighted reductions with {@code weights}, broadcast by dimension name. */
  public Weighted weighted(DataArray weights) {
    return new Weighted(this, weights);
  }

  /** A trailing moving window of {@code window} positions along {@code dim}. */
  public Rolling rolling(String dim, int window) {
    return new Rolling(this, dim, window);
  }

  // ---- writing ----

  /** Writes this array (as a one-variable data set) to a NetCDF classic file. */
  public void toNetcdf(Path path) {
    toDataset().toNetcdf(path);
  }

  /** A data set holding this array only (named {@code "__xarray_dataarray_variable__"} when unnamed). */
  public Dataset toDataset() {
    String n = name == null ? "__xarray_dataarray_variable__" : name;
    Map<String, DataArray> v = new LinkedHashMap<>();
    v.put(n, rename(n));
    return new Dataset(v, coords, Attributes.empty());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<jask.DataArray ");
    sb.append(name == null ? "" : "'" + name + "' ").append('(');
    long[] s = data.shape();
    for (int i = 0; i < s.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims.get(i)).append(": ").append(s[i]);
    }
    sb.append(")>\n").append(Repr.array(data)).append('\n');
    Repr.coords(sb, coords, dims);
    Repr.attrs(sb, attrs);
    return sb.toString().stripTrailing();
  }
}
