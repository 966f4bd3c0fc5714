package io.jask.xarray.netcdf.hdf5;

/**
 * Assembles float32 values from the four byte planes of a shuffled chunk: byte {@code k} of value
 * {@code i} lies at {@code s[pk + i]}, byte 0 the lowest. The planes' positions make one kernel
 * serve either byte order and any window of a chunk.
 *
 * <p>Two implementations compute the same values bit for bit: a plain loop, and {@link
 * VectorFloatPlanes} on 256-bit vectors ({@link FloatPlaneKernels} chooses).
 */
interface FloatPlanes {
  /**
   * Writes values {@code 0 .. len} as doubles into {@code out[0, len)}, those equal to {@code fill}
   * as NaN when {@code masked}.
   */
  void widen(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill);

  /** Writes values {@code 0 .. len} into {@code out[0, len)}. */
  void floats(byte[] s, int p0, int p1, int p2, int p3, float[] out, int len);
}
