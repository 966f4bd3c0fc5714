/**
 * NetCDF-4 files, which are HDF5 files: structure, attributes and stored chunks come from jhdf;
 * dimension scales are resolved to NetCDF dimension names here, and chunks are decoded (inflate,
 * unshuffle) into per-thread buffers reused from chunk to chunk.
 */
package io.jask.xarray.netcdf.hdf5;
