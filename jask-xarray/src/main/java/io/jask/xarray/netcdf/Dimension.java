package io.jask.xarray.netcdf;

import java.util.Objects;

/**
 * A named dimension of a file.
 *
 * @param name the dimension's name
 * @param length its current length (for an unlimited dimension, the number of records written)
 * @param unlimited whether it can grow (the record dimension of the classic formats)
 */
public record Dimension(String name, long length, boolean unlimited) {
  public Dimension {
    Objects.requireNonNull(name, "name");
    if (length < 0) {
      throw new IllegalArgumentException("dimension " + name + " has negative length " + length);
    }
  }

  @Override
  public String toString() {
    return unlimited ? name + " = UNLIMITED ; // (" + length + " currently)" : name + " = " + length;
  }
}
