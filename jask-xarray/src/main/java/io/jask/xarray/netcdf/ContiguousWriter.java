package io.jask.xarray.netcdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes a hyperslab into a row-major block stored contiguously in a file: the mirror of {@link
 * ContiguousReader}, with the same merging of whole inner dimensions into one run and a
 * per-thread scratch buffer.
 */
public final class ContiguousWriter {
  private static final int SCRATCH_BYTES = 1 << 20;
  private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

  private ContiguousWriter() {}

  /**
   * Writes {@code values} (the array of a slab of {@code dtype}, from {@code offset}) to the slab
   * {@code start/count} of the block of {@code shape} stored at byte {@code base}.
   */
  public static void write(FileChannel ch, Path path, long base, ByteOrder order, DType dtype, long[] shape,
      long[] start, int[] count, Object values, int offset) {
    int elem = dtype.size();
    SlabRuns.forEach(shape, start, count,
        (first, n, done) -> writeRun(ch, path, base + first * elem, order, dtype, n, values, offset + done));
  }

  private static void writeRun(FileChannel ch, Path path, long position, ByteOrder order, DType dtype, long values,
      Object in, int offset) {
    int elem = dtype.size();
    long remaining = values;
    long pos = position;
    int at = offset;
    while (remaining > 0) {
      int n = (int) Math.min(remaining, SCRATCH_BYTES / elem);
      ByteBuffer b = scratch(n * elem).order(order);
      encode(dtype, in, at, n, b);
      b.flip();
      writeFully(ch, path, b, pos);
      remaining -= n;
      pos += (long) n * elem;
      at += n;
    }
  }

  /** Writes all of {@code b} at {@code position}. */
  public static void writeFully(FileChannel ch, Path path, ByteBuffer b, long position) {
    long pos = position;
    try {
      while (b.hasRemaining()) {
        pos += ch.write(b, pos);
      }
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot write at offset " + position + ": " + e, e);
    }
  }

  private static void encode(DType dtype, Object in, int at, int n, ByteBuffer b) {
    switch (dtype) {
      case BYTE, UBYTE, CHAR -> b.put((byte[]) in, at, n);
      case SHORT, USHORT -> {
        b.asShortBuffer().put((short[]) in, at, n);
        b.position(b.position() + 2 * n);
      }
      case INT, UINT -> {
        b.asIntBuffer().put((int[]) in, at, n);
        b.position(b.position() + 4 * n);
      }
      case INT64, UINT64 -> {
        b.asLongBuffer().put((long[]) in, at, n);
        b.position(b.position() + 8 * n);
      }
      case FLOAT -> {
        b.asFloatBuffer().put((float[]) in, at, n);
        b.position(b.position() + 4 * n);
      }
      case DOUBLE -> {
        b.asDoubleBuffer().put((double[]) in, at, n);
        b.position(b.position() + 8 * n);
      }
      case STRING -> throw new IllegalArgumentException("strings are not stored as fixed-size values");
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
