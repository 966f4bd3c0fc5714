package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BlockFunction;
import io.jask.array.DType;
import io.jask.array.NDArray;

/**
 * A trailing moving window along one dimension, as xarray's {@code rolling(dim=window)} with its
 * defaults: the window ends at each position, and a position whose window is incomplete or holds a
 * NaN gives NaN. The dimension is put in one chunk so that windows never straddle chunks.
 */
public final class Rolling {
  private final DataArray x;
  private final String dim;
  private final int window;

  Rolling(DataArray x, String dim, int window) {
    if (window < 1) {
      throw new XarrayException("rolling window along '" + dim + "' must be at least 1, not " + window);
    }
    x.axis(dim);
    this.x = x;
    this.dim = dim;
    this.window = window;
  }

  public DataArray mean() {
    return apply(false);
  }

  public DataArray sum() {
    return apply(true);
  }

  private DataArray apply(boolean sum) {
    int axis = x.axis(dim);
    int[] cs = new int[x.dims().size()];
    for (int d = 0; d < cs.length; d++) {
      cs[d] = d == axis ? -1 : x.data().chunks().sizes(d)[0];
    }
    Array one = x.data().rechunk(cs);
    return x.withData(one.mapBlocks(new Window(axis, window, sum), DType.FLOAT64)).withAttrs(io.jask.xarray.netcdf.Attributes.empty());
  }

  record Window(int axis, int window, boolean sum) implements BlockFunction {
    @Override
    public NDArray apply(NDArray block) {
      int[] shape = block.shape();
      int outer = AxisSizes.outer(shape, axis);
      int inner = AxisSizes.inner(shape, axis);
      int n = shape[axis];
      double[] v = block.toDoubleArray();
      double[] out = new double[v.length];
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          for (int t = 0; t < n; t++) {
            double s = 0;
            boolean ok = t >= window - 1;
            for (int w = 0; ok && w < window; w++) {
              double a = v[(o * n + t - w) * inner + i];
              if (a != a) {
                ok = false;
              }
              s += a;
            }
            out[(o * n + t) * inner + i] = ok ? (sum ? s : s / window) : Double.NaN;
          }
        }
      }
      return NDArray.of(out, shape);
    }
  }
}
