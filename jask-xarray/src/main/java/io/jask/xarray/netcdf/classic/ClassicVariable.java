package io.jask.xarray.netcdf.classic;

import io.jask.xarray.netcdf.Variable;

/**
 * Where a classic-format variable lies in its file.
 *
 * @param variable the format-neutral metadata
 * @param begin file offset of its first value (of its first record, for a record variable)
 * @param record whether its outermost dimension is the record (unlimited) dimension
 * @param valuesPerRecord values in one record (all values for a fixed-size variable)
 */
record ClassicVariable(Variable variable, long begin, boolean record, long valuesPerRecord) {

  /** Bytes of one record (or of the whole fixed-size variable) without padding. */
  long bytesPerRecord() {
    return valuesPerRecord * variable.dtype().size();
  }
}
