package io.jask.xarray.netcdf;

import java.nio.file.Path;
import java.util.Arrays;

/** Checks of hyperslab requests, shared by the readers and writers. */
public final class Hyperslabs {
  private Hyperslabs() {}

  /**
   * Checks that {@code start .. start+count} lies within {@code v}'s shape and that the slab fits
   * one Java array.
   *
   * @return the number of values in the slab
   * @throws NetcdfException naming the file, the variable and the dimension at fault
   */
  public static int check(Path file, Variable v, long[] start, int[] count) {
    if (start.length != v.rank() || count.length != v.rank()) {
      throw new NetcdfException(file, "variable " + v.path() + " has " + v.rank() + " dimensions "
          + v.dims() + " but the slab start " + Arrays.toString(start) + " / count " + Arrays.toString(count)
          + " has " + start.length + "/" + count.length);
    }
    long[] shape = v.shape();
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      if (start[i] < 0 || count[i] < 0 || start[i] + count[i] > shape[i]) {
        throw new NetcdfException(file, "variable " + v.path() + ": slab " + start[i] + ".." + (start[i] + count[i])
            + " is outside dimension " + v.dims().get(i) + " of length " + shape[i]);
      }
      n *= count[i];
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new NetcdfException(file, "variable " + v.path() + ": slab of " + n + " values does not fit one array");
    }
    return (int) n;
  }

  /**
   * Checks that {@code target} can receive the slab {@code count} of {@code v}.
   *
   * @throws NetcdfException naming the file and the variable when its type or shape differ
   */
  public static void checkTarget(Path file, Variable v, int[] count, Slab target) {
    if (target.dtype() != v.dtype() || !Arrays.equals(target.shape(), count)) {
      throw new NetcdfException(file, "variable " + v.path() + ": cannot read a " + v.dtype().cdlName() + " slab of shape "
          + Arrays.toString(count) + " into " + target);
    }
  }

  /** Product of a shape's extents. */
  public static long size(int[] shape) {
    return Slab.product(shape);
  }
}
