package io.jask.xarray;

/**
 * Weighted reductions, as xarray's {@code DataArray.weighted(weights)}: weights broadcast by
 * dimension name; NaN values of the data are skipped and their weights left out of the total.
 */
public final class Weighted {
  private final DataArray x;
  private final DataArray weights;

  Weighted(DataArray x, DataArray weights) {
    this.x = x;
    this.weights = weights;
    for (String d : weights.dims()) {
      x.axis(d);
    }
  }

  /** The sum of weight times value over {@code dims} (all when none), NaN values skipped. */
  public DataArray sum(String... dims) {
    return x.times(weights).sum(dims);
  }

  /** The total weight of the non-NaN values over {@code dims}. */
  public DataArray sumOfWeights(String... dims) {
    return x.notNull().times(weights).sum(dims);
  }

  /** The weighted mean over {@code dims} (all when none), NaN where no weight remains. */
  public DataArray mean(String... dims) {
    DataArray fused = FusedWeightedMean.tryFused(x, weights, dims);
    if (fused != null) {
      return fused;
    }
    DataArray den = sumOfWeights(dims);
    DataArray den2 = den.where(den.apply(io.jask.array.UnaryOp.LOGICAL_NOT).apply(io.jask.array.UnaryOp.LOGICAL_NOT));
    return sum(dims).div(den2).rename(x.name());
  }
}
