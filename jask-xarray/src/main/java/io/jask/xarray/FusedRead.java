package io.jask.xarray;

import io.jask.array.BlockGenerator;
import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.NDArray;
import io.jask.array.PositionedBlockFunction;

/**
 * A reduction fused into the read: each task reads its chunk into its thread's reused buffer and
 * reduces it there (group sums, weighted sums), so a chunk never lands in fresh memory. Output
 * block {@code i} is made from source chunk {@code i}.
 */
record FusedRead(ChunkRead read, Chunks sourceChunks, PositionedBlockFunction fn) implements BlockGenerator {
  @Override
  public NDArray block(BlockInfo info) throws Exception {
    int[] idx = info.index();
    BlockInfo src = new BlockInfo(idx, sourceChunks.blockOffset(idx), sourceChunks.blockShape(idx));
    return fn.apply(read.blockInto(src), src, new NDArray[0]);
  }
}
