package io.jask.xarray.netcdf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stage of a variable's compression pipeline, as HDF5 records it: the registered filter id,
 * its name and its client parameters (for deflate, the level).
 */
public record Filter(int id, String name, int[] parameters) {
  public static final int DEFLATE = 1;
  public static final int SHUFFLE = 2;
  public static final int FLETCHER32 = 3;
  public static final int SZIP = 4;

  public Filter {
    Objects.requireNonNull(name, "name");
    parameters = parameters == null ? new int[0] : parameters.clone();
  }

  @Override
  public int[] parameters() {
    return parameters.clone();
  }

  /** Whether Jask's chunk decoder can undo this filter. */
  public boolean isSupported() {
    return id == DEFLATE || id == SHUFFLE || id == FLETCHER32;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter f && id == f.id && name.equals(f.name) && Arrays.equals(parameters, f.parameters);
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(parameters);
  }

  @Override
  public String toString() {
    return name + "(id " + id + (parameters.length == 0 ? "" : ", " + Arrays.toString(parameters)) + ")";
  }
}
