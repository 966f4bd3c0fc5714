package io.jask.xarray.netcdf;

/**
 * The values of one stored chunk, decompressed into memory that belongs to the reading thread and
 * read out on demand, in the variable's type: a reader that uses each value once copies runs of
 * them into a small array instead of the whole chunk into a slab. Valid until the thread's next
 * read of the same file format.
 */
@FunctionalInterface
public interface ChunkValues {
  /**
   * Copies values {@code from .. from+n} (row-major within the chunk) into {@code out[0, n)}, a
   * primitive array of the variable's slab type.
   */
  void copy(int from, int n, Object out);

  /** Float32 values that widen straight into doubles, with no float copy in between. */
  interface Floats extends ChunkValues {
    /**
     * Writes values {@code from .. from+n} as doubles into {@code dst[0, n)}, those equal to
     * {@code fill} as NaN when {@code masked}.
     */
    void copyWidened(int from, int n, double[] dst, boolean masked, float fill);
  }
}
