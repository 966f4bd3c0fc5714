package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.Variable;
import io.jhdf.api.Dataset;
import java.nio.ByteOrder;

/**
 * A NetCDF-4 variable and the HDF5 dataset behind it.
 *
 * @param variable the format-neutral metadata
 * @param dataset the jhdf dataset
 * @param order the byte order of its stored values
 * @param fill what unwritten values read as (a one-element slab array)
 */
record Hdf5Variable(Variable variable, Dataset dataset, ByteOrder order, Object fill) {}
