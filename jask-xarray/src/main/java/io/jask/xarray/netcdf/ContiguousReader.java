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
    int elem = dtype.size();
    SlabRuns.forEach(shape, start, count,
        (first, values, done) -> readRun(file, base + first * elem, order, dtype, values, out, outOffset + done, what));
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
