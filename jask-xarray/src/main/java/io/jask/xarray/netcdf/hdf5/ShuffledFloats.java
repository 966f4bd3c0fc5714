package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.ChunkValues;

/**
 * The float32 values of a shuffled chunk, assembled from their byte planes by {@link
 * FloatPlaneKernels}' kernels as they are read: subclasses say where the planes of the values
 * asked for lie.
 */
abstract class ShuffledFloats implements ChunkValues.Floats {
  /** The array that holds the byte planes of values {@code from .. from+n}, made ready for reading. */
  abstract byte[] planes(int from, int n);

  /** Where in {@link #planes} byte {@code k} (0 the lowest) of value {@code from} lies. */
  abstract int start(int k, int from, int n);

  @Override
  public void copy(int from, int n, Object out) {
    byte[] s = planes(from, n);
    FloatPlaneKernels.current().floats(s, start(0, from, n), start(1, from, n), start(2, from, n), start(3, from, n),
        (float[]) out, n);
  }

  @Override
  public void copyWidened(int from, int n, double[] dst, boolean masked, float fill) {
    byte[] s = planes(from, n);
    FloatPlaneKernels.current().widen(s, start(0, from, n), start(1, from, n), start(2, from, n), start(3, from, n),
        dst, n, masked, fill);
  }

  @Override
  public boolean copyWidenedAdding(int from, int n, double[] dst, boolean masked, float fill, double[] sums, int at) {
    byte[] s = planes(from, n);
    return FloatPlaneKernels.current().widenAdding(s, start(0, from, n), start(1, from, n), start(2, from, n),
        start(3, from, n), dst, n, masked, fill, sums, at);
  }

  @Override
  public double copyWidenedSumming(int from, int n, double[] dst, boolean masked, float fill) {
    byte[] s = planes(from, n);
    return FloatPlaneKernels.current().widenSumming(s, start(0, from, n), start(1, from, n), start(2, from, n),
        start(3, from, n), dst, n, masked, fill);
  }
}
