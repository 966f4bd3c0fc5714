package io.jask.array;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file of raw little-endian elements in row-major order (what NumPy's {@code tofile} writes and
 * {@code fromfile} reads), written block by block with positional writes, so blocks may be
 * written concurrently by threads or by worker processes on the same machine.
 *
 * @param path the file; created if missing, never truncated
 * @param shape the whole array's shape
 * @param dtype the element type written
 */
public record RawFileTarget(String path, long[] shape, DType dtype) implements ArrayTarget {
  /** A target for {@code array}'s shape and dtype at {@code path}. */
  public static RawFileTarget of(Path path, Array array) {
    return new RawFileTarget(path.toAbsolutePath().toString(), array.shape(), array.dtype());
  }

  @Override
  public void write(long[] offset, NDArray block) throws IOException {
    if (offset.length != shape.length || block.ndim() != shape.length) {
      throw new IllegalArgumentException("a block of shape " + Arrays.toString(block.shape) + " at "
          + Arrays.toString(offset) + " does not fit an array of shape " + Arrays.toString(shape));
    }
    NDArray b = block.astype(dtype).contiguous();
    int nd = shape.length;
    int rowLen = nd == 0 ? 1 : b.shape[nd - 1];
    int rows = rowLen == 0 ? 0 : b.size / rowLen;
    int item = dtype.itemSize();
    ByteBuffer buf = ByteBuffer.allocate(rowLen * item).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      int[] idx = new int[Math.max(nd - 1, 0)];
      for (int r = 0; r < rows; r++) {
        long pos = 0;
        for (int d = 0; d < nd; d++) {
          long i = offset[d] + (d < nd - 1 ? idx[d] : 0);
          pos = pos * shape[d] + i;
        }
        buf.clear();
        Encoding.put(buf, b, r * rowLen, rowLen);
        buf.flip();
        long at = pos * item;
        while (buf.hasRemaining()) {
          at += ch.write(buf, at);
        }
        for (int d = nd - 2; d >= 0; d--) {
          if (++idx[d] < b.shape[d]) {
            break;
          }
          idx[d] = 0;
        }
      }
    }
  }

  /** Reads the whole file back as an NDArray (for arrays that fit in one). */
  public NDArray read() throws IOException {
    int[] s = new int[shape.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = Math.toIntExact(shape[d]);
    }
    NDArray.checkShape(s);
    int n = NDArray.product(s);
    ByteBuffer buf = ByteBuffer.allocate(n * dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
        // positional reads until full
      }
    }
    buf.flip();
    return Encoding.get(buf, dtype, s);
  }
}
