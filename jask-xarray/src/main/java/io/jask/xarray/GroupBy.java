package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BinaryOp;
import io.jask.array.BlockFunction;
import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.PositionedBlockFunction;
import io.jask.array.Slice;
import io.jask.xarray.cf.CfCalendar;
import io.jask.xarray.cf.CfTime;
import io.jask.xarray.netcdf.Attributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data array split into groups along one dimension, by a coordinate's labels, a time component
 * ({@code "time.month"}) or time periods ({@link DataArray#resample}).
 *
 * <p>Reductions are a map-reduce per chunk: one task per chunk computes the partial sums, counts
 * (and sums of squares, or extremes) of every group the chunk touches, those partials are combined
 * in a tree, and a last step per chunk of the other dimensions divides. No task is made per group
 * or per group member. Group-wise arithmetic ({@link #minus}) is one task per chunk too.
 */
public final class GroupBy {
  /**
   * How many chunks' group sums one task merges. Each is megabytes (a climatology's partial is
   * a sum per month and grid point), and all of them stay in memory until merged: merging four at
   * a time as they come keeps a few alive, where merging all at the end keeps every chunk's until
   * the last is read. Measured on a 10-chunk climatology on an in-process cluster: with all ten
   * merged at the end, the collector grew the heap in 3 JVMs of 22 (peaks of 448–564 MB); four at
   * a time, in 2 of 95 (498 and 552 MB; the others stayed below 410 MB), at the cost of two merges.
   */
  static final int GROUP_SUMS_SPLIT_EVERY = 4;

  private final DataArray x;
  private final String dim;
  private final int[] codes;
  private final Coordinate groups;

  private GroupBy(DataArray x, String dim, int[] codes, Coordinate groups) {
    this.x = x;
    this.dim = dim;
    this.codes = codes;
    this.groups = groups;
  }

  static GroupBy of(DataArray x, String key) {
    int dot = key.indexOf('.');
    String coordName = dot < 0 ? key : key.substring(0, dot);
    Coordinate c = x.coords().get(coordName);
    if (c == null) {
      throw new XarrayException("cannot group '" + x.name() + "' by '" + key + "': no coordinate '" + coordName
          + "'; it has " + x.coords().keySet());
    }
    x.axis(c.dim());
    List<Object> labels = new ArrayList<>(c.size());
    String groupName;
    if (dot < 0) {
      labels.addAll(c.labels());
      groupName = coordName;
    } else {
      String part = key.substring(dot + 1);
      CfTime[] t = c.times();
      for (CfTime time : t) {
        labels.add(switch (part) {
          case "month" -> (Object) (long) time.month();
          case "year" -> (long) time.year();
          case "day" -> (long) time.day();
          case "dayofyear" -> (long) time.dayOfYear();
          case "hour" -> (long) time.hour();
          case "season" -> time.season();
          default -> throw new XarrayException("cannot group by '" + key + "': unknown time component '" + part
              + "' (month, year, day, dayofyear, hour, season)");
        });
      }
      groupName = part;
    }
    TreeMap<Object, Integer> sorted = new TreeMap<>(GroupBy::compareLabels);
    for (Object l : labels) {
      sorted.put(l, 0);
    }
    List<Object> unique = new ArrayList<>(sorted.keySet());
    for (int i = 0; i < unique.size(); i++) {
      sorted.put(unique.get(i), i);
    }
    int[] codes = new int[labels.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = sorted.get(labels.get(i));
    }
    Attributes attrs = dot < 0 ? c.attrs() : Attributes.empty();
    return new GroupBy(x, c.dim(), codes, new Coordinate(groupName, groupName, unique, attrs, Attributes.empty()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareLabels(Object a, Object b) {
    if (a instanceof Number p && b instanceof Number q) {
      return Double.compare(p.doubleValue(), q.doubleValue());
    }
    return ((Comparable) a).compareTo(b);
  }

  static GroupBy resample(DataArray x, String dim, String freq) {
    Coordinate c = x.coords().get(dim);
    if (c == null || !c.isTime()) {
      throw new XarrayException("cannot resample '" + x.name() + "' along '" + dim + "': it needs a time coordinate there");
    }
    x.axis(dim);
    CfTime[] t = c.times();
    String f = freq.startsWith("1") && freq.length() > 1 && Character.isLetter(freq.charAt(1)) ? freq.substring(1) : freq;
    List<Object> periods = new ArrayList<>();
    int[] codes = new int[t.length];
    Map<CfTime, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < t.length; i++) {
      CfTime p = periodLabel(t[i], f, freq);
      Integer k = index.get(p);
      if (k == null) {
        k = index.size();
        index.put(p, k);
        periods.add(p);
      }
      codes[i] = k;
    }
    for (int i = 1; i < periods.size(); i++) {
      if (((CfTime) periods.get(i)).compareTo((CfTime) periods.get(i - 1)) <= 0) {
        throw new XarrayException("cannot resample '" + x.name() + "': its times along '" + dim + "' are not increasing");
      }
    }
    return new GroupBy(x, dim, codes, new Coordinate(dim, dim, periods, c.attrs(), c.encoding()));
  }

  private static CfTime periodLabel(CfTime t, String f, String freq) {
    CfCalendar cal = t.calendar();
    return switch (f) {
      case "D" -> CfTime.of(cal, t.year(), t.month(), t.day());
      case "MS" -> CfTime.of(cal, t.year(), t.month(), 1);
      case "M", "ME" -> CfTime.of(cal, t.year(), t.month(), cal.daysInMonth(t.year(), t.month()));
      case "YS", "AS" -> CfTime.of(cal, t.year(), 1, 1);
      case "Y", "A", "YE" -> CfTime.of(cal, t.year(), 12, 31 - (31 - cal.daysInMonth(t.year(), 12)));
      case "QS-DEC" -> {
        int m = t.month();
        int start = m == 12 ? 12 : m < 3 ? 12 : m < 6 ? 3 : m < 9 ? 6 : 9;
        int year = m < 3 ? t.year() - 1 : t.year();
        yield CfTime.of(cal, year, start, 1);
      }
      default -> throw new XarrayException("unsupported resampling frequency '" + freq
          + "'; Jask knows 1D, 1M/M, MS, 1Y/Y, YS/AS and QS-DEC");
    };
  }

  /** The labels of the groups, sorted (in time order for periods). */
  public Coordinate groups() {
    return groups;
  }

  /** The group of each position along the grouped dimension. */
  public int[] codes() {
    return codes.clone();
  }

  public DataArray mean() {
    return reduce(Stat.MEAN);
  }

  public DataArray sum() {
    return reduce(Stat.SUM);
  }

  public DataArray count() {
    return reduce(Stat.COUNT);
  }

  public DataArray std() {
    return reduce(Stat.STD);
  }

  public DataArray var() {
    return reduce(Stat.VAR);
  }

  public DataArray min() {
    return reduce(Stat.MIN);
  }

  public DataArray max() {
    return reduce(Stat.MAX);
  }

  /** What a group reduction computes, and how many partial values per group it needs. */
  enum Stat {
    MEAN(2), SUM(2), COUNT(2), STD(3), VAR(3), MIN(1), MAX(1);

    final int slots;

    Stat(int slots) {
      this.slots = slots;
    }

    boolean extreme() {
      return this == MIN || this == MAX;
    }
  }

  private DataArray reduce(Stat stat) {
    int axis = x.axis(dim);
    int g = groups.size();
    DType outType = stat == Stat.COUNT ? DType.INT64 : DType.FLOAT64;
    Chunks out = alongGroups(1);
    Array result = usesGroupSums(stat)
        ? groupSums(new GroupSumReduction(axis, codes, g, stat), outType, out)
        : combinedPartials(stat).mapBlocks(new GroupFinish(axis, g, stat), outType, out);
    List<String> dims = new ArrayList<>(x.dims());
    dims.set(axis, groups.dim());
    Map<String, Coordinate> c = new LinkedHashMap<>();
    for (Coordinate co : x.coords().values()) {
      if (!co.dim().equals(dim)) {
        c.put(co.name(), co);
      }
    }
    c.put(groups.name(), groups);
    return new DataArray(x.name(), dims, result, c, Attributes.empty());
  }

  /**
   * The partials of every chunk ({@link GroupPartials}, or compact {@link GroupSums} for sums and
   * counts along an axis that is not the last) combined along the grouped axis: one block per
   * chunk of the other axes, {@code stat.slots * groups} long along the grouped axis, laid out
   * {@code [slot][group]}. Deterministic keys: every statistic of the same grouping with the same
   * slots shares these tasks (and a mean, sum or count made straight from group sums shares their
   * partial tasks), so the file is read once for all of them.
   */
  Array combinedPartials(Stat stat) {
    int axis = x.axis(dim);
    int g = groups.size();
    int k = stat.slots;
    if (usesGroupSums(stat)) {
      return groupSums(new GroupSumReduction(axis, codes, g, null), DType.FLOAT64, alongGroups(k));
    }
    Array data = x.data();
    Chunks in = data.chunks();
    int nb = in.numBlocks()[axis];
    int[][] sizes = new int[data.ndim()][];
    long[] shape = data.shape();
    for (int d = 0; d < sizes.length; d++) {
      sizes[d] = in.sizes(d);
    }
    // the statistics that keep the same slots share one kind of partial task (and so its keys)
    Stat shared = stat == Stat.SUM || stat == Stat.COUNT ? Stat.MEAN : stat == Stat.STD ? Stat.VAR : stat;
    int[] partialSizes = new int[nb];
    java.util.Arrays.fill(partialSizes, k * g);
    sizes[axis] = partialSizes;
    shape[axis] = (long) nb * k * g;
    Chunks partialChunks = Chunks.explicit(shape, sizes);
    Array partials = x.fused() != null
        ? x.fused().map(new GroupRowPartials(axis, codes, g, shared), DType.FLOAT64, partialChunks)
        : data.mapBlocksAt(new GroupPartials(axis, codes, g, shared), DType.FLOAT64, partialChunks);
    List<Array> parts = new ArrayList<>(nb);
    for (int b = 0; b < nb; b++) {
      Slice[] s = DataArray.all(data.ndim());
      s[axis] = Slice.of((long) b * k * g, (long) (b + 1) * k * g);
      parts.add(partials.slice(s));
    }
    BinaryOp combine = stat == Stat.MIN ? BinaryOp.FMIN : stat == Stat.MAX ? BinaryOp.FMAX : BinaryOp.ADD;
    return PartialsCombine.combine(parts, combine);
  }

  /** Whether {@code stat} is made from compact {@link GroupSums}: sums and counts, along an axis that is not the last. */
  private boolean usesGroupSums(Stat stat) {
    return (stat == Stat.MEAN || stat == Stat.SUM || stat == Stat.COUNT) && x.axis(dim) != x.data().ndim() - 1;
  }

  /**
   * The data's chunks with one block of {@code slots} values per group along the grouped axis:
   * how a statistic (one slot) or combined partials come out.
   */
  private Chunks alongGroups(int slots) {
    Chunks in = x.data().chunks();
    int axis = x.axis(dim);
    int[][] sizes = new int[in.ndim()][];
    long[] shape = in.shape();
    for (int d = 0; d < sizes.length; d++) {
      sizes[d] = in.sizes(d);
    }
    sizes[axis] = new int[] {slots * groups.size()};
    shape[axis] = (long) slots * groups.size();
    return Chunks.explicit(shape, sizes);
  }

  /**
   * {@code sums} over the data, fused into the reading of its chunks where it can be, their
   * partials merged {@link #GROUP_SUMS_SPLIT_EVERY} at a time.
   */
  private Array groupSums(GroupSumReduction sums, DType dtype, Chunks out) {
    int axis = x.axis(dim);
    return x.fused() != null
        ? x.fused().reduce(axis, sums, dtype, out, GROUP_SUMS_SPLIT_EVERY)
        : x.data().reduceBlocks(axis, sums, dtype, out, GROUP_SUMS_SPLIT_EVERY);
  }

  /** The grouped axis of the data. */
  int axis() {
    return x.axis(dim);
  }

  /**
   * Per chunk: for every group, the sum and count of the non-NaN values (and their sum of squares
   * for the spread), or their minimum or maximum, laid out along the grouped axis as {@code
   * [slot][group]}.
   */
  record GroupPartials(int axis, int[] codes, int groups, Stat stat) implements PositionedBlockFunction {
    @Override
    public NDArray apply(NDArray block, BlockInfo where, NDArray[] wholes) {
      return new GroupRowPartials(axis, codes, groups, stat).apply(ChunkRows.of(block),
          new BlockInfo(where.index(), where.offset(), block.shape()));
    }
  }

  /**
   * The sums and counts of every group along a grouped axis that is not the last, as compact
   * {@link GroupSums}, finished straight from the last partials into {@code stat} (a mean, sum or
   * count), or, where {@code stat} is null, into {@code [sum of each group][count of each group]}
   * blocks. All share the partial and merging tasks of the latter: a climatology and anomalies
   * against it read the data once.
   *
   * @param stat the statistic, or null for the sums and counts
   */
  record GroupSumReduction(int axis, int[] codes, int groups, Stat stat) implements Fused.RowReduction<GroupSums> {
    @Override
    public GroupSums partial(ChunkRows.Rows rows, BlockInfo where) {
      return GroupSums.of(rows, where, axis, codes, groups);
    }

    @Override
    public GroupSums combine(List<GroupSums> partials) {
      return GroupSums.combine(partials);
    }

    @Override
    public NDArray finish(GroupSums partial, int[] shape) {
      return finish(List.of(partial), shape);
    }

    @Override
    public NDArray finish(List<GroupSums> partials, int[] shape) {
      return stat == null ? GroupSums.sumsAndCounts(partials, shape) : GroupSums.finish(partials, stat, shape);
    }

    @Override
    public Fused.RowReduction<GroupSums> accumulation() {
      return stat == null ? this : new GroupSumReduction(axis, codes, groups, null);
    }
  }

  /** {@link GroupPartials} of a chunk's rows, computed as they are read. */
  record GroupRowPartials(int axis, int[] codes, int groups, Stat stat) implements Fused.RowKernel {
    @Override
    public NDArray apply(ChunkRows.Rows rows, BlockInfo where) {
      int[] shape = where.shape();
      int rank = shape.length;
      int outer = AxisSizes.outer(shape, axis);
      int inner = AxisSizes.inner(shape, axis);
      int n = shape[axis];
      int off = (int) where.offset()[axis];
      int k = stat.slots;
      int kg = k * groups;
      double[] out = new double[outer * kg * inner];
      if (stat.extreme()) {
        java.util.Arrays.fill(out, Double.NaN);
      }
      int length = rows.rowLength();
      double[] row = new double[length];
      if (axis == rank - 1) {
        // grouped along the rows themselves: each value of a row has its own group
        for (int o = 0; o < rows.rowCount(); o++) {
          rows.row(o, row);
          for (int j = 0; j < length; j++) {
            add(out, row[j], o * kg + codes[off + j], groups, k);
          }
        }
      } else {
        int rowsPerStep = length == 0 ? 0 : inner / length;
        int r = 0;
        for (int o = 0; o < outer; o++) {
          for (int t = 0; t < n; t++) {
            int at = (o * kg + codes[off + t]) * inner;
            for (int q = 0; q < rowsPerStep; q++) {
              rows.row(r++, row);
              accumulate(row, length, out, at + q * length, groups * inner, k);
            }
          }
        }
      }
      int[] outShape = shape.clone();
      outShape[axis] = kg;
      return NDArray.of(out, outShape);
    }

    /** One value into the slots of its group, whose first slot is at {@code at}. */
    private void add(double[] out, double x, int at, int slotStride, int k) {
      if (x != x) {
        return;
      }
      if (stat.extreme()) {
        double had = out[at];
        if (had != had || (stat == Stat.MIN ? x < had : x > had)) {
          out[at] = x;
        }
        return;
      }
      out[at] += x;
      out[at + slotStride] += 1;
      if (k == 3) {
        out[at + 2 * slotStride] += x * x;
      }
    }

    /** A row into its group's slots: sums from {@code at}, counts {@code slot} further, squares after. */
    private void accumulate(double[] row, int length, double[] out, int at, int slot, int k) {
      if (stat.extreme()) {
        boolean min = stat == Stat.MIN;
        for (int j = 0; j < length; j++) {
          double x = row[j];
          double had = out[at + j];
          if (x == x && (had != had || (min ? x < had : x > had))) {
            out[at + j] = x;
          }
        }
      } else {
        // sums, counts and squares: sums and counts alone go through GroupSums
        int c = at + slot;
        int q = c + slot;
        for (int j = 0; j < length; j++) {
          double x = row[j];
          if (x == x) {
            out[at + j] += x;
            out[c + j] += 1;
            out[q + j] += x * x;
          }
        }
      }
    }
  }

  /** The combined partials turned into the statistic of each group. */
  record GroupFinish(int axis, int groups, Stat stat) implements BlockFunction {
    @Override
    public NDArray apply(NDArray block) {
      int[] shape = block.shape();
      int outer = AxisSizes.outer(shape, axis);
      int inner = AxisSizes.inner(shape, axis);
      double[] p = PartialsCombine.doubles(block);
      int kg = shape[axis];
      double[] out = new double[outer * groups * inner];
      for (int o = 0; o < outer; o++) {
        for (int gr = 0; gr < groups; gr++) {
          for (int i = 0; i < inner; i++) {
            int to = (o * groups + gr) * inner + i;
            if (stat.extreme()) {
              out[to] = p[(o * kg + gr) * inner + i];
              continue;
            }
            double s = p[(o * kg + gr) * inner + i];
            double c = p[(o * kg + groups + gr) * inner + i];
            double q = stat.slots == 3 ? p[(o * kg + 2 * groups + gr) * inner + i] : 0;
            double mean = s / c;
            out[to] = switch (stat) {
              case SUM -> s;
              case COUNT -> c;
              case MEAN -> c == 0 ? Double.NaN : mean;
              case VAR -> c == 0 ? Double.NaN : Math.max(0, q / c - mean * mean);
              case STD -> c == 0 ? Double.NaN : Math.sqrt(Math.max(0, q / c - mean * mean));
              default -> throw new IllegalStateException(stat.name());
            };
          }
        }
      }
      int[] outShape = shape.clone();
      outShape[axis] = groups;
      NDArray r = NDArray.of(out, outShape);
      return stat == Stat.COUNT ? r.astype(DType.INT64) : r;
    }
  }

  // ---- group-wise arithmetic ----

  /** Each element minus its group's value in {@code perGroup} (anomalies against a climatology). */
  public DataArray minus(DataArray perGroup) {
    return arithmetic(BinaryOp.SUBTRACT, perGroup);
  }

  /** Each element plus its group's value in {@code perGroup}. */
  public DataArray plus(DataArray perGroup) {
    return arithmetic(BinaryOp.ADD, perGroup);
  }

  /** Each element divided by its group's value in {@code perGroup}. */
  public DataArray div(DataArray perGroup) {
    return arithmetic(BinaryOp.DIVIDE, perGroup);
  }

  /** Each element times its group's value in {@code perGroup}. */
  public DataArray times(DataArray perGroup) {
    return arithmetic(BinaryOp.MULTIPLY, perGroup);
  }

  /**
   * {@code x op perGroup[group of x]}: {@code perGroup} has the group dimension where {@code x} has
   * the grouped one, and otherwise a subset of {@code x}'s dimensions; it is read whole by every task.
   */
  public DataArray arithmetic(BinaryOp op, DataArray perGroup) {
    String gdim = groups.dim();
    int axis = x.axis(dim);
    perGroup.axis(gdim);
    Coordinate theirs = perGroup.coords().get(gdim);
    int[] groupToTheirs = new int[groups.size()];
    for (int i = 0; i < groupToTheirs.length; i++) {
      groupToTheirs[i] = theirs == null ? i : theirs.indexOf(groups.label(i));
    }
    if (theirs == null && perGroup.sizes().get(gdim) != groups.size()) {
      throw new XarrayException("'" + perGroup.name() + "' has " + perGroup.sizes().get(gdim) + " values along '" + gdim
          + "' but there are " + groups.size() + " groups");
    }
    List<String> target = new ArrayList<>(x.dims());
    target.set(axis, gdim);
    for (String d : perGroup.dims()) {
      if (!target.contains(d)) {
        throw new XarrayException("'" + perGroup.name() + "' has dimension '" + d + "', which '" + x.name() + "' lacks");
      }
    }
    Array whole = perGroup.alignTo(target);
    int[] posToTheirs = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      posToTheirs[i] = groupToTheirs[codes[i]];
    }
    DType out = DType.promote(x.dtype(), perGroup.dtype());
    Map<String, Coordinate> c = new LinkedHashMap<>(x.coords());
    GroupOpReduce.Origin origin = new GroupOpReduce.Origin(this, groupToTheirs, op, whole);
    if (x.fused() != null && out == DType.FLOAT64) {
      // computed row by row from the file: a reduction of the result reads each chunk once, into reused memory
      Fused f = x.fused().then(new GroupOpRows(x.fused().rows(), axis, posToTheirs, op), whole);
      Array r = f.map(new Fused.Materialise(), out, x.data().chunks());
      return new DataArray(x.name(), x.dims(), r, c, Attributes.empty(), f, origin);
    }
    Array r = x.data().mapBlocksAt(new GroupArithmetic(axis, posToTheirs, op), out, x.data().chunks(), whole);
    return new DataArray(x.name(), x.dims(), r, c, Attributes.empty(), null, origin);
  }

  /** Per chunk: each element combined with the value of its group, read from the whole per-group array. */
  record GroupArithmetic(int axis, int[] positionToGroup, BinaryOp op) implements PositionedBlockFunction {
    @Override
    public NDArray apply(NDArray block, BlockInfo where, NDArray[] wholes) {
      NDArray g = wholes[0];
      int[] shape = block.shape();
      double[] gv = GroupOpRows.perGroup(g, axis, shape, where.offset());
      Values xs = Values.of(block);
      double[] xv = new double[block.size()];
      int outer = AxisSizes.outer(shape, axis);
      int inner = AxisSizes.inner(shape, axis);
      int n = shape[axis];
      int ng = g.shape(axis);
      int off = (int) where.offset()[axis];
      for (int o = 0; o < outer; o++) {
        for (int t = 0; t < n; t++) {
          int src = (o * n + t) * inner;
          int gsrc = (o * ng + positionToGroup[off + t]) * inner;
          for (int i = 0; i < inner; i++) {
            double a = xs.get(src + i);
            double b = gv[gsrc + i];
            xv[src + i] = switch (op) {
              case SUBTRACT -> a - b;
              case ADD -> a + b;
              case MULTIPLY -> a * b;
              case DIVIDE -> a / b;
              default -> throw new IllegalStateException("group arithmetic does not do " + op);
            };
          }
        }
      }
      return NDArray.of(xv, shape);
    }
  }
}
