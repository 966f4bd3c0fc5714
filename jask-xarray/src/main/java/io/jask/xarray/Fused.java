package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.PositionedBlockFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A data array's chunks as {@link ChunkRows} (computed straight from the file, row by row), the
 * chunking, and the whole arrays the rows read. Reductions use it to run one fused task per
 * chunk: read, decode, the elementwise steps and the reduction's accumulation in one pass.
 */
record Fused(ChunkRows rows, Chunks chunks, List<Array> inputs) {

  /** The rows of a file's variable, read chunk by chunk. */
  static Fused read(ChunkRead read, Chunks chunks) {
    return new Fused(read, chunks, List.of());
  }

  /** This chain followed by {@code next}, which reads {@code more} whole arrays after this chain's. */
  Fused then(ChunkRows next, Array... more) {
    List<Array> in = new ArrayList<>(inputs);
    in.addAll(List.of(more));
    return new Fused(next, chunks, in);
  }

  /**
   * One task per chunk: {@code kernel} applied to the chunk's rows, making blocks cut as {@code
   * out}, which has the same number of blocks along each axis as {@link #chunks}.
   */
  Array map(RowKernel kernel, DType dtype, Chunks out) {
    int[] nb = chunks.numBlocks();
    long[] shape = new long[nb.length];
    int[] ones = new int[nb.length];
    for (int d = 0; d < nb.length; d++) {
      shape[d] = nb[d];
      ones[d] = 1;
    }
    // one tiny placeholder block per chunk carries the chunk's index; the task computes the chunk itself
    Array placeholder = Array.zeros(shape, ones);
    return placeholder.mapBlocksAt(new Task(rows, chunks, kernel), dtype, out, inputs.toArray(Array[]::new));
  }

  /** A function of one chunk's rows: what a fused task computes. */
  @FunctionalInterface
  interface RowKernel extends Serializable {
    /** The output block made from the rows of the chunk at {@code where}. */
    NDArray apply(ChunkRows.Rows rows, BlockInfo where) throws Exception;
  }

  /** The fused task: opens the chunk named by the placeholder's index and hands its rows to the kernel. */
  record Task(ChunkRows rows, Chunks chunks, RowKernel kernel) implements PositionedBlockFunction {
    @Override
    public NDArray apply(NDArray placeholder, BlockInfo where, NDArray[] wholes) throws Exception {
      int[] idx = where.index();
      BlockInfo src = new BlockInfo(idx, chunks.blockOffset(idx), chunks.blockShape(idx));
      return kernel.apply(rows.open(src, wholes, 0), src);
    }
  }

  /** The kernel that writes the rows out: the chunk itself, as float64. */
  record Materialise() implements RowKernel {
    @Override
    public NDArray apply(ChunkRows.Rows rows, BlockInfo where) {
      int n = rows.rowLength();
      double[] out = new double[n * rows.rowCount()];
      double[] row = new double[n];
      for (int r = 0; r < rows.rowCount(); r++) {
        rows.row(r, row);
        System.arraycopy(row, 0, out, r * n, n);
      }
      return NDArray.of(out, where.shape());
    }
  }
}
