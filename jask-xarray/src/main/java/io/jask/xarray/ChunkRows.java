package io.jask.xarray;

import io.jask.array.BlockInfo;
import io.jask.array.NDArray;
import java.io.Serializable;

/**
 * How to compute each chunk of an array straight from its file, a row at a time, in memory that
 * is reused from chunk to chunk: the read, the CF decoding and elementwise steps after them
 * (group-wise arithmetic against a climatology, say). A reduction of such an array reads each
 * row into a small buffer and accumulates it at once, so a chunk is never held as a fresh array.
 *
 * <p>Serialisable: it travels inside the reduction's tasks to the workers. The small arrays that
 * a step reads whole (a climatology) travel as the tasks' inputs, {@code wholes}.
 */
interface ChunkRows extends Serializable {
  /** How many whole arrays {@link #open} reads from {@code wholes}, starting at {@code first}. */
  int inputs();

  /**
   * Opens the chunk at {@code where}. Its rows stay valid until this thread opens another chunk.
   *
   * @param wholes the whole arrays of the task; this chain's are {@code wholes[first ..]}
   */
  Rows open(BlockInfo where, NDArray[] wholes, int first) throws Exception;

  /** One chunk's values as doubles, row by row: a row runs along the last axis. */
  interface Rows {
    /** The number of values in a row (the chunk's extent along its last axis; 1 for a scalar). */
    int rowLength();

    /** The number of rows. */
    int rowCount();

    /** Writes the values of row {@code r} (in row-major order) into {@code dst[0, rowLength())}. */
    void row(int r, double[] dst);

    /**
     * {@link #row}, also adding its values that are not NaN to {@code sums} from {@code at};
     * whether none was NaN.
     */
    default boolean rowAdding(int r, double[] dst, double[] sums, int at) {
      row(r, dst);
      return RowSums.addSkippingNaN(dst, rowLength(), sums, at);
    }

    /** {@link #row}, also returning its {@link RowSums#plain} sum. */
    default double rowSumming(int r, double[] dst) {
      row(r, dst);
      return RowSums.plain(dst, rowLength());
    }
  }

  /** The rows of a chunk already in memory. */
  static Rows of(NDArray block) {
    double[] v = block.toDoubleArray();
    int[] shape = block.shape();
    int length = shape.length == 0 ? 1 : shape[shape.length - 1];
    int count = length == 0 ? 0 : v.length / length;
    return new Rows() {
      @Override
      public int rowLength() {
        return length;
      }

      @Override
      public int rowCount() {
        return count;
      }

      @Override
      public void row(int r, double[] dst) {
        System.arraycopy(v, r * length, dst, 0, length);
      }
    };
  }
}
