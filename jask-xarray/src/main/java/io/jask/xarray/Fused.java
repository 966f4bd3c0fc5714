package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BlockInfo;
import io.jask.array.BlockReduction;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.PositionedBlockFunction;
import io.jask.core.graph.Functions;
import io.jask.core.graph.Tokens;
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
    return placeholder().mapBlocksAt(new Task(rows, chunks, kernel), dtype, out, inputs.toArray(Array[]::new));
  }

  /**
   * {@code reduction} along {@code axis} as {@link Array#reduceBlocks}, each chunk's partial made
   * from its rows as they are read; finished into blocks cut as {@code out}.
   */
  Array reduce(int axis, RowReduction<?> reduction, DType dtype, Chunks out, int splitEvery) {
    return placeholder().reduceBlocks(axis, new Reduction<>(rows, chunks, reduction), dtype, out, splitEvery,
        inputs.toArray(Array[]::new));
  }

  /** One tiny block per chunk, which carries the chunk's index; the task computes the chunk itself. */
  private Array placeholder() {
    int[] nb = chunks.numBlocks();
    long[] shape = new long[nb.length];
    int[] ones = new int[nb.length];
    for (int d = 0; d < nb.length; d++) {
      shape[d] = nb[d];
      ones[d] = 1;
    }
    return Array.zeros(shape, ones);
  }

  /** A function of one chunk's rows: what a fused task computes. */
  @FunctionalInterface
  interface RowKernel extends Serializable {
    /** The output block made from the rows of the chunk at {@code where}. */
    NDArray apply(ChunkRows.Rows rows, BlockInfo where) throws Exception;
  }

  /**
   * A reduction whose partials are made from a chunk's rows: by {@link #reduce} from the file, or
   * as a {@link BlockReduction} from blocks in memory.
   */
  interface RowReduction<P> extends BlockReduction<P> {
    /** The partial of one chunk's rows; {@code where} is the chunk's place in the array. */
    P partial(ChunkRows.Rows rows, BlockInfo where) throws Exception;

    @Override
    default P partial(NDArray block, BlockInfo where, NDArray[] wholes) throws Exception {
      return partial(ChunkRows.of(block), new BlockInfo(where.index(), where.offset(), block.shape()));
    }

    @Override
    default RowReduction<P> accumulation() {
      return this;
    }
  }

  /** {@link #reduce}'s reduction: opens the chunk named by the placeholder's index and reduces its rows. */
  record Reduction<P>(ChunkRows rows, Chunks chunks, RowReduction<P> reduction)
      implements BlockReduction<P>, Functions.NamedFunction {
    @Override
    public P partial(NDArray placeholder, BlockInfo where, NDArray[] wholes) throws Exception {
      int[] idx = where.index();
      BlockInfo src = new BlockInfo(idx, chunks.blockOffset(idx), chunks.blockShape(idx));
      return reduction.partial(rows.open(src, wholes, 0), src);
    }

    @Override
    public P combine(List<P> partials) {
      return reduction.combine(partials);
    }

    @Override
    public NDArray finish(P partial, int[] shape) {
      return reduction.finish(partial, shape);
    }

    @Override
    public NDArray finish(List<P> partials, int[] shape) {
      return reduction.finish(partials, shape);
    }

    @Override
    public BlockReduction<P> merging() {
      return reduction;
    }

    @Override
    public BlockReduction<P> accumulation() {
      return new Reduction<>(rows, chunks, reduction.accumulation());
    }

    @Override
    public String name() {
      return Functions.name(reduction);
    }

    @Override
    public String identity() {
      return getClass().getName() + ":" + Tokens.tokenize(rows, chunks, Functions.identity(reduction));
    }
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
