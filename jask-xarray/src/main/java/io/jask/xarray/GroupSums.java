package io.jask.xarray;

import io.jask.array.BlockInfo;
import io.jask.array.NDArray;
import java.util.List;

/**
 * The sums and counts of the non-NaN values of every group, over one chunk or several along the
 * grouped axis, kept compact: a row (a run along the last axis) with no NaN adds one to the count
 * of its row of the output, so counts are kept per row, {@link #wholeRows}; only rows with a NaN
 * are counted value by value, into {@link #counts}, made when the first such row comes. A chunk's
 * partial is so about half the size of sums and counts side by side, which is what a climatology
 * holds per chunk until the chunks are combined.
 *
 * <p>Laid out {@code [outer][group][inner]} (sums, counts) and {@code [outer][group][inner /
 * length]} (whole rows), where {@code outer} and {@code inner} are the sizes before and after the
 * grouped axis and {@code length} the last axis's.
 *
 * @param counts null while every row was whole
 */
record GroupSums(int outer, int groups, int inner, int length, double[] sums, int[] wholeRows, double[] counts)
    implements io.jask.core.util.SizeOf.Sized {

  /** The partials of {@code rows}, grouped along {@code axis} (not the last) by {@code codes}. */
  static GroupSums of(ChunkRows.Rows rows, BlockInfo where, int axis, int[] codes, int groups) {
    int[] shape = where.shape();
    int outer = AxisSizes.outer(shape, axis);
    int inner = AxisSizes.inner(shape, axis);
    int n = shape[axis];
    int off = (int) where.offset()[axis];
    int length = rows.rowLength();
    int rowsPerStep = length == 0 ? 0 : inner / length;
    double[] sums = new double[outer * groups * inner];
    int[] wholeRows = new int[outer * groups * rowsPerStep];
    double[] counts = null;
    double[] row = new double[length];
    int r = 0;
    for (int o = 0; o < outer; o++) {
      for (int t = 0; t < n; t++) {
        int g = codes[off + t];
        int at = (o * groups + g) * inner;
        for (int q = 0; q < rowsPerStep; q++) {
          if (rows.rowAdding(r++, row, sums, at + q * length)) {
            wholeRows[(o * groups + g) * rowsPerStep + q]++;
          } else {
            if (counts == null) {
              counts = new double[sums.length];
            }
            countValid(row, length, counts, at + q * length);
          }
        }
      }
    }
    return new GroupSums(outer, groups, inner, length, sums, wholeRows, counts);
  }

  /** {@code parts} (of one column of chunks) added up, into new arrays: the parts are left as they are. */
  static GroupSums combine(List<GroupSums> parts) {
    GroupSums first = alike(parts);
    double[] sums = first.sums.clone();
    int[] wholeRows = first.wholeRows.clone();
    double[] counts = first.counts == null ? null : first.counts.clone();
    for (GroupSums p : parts.subList(1, parts.size())) {
      add(p.sums, sums);
      for (int i = 0; i < wholeRows.length; i++) {
        wholeRows[i] += p.wholeRows[i];
      }
      if (p.counts != null) {
        if (counts == null) {
          counts = new double[sums.length];
        }
        add(p.counts, counts);
      }
    }
    return new GroupSums(first.outer, first.groups, first.inner, first.length, sums, wholeRows, counts);
  }

  /**
   * The partials of neighbouring chunks, {@code parts}, added up into the sums and the counts side
   * by side along the grouped axis, {@code [sum of each group][count of each group]}, in a block
   * of {@code shape}: what {@link GroupOpReduce} reads.
   */
  static NDArray sumsAndCounts(List<GroupSums> parts, int[] shape) {
    GroupSums first = checkedAlike(parts, shape, 2);
    int outer = first.outer;
    int groups = first.groups;
    int inner = first.inner;
    int kg = 2 * groups;
    double[] out = new double[outer * kg * inner];
    for (GroupSums p : parts) {
      for (int o = 0; o < outer; o++) {
        for (int g = 0; g < groups; g++) {
          int from = (o * groups + g) * inner;
          addRange(p.sums, from, out, (o * kg + g) * inner, inner);
          p.addCounts(o, g, out, (o * kg + groups + g) * inner);
        }
      }
    }
    return NDArray.of(out, shape);
  }

  /**
   * The partials of neighbouring chunks, {@code parts}, finished into {@code stat} (a mean, sum or
   * count) of every group, in a block of {@code shape}: straight from the partials, with no merged
   * copy of them. A group with no value has the mean NaN, the sum 0 and the count 0, as xarray's.
   */
  static NDArray finish(List<GroupSums> parts, GroupBy.Stat stat, int[] shape) {
    if (stat != GroupBy.Stat.MEAN && stat != GroupBy.Stat.SUM && stat != GroupBy.Stat.COUNT) {
      throw new IllegalArgumentException("group sums finish into a mean, sum or count, not " + stat);
    }
    GroupSums first = checkedAlike(parts, shape, 1);
    double[] out = new double[first.sums.length];
    if (stat == GroupBy.Stat.COUNT) {
      for (GroupSums p : parts) {
        p.addAllCounts(out);
      }
      return NDArray.of(out, shape).astype(io.jask.array.DType.INT64);
    }
    for (GroupSums p : parts) {
      addRange(p.sums, 0, out, 0, out.length);
    }
    if (stat == GroupBy.Stat.SUM) {
      return NDArray.of(out, shape);
    }
    boolean anyMissing = parts.stream().anyMatch(p -> p.counts != null);
    if (anyMissing) {
      double[] counts = new double[out.length];
      for (GroupSums p : parts) {
        p.addAllCounts(counts);
      }
      for (int j = 0; j < out.length; j++) {
        out[j] = counts[j] == 0 ? Double.NaN : out[j] / counts[j];
      }
    } else {
      // every row was whole in every chunk: one count per row of the output
      int[] rows = new int[first.wholeRows.length];
      for (GroupSums p : parts) {
        for (int i = 0; i < rows.length; i++) {
          rows[i] += p.wholeRows[i];
        }
      }
      for (int i = 0; i < rows.length; i++) {
        double c = rows[i];
        for (int j = i * first.length, end = j + first.length; j < end; j++) {
          out[j] = c == 0 ? Double.NaN : out[j] / c;
        }
      }
    }
    return NDArray.of(out, shape);
  }

  /** The first of {@code parts}, once all are checked to be laid out alike. */
  private static GroupSums alike(List<GroupSums> parts) {
    GroupSums first = parts.get(0);
    for (GroupSums p : parts) {
      if (p.outer != first.outer || p.groups != first.groups || p.inner != first.inner || p.length != first.length) {
        throw new IllegalArgumentException("group partials of " + p.sums.length + " and " + first.sums.length
            + " sums cannot be combined");
      }
    }
    return first;
  }

  /** The first of {@code parts}, once all are checked to be alike and to fill {@code slots} values per group of {@code shape}. */
  private static GroupSums checkedAlike(List<GroupSums> parts, int[] shape, int slots) {
    GroupSums first = alike(parts);
    long values = (long) first.outer * slots * first.groups * first.inner;
    if (values != java.util.Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b)) {
      throw new IllegalArgumentException((slots == 2 ? "the sums and counts of " : "the statistics of ") + first.groups
          + " groups over " + first.outer + " x " + first.inner + " values do not fill a block of shape "
          + java.util.Arrays.toString(shape));
    }
    return first;
  }

  /** Adds this partial's counts of group {@code g} at outer index {@code o} to {@code inner} values from {@code to}. */
  private void addCounts(int o, int g, double[] out, int to) {
    int from = (o * groups + g) * inner;
    if (counts != null) {
      addRange(counts, from, out, to, inner);
    }
    int rowsPerStep = length == 0 ? 0 : inner / length;
    for (int q = 0; q < rowsPerStep; q++) {
      int whole = wholeRows[(o * groups + g) * rowsPerStep + q];
      if (whole > 0) {
        for (int j = to + q * length, end = j + length; j < end; j++) {
          out[j] += whole;
        }
      }
    }
  }

  /** Adds this partial's counts of every group, laid out as {@link #sums}, to {@code out}. */
  private void addAllCounts(double[] out) {
    for (int o = 0; o < outer; o++) {
      for (int g = 0; g < groups; g++) {
        addCounts(o, g, out, (o * groups + g) * inner);
      }
    }
  }

  /** What a worker counts against its memory limit: the arrays, with their headers, and the record. */
  @Override
  public long sizeInBytes() {
    return 40 + 16 + 8L * sums.length + 16 + 4L * wholeRows.length + (counts == null ? 0 : 16 + 8L * counts.length);
  }

  private static void add(double[] from, double[] to) {
    addRange(from, 0, to, 0, to.length);
  }

  private static void addRange(double[] from, int at, double[] to, int into, int n) {
    for (int i = 0; i < n; i++) {
      to[into + i] += from[at + i];
    }
  }

  /** Adds one to the counts from {@code at} for each non-NaN value of the row. */
  private static void countValid(double[] row, int length, double[] counts, int at) {
    for (int j = 0; j < length; j++) {
      if (row[j] == row[j]) {
        counts[at + j] += 1;
      }
    }
  }
}
