package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.NDArray;
import java.util.List;
import java.util.Map;

/** Coordinates seen as data arrays, for arithmetic with them (cos(lat) weights, say). */
final class Coordinates {
  private Coordinates() {}

  /** The coordinate's labels as a one-chunk data array (times as microseconds since day 0). */
  static DataArray asDataArray(Coordinate c) {
    NDArray v = NDArray.of(c.values(), c.size());
    return new DataArray(c.name(), List.of(c.dim()), Array.fromNDArray(v), Map.of(c.name(), c), c.attrs());
  }
}
