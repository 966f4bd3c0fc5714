package io.jask.array;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How a chunked {@link Array} is cut into blocks: per axis, the lengths of its chunks, which add
 * up to the axis's length (Dask's {@code chunks} tuple of tuples). Immutable.
 *
 * <pre>{@code
 * Chunks.of(Array.shape(10, 7), 4, 3)      // ((4, 4, 2), (3, 3, 1))
 * Chunks.of(Array.shape(10, 7), -1, 7)     // ((10,), (7,)): -1 takes the whole axis
 * Chunks.explicit(Array.shape(5), new int[] {2, 3})
 * }</pre>
 */
public final class Chunks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] shape;
  private final int[][] sizes;
  /** Per axis, where each chunk starts; one more entry than chunks: the axis length. */
  private final long[][] starts;

  private Chunks(long[] shape, int[][] sizes) {
    this.shape = shape;
    this.sizes = sizes;
    this.starts = new long[sizes.length][];
    long elements = 1;
    for (int d = 0; d < sizes.length; d++) {
      long[] s = new long[sizes[d].length + 1];
      int largest = 0;
      for (int i = 0; i < sizes[d].length; i++) {
        s[i + 1] = s[i] + sizes[d][i];
        largest = Math.max(largest, sizes[d][i]);
      }
      starts[d] = s;
      elements *= largest;
    }
    if (elements > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("chunks " + this + " make blocks of " + elements
          + " elements; one block holds at most 2^31-9: use smaller chunks");
    }
  }

  /**
   * Chunks of equal length per axis (the last one shorter where the length does not divide),
   * {@code -1} meaning the whole axis. One size may be given for all axes.
   *
   * @throws IllegalArgumentException naming the values if a size is 0 or below -1, or the number of
   *     sizes does not match the shape
   */
  public static Chunks of(long[] shape, int... chunkSizes) {
    checkShape(shape);
    int[] per = chunkSizes;
    if (chunkSizes.length == 1 && shape.length != 1) {
      per = new int[shape.length];
      Arrays.fill(per, chunkSizes[0]);
    }
    if (per.length != shape.length) {
      throw new IllegalArgumentException("chunks " + Arrays.toString(chunkSizes) + " do not match shape "
          + Arrays.toString(shape) + ": one chunk size per axis is needed");
    }
    int[][] sizes = new int[shape.length][];
    for (int d = 0; d < shape.length; d++) {
      long c = per[d] == -1 ? Math.max(shape[d], 1) : per[d];
      if (c <= 0) {
        throw new IllegalArgumentException("chunk size " + per[d] + " for axis " + d + " of shape "
            + Arrays.toString(shape) + " must be positive (or -1 for the whole axis)");
      }
      if (shape[d] == 0) {
        sizes[d] = new int[] {0};
        continue;
      }
      if (c > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("chunk size " + c + " for axis " + d + " is too large");
      }
      int n = (int) ((shape[d] + c - 1) / c);
      int[] s = new int[n];
      for (int i = 0; i < n; i++) {
        s[i] = (int) Math.min(c, shape[d] - i * c);
      }
      sizes[d] = s;
    }
    return new Chunks(shape.clone(), sizes);
  }

  /**
   * Chunks given explicitly, one array of lengths per axis.
   *
   * @throws IllegalArgumentException naming the axis and the sums if the chunks do not cover the
   *     shape exactly, or a chunk is empty on a non-empty axis
   */
  public static Chunks explicit(long[] shape, int[]... chunkSizes) {
    checkShape(shape);
    if (chunkSizes.length != shape.length) {
      throw new IllegalArgumentException(chunkSizes.length + " axes of chunks for shape " + Arrays.toString(shape));
    }
    int[][] sizes = new int[shape.length][];
    for (int d = 0; d < shape.length; d++) {
      long sum = 0;
      for (int c : chunkSizes[d]) {
        if (c < 0 || (c == 0 && shape[d] != 0)) {
          throw new IllegalArgumentException("chunk length " + c + " on axis " + d + " in "
              + Arrays.toString(chunkSizes[d]) + " must be positive");
        }
        sum += c;
      }
      if (sum != shape[d] || chunkSizes[d].length == 0) {
        throw new IllegalArgumentException("chunks " + Arrays.toString(chunkSizes[d]) + " on axis " + d
            + " add up to " + sum + ", but the shape " + Arrays.toString(shape) + " has " + shape[d]);
      }
      sizes[d] = chunkSizes[d].clone();
    }
    return new Chunks(shape.clone(), sizes);
  }

  private static void checkShape(long[] shape) {
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
    }
  }

  /** The array's shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** The number of axes. */
  public int ndim() {
    return shape.length;
  }

  /** The chunk lengths along {@code axis} (a copy). */
  public int[] sizes(int axis) {
    return sizes[axis].clone();
  }

  /** The number of blocks along each axis. */
  public int[] numBlocks() {
    int[] n = new int[sizes.length];
    for (int d = 0; d < n.length; d++) {
      n[d] = sizes[d].length;
    }
    return n;
  }

  /** The total number of blocks. */
  public int blockCount() {
    int n = 1;
    for (int[] s : sizes) {
      n *= s.length;
    }
    return n;
  }

  /** Where chunk {@code block} starts along {@code axis}. */
  public long start(int axis, int block) {
    return starts[axis][block];
  }

  int size(int axis, int block) {
    return sizes[axis][block];
  }

  /** The chunk of {@code axis} that holds position {@code pos} (binary search). */
  int blockOf(int axis, long pos) {
    int i = Arrays.binarySearch(starts[axis], pos);
    int b = i >= 0 ? i : -i - 2;
    // Zero-length chunks cannot occur on non-empty axes, so a hit on a start is that chunk.
    return Math.min(b, sizes[axis].length - 1);
  }

  /** The shape of the block at {@code index}. */
  public int[] blockShape(int[] index) {
    int[] s = new int[index.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = sizes[d][index[d]];
    }
    return s;
  }

  /** Where the block at {@code index} starts in the whole array. */
  public long[] blockOffset(int[] index) {
    long[] o = new long[index.length];
    for (int d = 0; d < o.length; d++) {
      o[d] = starts[d][index[d]];
    }
    return o;
  }

  /** The block index of flat block number {@code flat}, in row-major order. */
  int[] blockIndex(int flat) {
    int[] idx = new int[sizes.length];
    for (int d = sizes.length - 1; d >= 0; d--) {
      idx[d] = flat % sizes[d].length;
      flat /= sizes[d].length;
    }
    return idx;
  }

  /** The same chunks with axis {@code axis} replaced. */
  Chunks withAxis(int axis, long length, int[] axisSizes) {
    long[] s = shape.clone();
    s[axis] = length;
    int[][] z = sizes.clone();
    z[axis] = axisSizes;
    return new Chunks(s, z);
  }

  /** Chunks of the given per-axis lengths (already checked to add up). */
  static Chunks ofSizes(int[][] sizes) {
    long[] s = new long[sizes.length];
    for (int d = 0; d < sizes.length; d++) {
      for (int c : sizes[d]) {
        s[d] += c;
      }
    }
    return new Chunks(s, sizes);
  }

  int[][] allSizes() {
    int[][] z = new int[sizes.length][];
    for (int d = 0; d < z.length; d++) {
      z[d] = sizes[d].clone();
    }
    return z;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Chunks c && Arrays.deepEquals(c.sizes, sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(sizes);
  }

  /** {@code ((4, 4, 2), (3, 3, 1))}, as Dask prints chunks. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int d = 0; d < sizes.length; d++) {
      if (d > 0) {
        sb.append(", ");
      }
      sb.append('(');
      for (int i = 0; i < sizes[d].length; i++) {
        sb.append(i > 0 ? ", " : "").append(sizes[d][i]);
      }
      sb.append(sizes[d].length == 1 ? ",)" : ")");
    }
    return sb.append(sizes.length == 1 ? ",)" : ")").toString();
  }
}
