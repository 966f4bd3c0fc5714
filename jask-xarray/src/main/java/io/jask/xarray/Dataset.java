package io.jask.xarray;

import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.NetcdfFormat;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Data variables sharing dimensions and coordinates, with global attributes: xarray's {@code
 * Dataset}. Opened from NetCDF files by {@link Xr}; written back by {@link #toNetcdf(Path)}.
 */
public final class Dataset {
  private final Map<String, DataArray> dataVars;
  private final Map<String, Coordinate> coords;
  private final Attributes attrs;

  /**
   * A data set of {@code dataVars} (keyed by name) and {@code coords}.
   *
   * @throws XarrayException if two variables give one dimension different lengths
   */
  public Dataset(Map<String, DataArray> dataVars, Map<String, Coordinate> coords, Attributes attrs) {
    this.dataVars = new LinkedHashMap<>(dataVars);
    this.coords = new LinkedHashMap<>(coords);
    this.attrs = attrs == null ? Attributes.empty() : attrs;
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (DataArray v : this.dataVars.values()) {
      for (Map.Entry<String, Long> e : v.sizes().entrySet()) {
        Long had = sizes.putIfAbsent(e.getKey(), e.getValue());
        if (had != null && !had.equals(e.getValue())) {
          throw new XarrayException("data variable '" + v.name() + "' gives dimension '" + e.getKey() + "' length "
              + e.getValue() + ", another variable " + had);
        }
      }
    }
  }

  /** Every dimension and its length: those of the coordinates, then of the data variables. */
  public Map<String, Long> dims() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Coordinate c : coords.values()) {
      sizes.putIfAbsent(c.dim(), (long) c.size());
    }
    for (DataArray v : dataVars.values()) {
      v.sizes().forEach(sizes::putIfAbsent);
    }
    return sizes;
  }

  public Map<String, DataArray> dataVars() {
    return Collections.unmodifiableMap(dataVars);
  }

  public Map<String, Coordinate> coords() {
    return Collections.unmodifiableMap(coords);
  }

  public Attributes attrs() {
    return attrs;
  }

  /**
   * The data variable {@code name}, or a coordinate as a data array.
   *
   * @throws XarrayException naming the variable and those there are
   */
  public DataArray get(String name) {
    DataArray v = dataVars.get(name);
    if (v != null) {
      return v;
    }
    Coordinate c = coords.get(name);
    if (c != null) {
      return Coordinates.asDataArray(c);
    }
    throw new XarrayException("no variable '" + name + "' in the data set; it has data variables " + dataVars.keySet()
        + " and coordinates " + coords.keySet());
  }

  /** The data set with {@code fn} applied to every data variable. */
  public Dataset map(UnaryOperator<DataArray> fn) {
    Map<String, DataArray> out = new LinkedHashMap<>();
    Map<String, Coordinate> c = new LinkedHashMap<>();
    for (Map.Entry<String, DataArray> e : dataVars.entrySet()) {
      DataArray r = fn.apply(e.getValue());
      out.put(e.getKey(), r);
      c.putAll(r.coords());
    }
    return new Dataset(out, c, attrs);
  }

  /** Position {@code index} of {@code dim} in every variable that has it. */
  public Dataset isel(String dim, long index) {
    requireDim(dim);
    return map(v -> v.dims().contains(dim) ? v.isel(dim, index) : v);
  }

  /** Positions {@code start .. stop} of {@code dim} in every variable that has it. */
  public Dataset isel(String dim, long start, long stop) {
    requireDim(dim);
    return map(v -> v.dims().contains(dim) ? v.isel(dim, start, stop) : v);
  }

  /** The labels {@code lo .. hi} (inclusive) of {@code dim} in every variable that has it. */
  public Dataset sel(String dim, Object lo, Object hi) {
    requireDim(dim);
    return map(v -> v.dims().contains(dim) ? v.sel(dim, lo, hi) : v);
  }

  /** The mean over {@code dims} of every data variable. */
  public Dataset mean(String... dims) {
    for (String d : dims) {
      requireDim(d);
    }
    return map(v -> v.mean(dims));
  }

  private void requireDim(String dim) {
    if (!dims().containsKey(dim)) {
      throw new XarrayException("the data set has no dimension '" + dim + "'; it has " + dims().keySet());
    }
  }

  /** Computes every data variable on the current scheduler. */
  public Dataset compute() {
    return compute(Schedulers.current());
  }

  public Dataset compute(Scheduler scheduler) {
    return map(v -> v.compute(scheduler));
  }

  /** Writes the data set to a NetCDF classic file (CDF-2, or CDF-5 when it needs 64-bit integers). */
  public void toNetcdf(Path path) {
    NetcdfWriting.write(this, path, null, Schedulers.current());
  }

  /** Writes the data set to a NetCDF classic file of {@code format} (CDF1, CDF2 or CDF5). */
  public void toNetcdf(Path path, NetcdfFormat format) {
    NetcdfWriting.write(this, path, format, Schedulers.current());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<jask.Dataset>\nDimensions:  (");
    boolean first = true;
    for (Map.Entry<String, Long> e : dims().entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
      first = false;
    }
    sb.append(")\n");
    Repr.coords(sb, coords, null);
    sb.append("Data variables:\n");
    for (DataArray v : dataVars.values()) {
      sb.append("    ").append(Repr.pad(v.name(), 9)).append(" (").append(String.join(", ", v.dims())).append(") ")
          .append(v.dtype().numpyName()).append(' ').append(Repr.array(v.data())).append('\n');
    }
    Repr.attrs(sb, attrs);
    return sb.toString().stripTrailing();
  }
}
