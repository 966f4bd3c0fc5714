/**
 * The classic NetCDF formats, CDF-1 (classic), CDF-2 (64-bit offset) and CDF-5 (64-bit data),
 * read and written by Jask from the format specification: a big-endian header of dimensions,
 * attributes and variables with their file offsets; fixed-size variables stored contiguously;
 * record variables interleaved record by record along the one unlimited dimension.
 */
package io.jask.xarray.netcdf.classic;
