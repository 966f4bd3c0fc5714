package io.jask.xarray.netcdf.hdf5;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Where a stored chunk lies in the file, from jhdf's chunk index, so that Jask can read its bytes
 * with positional reads into its own reused buffers: jhdf hands chunks out only as memory-mapped
 * buffers, whose pages count towards the process's resident memory until they are collected.
 * jhdf keeps the index to its subclasses (a protected method); where that is not reachable (an
 * other jhdf version), {@link #find} answers null and the caller uses jhdf's mapped buffer.
 */
final class ChunkIndex {
  private static final Method LOOKUP = lookupMethod();

  private ChunkIndex() {}

  private static Method lookupMethod() {
    try {
      Method m = Class.forName("io.jhdf.dataset.chunked.ChunkedDatasetBase").getDeclaredMethod("getChunkLookup");
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The chunk whose first element is at {@code origin}, null when it is not stored or the index is out of reach. */
  @SuppressWarnings("unchecked")
  static Chunk find(ChunkedDataset d, int[] origin) {
    if (LOOKUP == null || !LOOKUP.getDeclaringClass().isInstance(d)) {
      return null;
    }
    try {
      Map<ChunkOffset, Chunk> lookup = (Map<ChunkOffset, Chunk>) LOOKUP.invoke(d);
      long[] o = new long[origin.length];
      for (int i = 0; i < o.length; i++) {
        o[i] = origin[i];
      }
      return lookup.get(new ChunkOffset(o));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Whether the index can be read at all (else every chunk comes through jhdf's mapped buffers). */
  static boolean available() {
    return LOOKUP != null;
  }
}
