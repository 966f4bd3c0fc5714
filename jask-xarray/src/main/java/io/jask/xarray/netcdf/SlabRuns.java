package io.jask.xarray.netcdf;

/**
 * The contiguous runs that make up a slab {@code start/count} of a row-major block of {@code
 * shape}: the dimensions covered whole from the innermost outwards form one run per position
 * among the outer ones, so a slab is read or written with as few positioned transfers as it can.
 */
final class SlabRuns {
  private SlabRuns() {}

  /** Receives one run: where it starts in the block, in values; its length; and how many of the slab's values came before it. */
  @FunctionalInterface
  interface Run {
    void accept(long firstValue, long values, int done);
  }

  /** Calls {@code run} for every run of the slab, in row-major order. */
  static void forEach(long[] shape, long[] start, int[] count, Run run) {
    int rank = shape.length;
    // j: the outermost dimension of one contiguous run; every dimension inside it is covered whole.
    int j = rank - 1;
    while (j > 0 && count[j] == shape[j]) {
      j--;
    }
    long inner = 1;
    for (int i = j + 1; i < rank; i++) {
      inner *= shape[i];
    }
    long runValues = rank == 0 ? 1 : count[j] * inner;
    long[] strides = new long[rank];
    long s = 1;
    for (int i = rank - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    long firstOfSlab = 0;
    for (int i = 0; i < rank; i++) {
      firstOfSlab += start[i] * strides[i];
    }
    int[] index = new int[Math.max(j, 0)]; // position among the outer dimensions 0..j-1
    int done = 0;
    while (true) {
      long first = firstOfSlab;
      for (int i = 0; i < j; i++) {
        first += index[i] * strides[i];
      }
      run.accept(first, runValues, done);
      done += (int) runValues;
      int d = j - 1;
      while (d >= 0 && ++index[d] == count[d]) {
        index[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }
}
