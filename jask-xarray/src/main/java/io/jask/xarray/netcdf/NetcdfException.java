package io.jask.xarray.netcdf;

import io.jask.core.JaskException;
import java.nio.file.Path;

/**
 * A NetCDF or HDF5 file could not be opened, read or written. The message always begins with the
 * file and then names the thing at fault (a variable, a dimension, a filter, an offset).
 */
public class NetcdfException extends JaskException {
  private static final long serialVersionUID = 1L;

  private final String file;

  public NetcdfException(Path file, String message) {
    super(file + ": " + message);
    this.file = String.valueOf(file);
  }

  public NetcdfException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = String.valueOf(file);
  }

  /** The file at fault, as given when it was opened. */
  public String file() {
    return file;
  }
}
