package io.jask.array;

/**
 * Walks several strided operands over one shape, row by row: the kernels' only loop structure.
 *
 * <p>Adjacent dimensions that are contiguous in every operand are merged first, so a contiguous
 * block is one long row and the kernel's inner loop runs over all of it. The visitor gets each
 * operand's offset at the start of a row, the row length and each operand's step within the row.
 */
final class Strided {
  private Strided() {}

  /** The inner loop of a kernel: {@code len} elements, operand {@code p} at {@code off[p] + k * step[p]}. */
  @FunctionalInterface
  interface Row {
    void run(int[] off, int len, int[] step);
  }

  /**
   * Calls {@code row} for every row of {@code shape}.
   *
   * @param strides per operand, one stride per dimension of {@code shape} (0 where broadcast)
   * @param offsets per operand, the offset of element (0, …, 0)
   */
  static void forEachRow(int[] shape, int[][] strides, int[] offsets, Row row) {
    int nop = strides.length;
    int nd = shape.length;
    for (int s : shape) {
      if (s == 0) {
        return;
      }
    }
    // Merge dimension d into d+1 when every operand steps over d as one run of d+1.
    int[] dims = new int[Math.max(nd, 1)];
    int[][] st = new int[nop][Math.max(nd, 1)];
    int m = 0;
    for (int d = 0; d < nd; d++) {
      if (shape[d] == 1) {
        continue; // a length-1 dimension never moves
      }
      if (m > 0) {
        boolean merge = true;
        for (int p = 0; p < nop && merge; p++) {
          merge = st[p][m - 1] == strides[p][d] * shape[d];
        }
        if (merge) {
          dims[m - 1] *= shape[d];
          for (int p = 0; p < nop; p++) {
            st[p][m - 1] = strides[p][d];
          }
          continue;
        }
      }
      dims[m] = shape[d];
      for (int p = 0; p < nop; p++) {
        st[p][m] = strides[p][d];
      }
      m++;
    }
    int[] off = offsets.clone();
    int[] step = new int[nop];
    if (m == 0) {
      row.run(off, 1, step);
      return;
    }
    int last = m - 1;
    int len = dims[last];
    for (int p = 0; p < nop; p++) {
      step[p] = st[p][last];
    }
    if (m == 1) {
      row.run(off, len, step);
      return;
    }
    int[] idx = new int[last];
    int[] rowOff = off.clone();
    while (true) {
      System.arraycopy(off, 0, rowOff, 0, nop);
      row.run(rowOff, len, step);
      int d = last - 1;
      while (d >= 0) {
        idx[d]++;
        for (int p = 0; p < nop; p++) {
          off[p] += st[p][d];
        }
        if (idx[d] < dims[d]) {
          break;
        }
        for (int p = 0; p < nop; p++) {
          off[p] -= st[p][d] * dims[d];
        }
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /**
   * {@link #forEachRow} with the dimensions visited in the memory order of operand {@code lead}
   * (largest stride outermost), so a transposed or otherwise permuted view is read as it lies in
   * memory: a reduction of {@code x.T} along axis 0 sums rows of {@code x}, not columns.
   */
  static void forEachRowInMemoryOrder(int[] shape, int[][] strides, int[] offsets, int lead, Row row) {
    int nd = shape.length;
    Integer[] order = new Integer[nd];
    for (int d = 0; d < nd; d++) {
      order[d] = d;
    }
    int[] ls = strides[lead];
    // Stable: dimensions of equal stride (length-1 or broadcast ones) keep their order.
    java.util.Arrays.sort(order, (p, q) -> Long.compare(Math.abs((long) ls[q]), Math.abs((long) ls[p])));
    boolean identity = true;
    for (int d = 0; d < nd && identity; d++) {
      identity = order[d] == d;
    }
    if (identity) {
      forEachRow(shape, strides, offsets, row);
      return;
    }
    int[] s = new int[nd];
    int[][] st = new int[strides.length][nd];
    for (int d = 0; d < nd; d++) {
      s[d] = shape[order[d]];
      for (int p = 0; p < strides.length; p++) {
        st[p][d] = strides[p][order[d]];
      }
    }
    forEachRow(s, st, offsets, row);
  }

  /** Row-major strides of a contiguous array of {@code shape}. */
  static int[] contiguousStrides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= shape[d];
    }
    return s;
  }
}
