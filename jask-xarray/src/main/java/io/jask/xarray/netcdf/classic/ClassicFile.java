package io.jask.xarray.netcdf.classic;

import io.jask.xarray.netcdf.ContiguousReader;
import io.jask.xarray.netcdf.Group;
import io.jask.xarray.netcdf.Hyperslabs;
import io.jask.xarray.netcdf.NetcdfException;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.PositionalFile;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A classic-format NetCDF file (CDF-1, CDF-2, CDF-5) open for reading.
 *
 * <p>Values are big-endian. A fixed-size variable is one contiguous block; a record variable is
 * one block per record, records {@code recordSize} bytes apart. Both are read through {@link
 * ContiguousReader}, so reading whole records is one positional read per record.
 */
public final class ClassicFile implements NetcdfFile {
  private final PositionalFile file;
  private final ClassicHeader header;
  private final Group root;
  private final Map<String, ClassicVariable> byName = new HashMap<>();

  private ClassicFile(PositionalFile file, ClassicHeader header) {
    this.file = file;
    this.header = header;
    for (ClassicVariable v : header.variables()) {
      byName.put(v.variable().name(), v);
    }
    this.root = new Group("/", header.dimensions(), header.variables().stream().map(ClassicVariable::variable).toList(),
        header.attributes(), List.of());
  }

  /**
   * Opens {@code path} and reads its header.
   *
   * @throws NetcdfException when the file is missing, not classic NetCDF, truncated or corrupt
   */
  public static ClassicFile open(Path path) {
    PositionalFile f = PositionalFile.open(path);
    try {
      return new ClassicFile(f, ClassicHeaderParser.parse(f));
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  @Override
  public Path path() {
    return file.path();
  }

  @Override
  public NetcdfFormat format() {
    return header.format();
  }

  @Override
  public Group root() {
    return root;
  }

  /** Number of records (the length of the unlimited dimension). */
  public long numRecords() {
    return header.numRecords();
  }

  @Override
  public void readInto(Variable variable, long[] start, int[] count, Slab out) {
    ClassicVariable cv = byName.get(variable.name());
    if (cv == null || !cv.variable().group().equals(variable.group())) {
      throw new NetcdfException(path(), "no variable '" + variable.path() + "' in this file");
    }
    Variable v = cv.variable();
    Hyperslabs.check(path(), v, start, count);
    Hyperslabs.checkTarget(path(), v, count, out);
    if (out.size() == 0) {
      return;
    }
    long[] shape = v.shape();
    if (cv.record()) {
      int inner = shape.length - 1;
      long[] innerShape = new long[inner];
      long[] innerStart = new long[inner];
      int[] innerCount = new int[inner];
      System.arraycopy(shape, 1, innerShape, 0, inner);
      System.arraycopy(start, 1, innerStart, 0, inner);
      System.arraycopy(count, 1, innerCount, 0, inner);
      int perRecord = (int) Hyperslabs.size(innerCount);
      for (int r = 0; r < count[0]; r++) {
        long base = cv.begin() + (start[0] + r) * header.recordSize();
        ContiguousReader.read(file, base, ByteOrder.BIG_ENDIAN, v.dtype(), innerShape, innerStart, innerCount, out.data(),
            r * perRecord, "variable " + v.name());
      }
    } else {
      ContiguousReader.read(file, cv.begin(), ByteOrder.BIG_ENDIAN, v.dtype(), shape, start, count, out.data(), 0,
          "variable " + v.name());
    }
  }

  @Override
  public void close() {
    file.close();
  }

  @Override
  public String toString() {
    return "ClassicFile[" + path() + ", " + format() + "]";
  }
}
