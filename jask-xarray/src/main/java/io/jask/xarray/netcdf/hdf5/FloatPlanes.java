package io.jask.xarray.netcdf.hdf5;

/**
 * Assembles float32 values from the four byte planes of a shuffled chunk: byte {@code k} of value
 * {@code i} lies at {@code s[pk + i]}, byte 0 the lowest. The planes' positions make one kernel
 * serve either byte order and any window of a chunk. Values equal to {@code fill} become NaN when
 * {@code masked}.
 *
 * <p>Two implementations compute the same results bit for bit: a plain loop, and {@link
 * VectorFloatPlanes} on 256-bit vectors ({@link FloatPlaneKernels} chooses). The two that also
 * consume the values do so in the same pass, while they are in registers.
 */
interface FloatPlanes {
  /** Writes values {@code 0 .. len} as doubles into {@code out[0, len)}. */
  void widen(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill);

  /** Writes values {@code 0 .. len} into {@code out[0, len)}. */
  void floats(byte[] s, int p0, int p1, int p2, int p3, float[] out, int len);

  /**
   * {@link #widen}, also adding each value that is not NaN to {@code sums[at + i]}; whether none
   * was NaN.
   */
  boolean widenAdding(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill,
      double[] sums, int at);

  /**
   * {@link #widen}, also returning the values' sum (NaN if one is NaN) in this order: value {@code
   * i} into running sum {@code i % 8}, the values after the last whole eight into sum 0, then
   * {@code ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7))}.
   */
  double widenSumming(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill);
}
