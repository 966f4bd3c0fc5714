package io.jask.xarray.netcdf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a hyperslab of a row-major block stored contiguously in a file (a classic variable, one
 * classic record, an HDF5 contiguous dataset) as few positional reads as the slab allows: the
 * innermost dimensions the slab covers whole merge into one run. Runs go through a per-thread
 * scratch buffer reused from read to read and are decoded straight into the slab's array.
 */
public final class ContiguousReader {
  /** Largest scratch buffer kept per thread; longer runs are read in pieces of this size. */
  private static final int SCRATCH_BYTES = 1 << 20;

  private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

  private ContiguousReader() {}

  /**
   * Reads the slab {@code start/count} of the block of {@code shape} stored at byte {@code base}
   * of {@code file} into {@code out} (the array of a slab of type {@code dtype}) from {@code outOffset}.
   *
   * @param what the variable's name, for error messages
   */
  public static void read(PositionalFile file, long base, ByteOrder order, DType dtype, long[] shape, long[] start,
      int[] count, Object out, int outOffset, String what) {
    int rank = shape.length;
    int elem = dtype.size();
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
    int written = outOffset;
    while (true) {
      long first = firstOfSlab;
      for (int i = 0; i < j; i++) {
        first += index[i] * strides[i];
      }
      readRun(file, base + first * elem, order, dtype, runValues, out, written, what);
      written += (int) runValues;
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

  private static void readRun(PositionalFile file, long position, ByteOrder order, DType dtype, long values,
      Object out, int offset, String what) {
    int elem = dtype.size();
    long remaining = values;
    long pos = position;
    int at = offset;
    while (remaining > 0) {
      int n = (int) Math.min(remaining, SCRATCH_BYTES / elem);
      ByteBuffer b = scratch(n * elem);
      file.readFully(b, pos, what);
      b.flip().order(order);
      Decode.into(dtype, b, out, at, n);
      remaining -= n;
      pos += (long) n * elem;
      at += n;
    }
  }

  private static ByteBuffer scratch(int bytes) {
    ByteBuffer b = SCRATCH.get();
    if (b.capacity() < bytes) {
      b = ByteBuffer.allocate(Math.max(bytes, Math.min(SCRATCH_BYTES, b.capacity() * 2)));
      SCRATCH.set(b);
    }
    b.clear().limit(bytes);
    return b;
  }
}
