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

    /**
     * {@link #copyWidened}, also adding each value that is not NaN to {@code sums[at + i]} in the
     * same pass; whether none was NaN.
     */
    boolean copyWidenedAdding(int from, int n, double[] dst, boolean masked, float fill, double[] sums, int at);

    /**
     * {@link #copyWidened}, also returning the values' sum (NaN if one is NaN) in the same pass, in
     * this order: value {@code i} into running sum {@code i % 8}, the values after the last whole
     * eight into sum 0, then {@code ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7))}.
     */
    double copyWidenedSumming(int from, int n, double[] dst, boolean masked, float fill);
  }
}
