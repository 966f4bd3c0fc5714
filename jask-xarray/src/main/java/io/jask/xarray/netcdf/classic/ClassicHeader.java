package io.jask.xarray.netcdf.classic;

import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.Dimension;
import io.jask.xarray.netcdf.NetcdfFormat;
import java.util.List;

/**
 * A parsed classic-format header.
 *
 * @param format CDF-1, CDF-2 or CDF-5
 * @param numRecords the number of records (the unlimited dimension's length)
 * @param dimensions the dimensions, in id order
 * @param attributes the global attributes
 * @param variables the variables with their offsets, in file order
 * @param recordSize bytes from one record to the next
 * @param headerSize bytes the header occupies
 */
record ClassicHeader(
    NetcdfFormat format,
    long numRecords,
    List<Dimension> dimensions,
    Attributes attributes,
    List<ClassicVariable> variables,
    long recordSize,
    long headerSize) {}
