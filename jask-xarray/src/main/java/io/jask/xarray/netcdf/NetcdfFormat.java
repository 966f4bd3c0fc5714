package io.jask.xarray.netcdf;

/** The on-disk formats Jask reads, told apart by their first bytes. */
public enum NetcdfFormat {
  /** Classic format, {@code CDF\001}: 32-bit offsets. */
  CDF1,
  /** 64-bit offset format, {@code CDF\002}. */
  CDF2,
  /** 64-bit data format, {@code CDF\005}: 64-bit sizes and the unsigned and 64-bit types. */
  CDF5,
  /** NetCDF-4, stored as HDF5 ({@code \211HDF\r\n\032\n}). */
  NETCDF4;

  public boolean isClassic() {
    return this != NETCDF4;
  }
}
