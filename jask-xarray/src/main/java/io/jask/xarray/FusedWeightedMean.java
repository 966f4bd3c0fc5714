package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BlockFunction;
import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.ReduceOp;
import io.jask.xarray.netcdf.Attributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighted mean fused into the read, for the common case: data straight from a file, weights
 * along one of the reduced dimensions, the reduced dimensions trailing and each whole in a chunk
 * (a global-mean series over a file chunked along time). Each task reads its chunk into a reused
 * buffer and leaves two numbers per kept position: the weighted sum and the weight of its
 * non-NaN values.
 */
final class FusedWeightedMean {
  private FusedWeightedMean() {}

  /** The fused mean, or null when the case does not fit (then the general path runs). */
  static DataArray tryFused(DataArray x, DataArray weights, String[] dims) {
    if (x.fused() == null || weights.dims().size() != 1 || dims.length == 0) {
      return null;
    }
    int nd = x.dims().size();
    int[] axes = x.axes(dims);
    java.util.Arrays.sort(axes);
    int firstReduced = nd - axes.length;
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] != firstReduced + i || x.data().chunks().sizes(axes[i]).length != 1) {
        return null;
      }
    }
    int weightAxis = x.dims().indexOf(weights.dims().get(0));
    if (weightAxis < firstReduced) {
      return null;
    }
    double[] w = weights.values().toDoubleArray();
    long[] shape = x.shape();
    int after = 1;
    for (int d = weightAxis + 1; d < nd; d++) {
      after *= (int) shape[d];
    }
    Chunks in = x.data().chunks();
    int[][] sizes = new int[nd][];
    long[] pshape = x.shape();
    int[][] fsizes = new int[nd][];
    long[] fshape = x.shape();
    for (int d = 0; d < nd; d++) {
      boolean reduced = d >= firstReduced;
      sizes[d] = reduced ? new int[] {d == firstReduced ? 2 : 1} : in.sizes(d);
      pshape[d] = reduced ? (d == firstReduced ? 2 : 1) : pshape[d];
      fsizes[d] = reduced ? new int[] {1} : in.sizes(d);
      fshape[d] = reduced ? 1 : fshape[d];
    }
    Array partials = x.fused().map(new Partials(firstReduced, w, after), DType.FLOAT64, Chunks.explicit(pshape, sizes));
    Array ratio = partials.mapBlocks(new Ratio(firstReduced), DType.FLOAT64, Chunks.explicit(fshape, fsizes));
    int[] squeeze = new int[nd - firstReduced];
    for (int i = 0; i < squeeze.length; i++) {
      squeeze[i] = firstReduced + i;
    }
    List<String> kept = new ArrayList<>(x.dims().subList(0, firstReduced));
    List<String> gone = x.dims().subList(firstReduced, nd);
    Map<String, Coordinate> c = new LinkedHashMap<>();
    for (Coordinate k : x.coords().values()) {
      if (!gone.contains(k.dim())) {
        c.put(k.name(), k);
      }
    }
    return new DataArray(x.name(), kept, ratio.reduce(ReduceOp.SUM, squeeze), c, Attributes.empty());
  }

  /**
   * Per chunk: the weighted sum and the weight of the non-NaN values, per kept position. The
   * weights {@code w} run along one reduced axis, {@code after} values apart in the reduced part
   * of the chunk (the product of the axes after theirs): the task carries them as they are, not
   * broadcast over the reduced part. Along a row (the last axis) they are constant unless they
   * run along it; a constant weight multiplies the row's sum and count.
   */
  record Partials(int firstReduced, double[] w, int after) implements Fused.RowKernel {
    @Override
    public NDArray apply(ChunkRows.Rows rows, BlockInfo where) {
      int[] shape = where.shape();
      int outer = 1;
      int inner = 1;
      for (int d = 0; d < shape.length; d++) {
        if (d < firstReduced) {
          outer *= shape[d];
        } else {
          inner *= shape[d];
        }
      }
      int length = rows.rowLength();
      int rowsPerOuter = length == 0 ? 0 : inner / length;
      boolean alongRows = after == 1 && length > 1; // the weights run along the last axis
      double[] row = new double[length];
      double[] out = new double[outer * 2];
      int r = 0;
      for (int o = 0; o < outer; o++) {
        double num = 0;
        double den = 0;
        for (int q = 0; q < rowsPerOuter; q++) {
          if (alongRows) {
            rows.row(r++, row);
            for (int j = 0; j < length; j++) {
              double a = row[j];
              if (a == a) {
                num += a * w[j];
                den += w[j];
              }
            }
          } else {
            double sum = rows.rowSumming(r++, row);
            int count = length;
            if (sum != sum) {
              sum = RowSums.skippingNaN(row, length);
              count = RowSums.countValid(row, length);
            }
            double wq = w[(int) ((long) q * length / after) % w.length];
            num += wq * sum;
            den += wq * count;
          }
        }
        out[2 * o] = num;
        out[2 * o + 1] = den;
      }
      int[] outShape = shape.clone();
      for (int d = firstReduced; d < shape.length; d++) {
        outShape[d] = d == firstReduced ? 2 : 1;
      }
      return NDArray.of(out, outShape);
    }
  }

  /** Weighted sum over weight, NaN where no weight. */
  record Ratio(int firstReduced) implements BlockFunction {
    @Override
    public NDArray apply(NDArray block) {
      double[] p = block.toDoubleArray();
      double[] out = new double[p.length / 2];
      for (int o = 0; o < out.length; o++) {
        out[o] = p[2 * o + 1] == 0 ? Double.NaN : p[2 * o] / p[2 * o + 1];
      }
      int[] shape = block.shape().clone();
      shape[firstReduced] = 1;
      return NDArray.of(out, shape);
    }
  }
}
