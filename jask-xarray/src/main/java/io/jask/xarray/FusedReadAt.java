package io.jask.xarray;

import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.NDArray;
import io.jask.array.PositionedBlockFunction;

/**
 * {@link FusedRead} for a function that also reads whole small arrays (a climatology): it runs on
 * a placeholder block whose index names the source chunk, reads that chunk into the thread's
 * reused buffer and hands it on with the whole arrays.
 */
record FusedReadAt(ChunkRead read, Chunks sourceChunks, PositionedBlockFunction fn) implements PositionedBlockFunction {
  @Override
  public NDArray apply(NDArray placeholder, BlockInfo where, NDArray[] wholes) throws Exception {
    int[] idx = where.index();
    BlockInfo src = new BlockInfo(idx, sourceChunks.blockOffset(idx), sourceChunks.blockShape(idx));
    return fn.apply(read.blockInto(src), src, wholes);
  }
}
