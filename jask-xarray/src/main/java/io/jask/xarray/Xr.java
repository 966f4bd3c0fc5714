package io.jask.xarray;

import io.jask.xarray.netcdf.MultiFileOpener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opening NetCDF files as labelled data sets, as xarray's {@code open_dataset} and {@code
 * open_mfdataset}: only metadata and coordinates are read; every chunk of a data variable is read
 * (and CF-decoded) by its own task when computed.
 *
 * <pre>{@code
 * Dataset ds = Xr.openDataset(Path.of("tas.nc"), Map.of("time", 365));
 * DataArray clim = ds.get("tas").groupBy("time.month").mean();
 * }</pre>
 */
public final class Xr {
  private Xr() {}

  /** Opens {@code path} with chunks of the given lengths (dimensions not named are whole), decoding CF conventions. */
  public static Dataset openDataset(Path path, Map<String, Integer> chunks) {
    return open(path).chunks(chunks).dataset();
  }

  /** Opens the files matching {@code glob} (sorted by name), joined along {@code concatDim}. */
  public static Dataset openMfDataset(String glob, String concatDim) {
    return open(MultiFileOpener.glob(glob)).concatDim(concatDim).dataset();
  }

  /** Opens {@code files} in order, joined along {@code concatDim}. */
  public static Dataset openMfDataset(List<Path> files, String concatDim) {
    return open(files).concatDim(concatDim).dataset();
  }

  /** Options for opening one file. */
  public static DatasetOpener open(Path path) {
    return new DatasetOpener(List.of(path));
  }

  /** Options for opening several files joined along one dimension (set with {@link DatasetOpener#concatDim}). */
  public static DatasetOpener open(List<Path> files) {
    return new DatasetOpener(files);
  }

  /** Closes the files that chunk reads in this JVM keep open. */
  public static void closeFiles() {
    OpenFiles.closeAll();
  }
}
