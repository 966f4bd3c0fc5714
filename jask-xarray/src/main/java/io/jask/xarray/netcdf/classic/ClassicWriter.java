package io.jask.xarray.netcdf.classic;

import static io.jask.xarray.netcdf.classic.ClassicTags.pad4;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.ContiguousWriter;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.Dimension;
import io.jask.xarray.netcdf.FillValues;
import io.jask.xarray.netcdf.Hyperslabs;
import io.jask.xarray.netcdf.NetcdfException;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a classic-format NetCDF file (CDF-1, CDF-2 or CDF-5) as the NetCDF C library lays it
 * out: the header, then every fixed-size variable, then the records, each record holding one
 * slice of every record variable. Variables start filled with their {@code _FillValue} (or the
 * default fill), as in the C library's fill mode, so values never written read as missing.
 *
 * <pre>{@code
 * try (ClassicWriter w = ClassicWriter.builder(path, NetcdfFormat.CDF2)
 *     .unlimitedDimension("time").dimension("lat", 180)
 *     .variable("lat", DType.FLOAT, List.of("lat"), Attributes.of(Attribute.text("units", "degrees_north")))
 *     .variable("tas", DType.FLOAT, List.of("time", "lat"), Attributes.empty())
 *     .create()) {
 *   w.write("lat", new long[] {0}, latitudes);
 *   w.write("tas", new long[] {0, 0}, firstYear);
 * }
 * }</pre>
 *
 * <p>Writes may come from several threads at once (positional writes); the record count is
 * updated under a lock and written to the header on {@link #close()}.
 */
public final class ClassicWriter implements AutoCloseable {
  private final Path path;
  private final NetcdfFormat format;
  private final FileChannel channel;
  private final List<Dimension> dimensions;
  private final Attributes attributes;
  private final List<ClassicVariable> variables;
  private final Map<String, ClassicVariable> byName = new LinkedHashMap<>();
  private final long recordSize;
  private final long recordsBegin;
  private long numRecords;
  private boolean closed;

  private ClassicWriter(Path path, NetcdfFormat format, FileChannel channel, List<Dimension> dimensions,
      Attributes attributes, List<ClassicVariable> variables, long recordSize, long recordsBegin) {
    this.path = path;
    this.format = format;
    this.channel = channel;
    this.dimensions = dimensions;
    this.attributes = attributes;
    this.variables = variables;
    this.recordSize = recordSize;
    this.recordsBegin = recordsBegin;
    for (ClassicVariable v : variables) {
      byName.put(v.variable().name(), v);
    }
  }

  /** Starts defining a file in {@code format} (CDF1, CDF2 or CDF5). */
  public static Builder builder(Path path, NetcdfFormat format) {
    if (!format.isClassic()) {
      throw new IllegalArgumentException("ClassicWriter writes CDF1, CDF2 or CDF5, not " + format);
    }
    return new Builder(path, format);
  }

  /** Defines dimensions, attributes and variables, then creates the file. */
  public static final class Builder {
    private final Path path;
    private final NetcdfFormat format;
    private final Map<String, Dimension> dims = new LinkedHashMap<>();
    private final List<Attribute> globals = new ArrayList<>();
    private final Map<String, Object[]> vars = new LinkedHashMap<>();

    private Builder(Path path, NetcdfFormat format) {
      this.path = path;
      this.format = format;
    }

    public Builder dimension(String name, long length) {
      checkName(name, "dimension");
      if (length <= 0) {
        throw new NetcdfException(path, "dimension " + name + " must have a positive length, not " + length);
      }
      if (format != NetcdfFormat.CDF5 && length > 0xFFFFFFFFL) {
        throw new NetcdfException(path, "dimension " + name + " of " + length + " is too long for " + format);
      }
      addDimension(new Dimension(name, length, false));
      return this;
    }

    /** The record dimension; a file has at most one, and it comes first in its variables. */
    public Builder unlimitedDimension(String name) {
      checkName(name, "dimension");
      if (dims.values().stream().anyMatch(Dimension::unlimited)) {
        throw new NetcdfException(path, "dimension " + name + ": a classic file has only one unlimited dimension");
      }
      addDimension(new Dimension(name, 0, true));
      return this;
    }

    private void addDimension(Dimension d) {
      if (dims.putIfAbsent(d.name(), d) != null) {
        throw new NetcdfException(path, "dimension " + d.name() + " defined twice");
      }
    }

    public Builder attribute(Attribute a) {
      checkAttribute(a, "global attribute");
      globals.add(a);
      return this;
    }

    public Builder attributes(Attributes attrs) {
      attrs.forEach(this::attribute);
      return this;
    }

    public Builder variable(String name, DType dtype, List<String> dims, Attributes attributes) {
      checkName(name, "variable");
      if (dtype == DType.STRING || (format != NetcdfFormat.CDF5 && !dtype.isClassicCdf1())) {
        throw new NetcdfException(path, "variable " + name + " has type " + dtype.cdlName() + ", which " + format
            + " files cannot hold");
      }
      for (int i = 0; i < dims.size(); i++) {
        Dimension d = this.dims.get(dims.get(i));
        if (d == null) {
          throw new NetcdfException(path, "variable " + name + " uses dimension " + dims.get(i) + ", which is not defined");
        }
        if (d.unlimited() && i > 0) {
          throw new NetcdfException(path, "variable " + name + ": the unlimited dimension " + d.name()
              + " must come first");
        }
      }
      attributes.forEach(a -> checkAttribute(a, "attribute of variable " + name));
      if (vars.putIfAbsent(name, new Object[] {dtype, List.copyOf(dims), attributes}) != null) {
        throw new NetcdfException(path, "variable " + name + " defined twice");
      }
      return this;
    }

    private void checkAttribute(Attribute a, String what) {
      checkName(a.name(), what);
      if (!a.isText() && format != NetcdfFormat.CDF5 && !a.dtype().isClassicCdf1()) {
        throw new NetcdfException(path, what + " " + a.name() + " has type " + a.dtype().cdlName() + ", which "
            + format + " files cannot hold");
      }
    }

    private void checkName(String name, String what) {
      if (name == null || name.isEmpty() || name.contains("/") || name.codePointAt(0) < 0x20
          || !(Character.isLetterOrDigit(name.codePointAt(0)) || name.charAt(0) == '_' || name.codePointAt(0) > 0x7F)
          || Character.isWhitespace(name.charAt(name.length() - 1))) {
        throw new NetcdfException(path, "'" + name + "' is not a valid NetCDF name for a " + what);
      }
    }

    /**
     * Writes the header, fills the fixed-size variables and returns the open writer.
     *
     * @throws NetcdfException when the file cannot be written or a variable lies beyond what
     *     the format can address
     */
    public ClassicWriter create() {
      List<Dimension> dimList = List.copyOf(dims.values());
      List<Variable> defs = new ArrayList<>();
      for (var e : vars.entrySet()) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) e.getValue()[1];
        long[] shape = names.stream().mapToLong(n -> dims.get(n).length()).toArray();
        defs.add(new Variable(e.getKey(), "/", names, (DType) e.getValue()[0], shape, null,
            (Attributes) e.getValue()[2], List.of()));
      }
      Attributes globalAttrs = Attributes.of(globals);
      // Lay out: fixed-size variables after the header, then the records.
      long headerSize = ClassicHeaderWriter.size(format, dimList, globalAttrs, defs);
      long offset = headerSize;
      List<ClassicVariable> laid = new ArrayList<>();
      List<Variable> recordDefs = defs.stream().filter(v -> isRecord(v)).toList();
      for (Variable v : defs) {
        if (!isRecord(v)) {
          long values = v.size();
          laid.add(new ClassicVariable(v, offset, false, values));
          offset += pad4(values * v.dtype().size());
        }
      }
      long recordsBegin = offset;
      long recordSize = 0;
      for (Variable v : recordDefs) {
        long values = valuesPerRecord(v);
        laid.add(new ClassicVariable(v, offset, true, values));
        long bytes = values * v.dtype().size();
        long slot = recordDefs.size() == 1 ? bytes : pad4(bytes);
        offset += slot;
        recordSize += slot;
      }
      List<ClassicVariable> ordered = new ArrayList<>();
      for (Variable v : defs) {
        ordered.add(laid.stream().filter(c -> c.variable().name().equals(v.name())).findFirst().orElseThrow());
      }
      for (ClassicVariable c : ordered) {
        if (format == NetcdfFormat.CDF1 && c.begin() > Integer.MAX_VALUE) {
          throw new NetcdfException(path, "variable " + c.variable().name() + " would begin at offset " + c.begin()
              + ", beyond what CDF1 can address; write CDF2 or CDF5");
        }
      }
      FileChannel ch;
      try {
        ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new NetcdfException(path, "cannot create: " + e, e);
      }
      ClassicWriter w = new ClassicWriter(path, format, ch, dimList, globalAttrs, ordered, recordSize, recordsBegin);
      try {
        w.writeHeader();
        for (ClassicVariable c : ordered) {
          if (!c.record()) {
            w.fill(c.begin(), c.valuesPerRecord(), c.variable());
          }
        }
      } catch (RuntimeException e) {
        w.closeChannel();
        throw e;
      }
      return w;
    }

    private boolean isRecord(Variable v) {
      return v.rank() > 0 && dims.get(v.dims().get(0)).unlimited();
    }

    private long valuesPerRecord(Variable v) {
      long n = 1;
      for (int i = 1; i < v.rank(); i++) {
        n *= v.shape()[i];
      }
      return n;
    }
  }

  public Path path() {
    return path;
  }

  /**
   * Writes {@code slab} (of the variable's type) at {@code start} of variable {@code name}; for a
   * record variable, writing past the last record adds records.
   *
   * @throws NetcdfException naming the file and variable for an unknown name, a wrong type or a
   *     slab outside the variable
   */
  public void write(String name, long[] start, Slab slab) {
    ClassicVariable c = byName.get(name);
    if (c == null) {
      throw new NetcdfException(path, "no variable '" + name + "'; defined: " + byName.keySet());
    }
    Variable v = c.variable();
    if (slab.dtype() != v.dtype()) {
      throw new NetcdfException(path, "variable " + name + " holds " + v.dtype().cdlName() + ", not "
          + slab.dtype().cdlName());
    }
    int[] count = slab.shape();
    if (c.record()) {
      long end = start.length > 0 ? start[0] + (count.length > 0 ? count[0] : 0) : 0;
      growRecords(end);
      long[] shape = v.shape();
      shape[0] = Math.max(end, numRecords());
      Hyperslabs.check(path, new Variable(v.name(), "/", v.dims(), v.dtype(), shape, null, v.attributes(), List.of()),
          start, count);
      long[] innerShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
      long[] innerStart = java.util.Arrays.copyOfRange(start, 1, start.length);
      int[] innerCount = java.util.Arrays.copyOfRange(count, 1, count.length);
      int perRecord = (int) Hyperslabs.size(innerCount);
      for (int r = 0; r < count[0]; r++) {
        long base = c.begin() + (start[0] + r) * recordSize;
        ContiguousWriter.write(channel, path, base, ByteOrder.BIG_ENDIAN, v.dtype(), innerShape, innerStart,
            innerCount, slab.data(), r * perRecord);
      }
    } else {
      Hyperslabs.check(path, v, start, count);
      ContiguousWriter.write(channel, path, c.begin(), ByteOrder.BIG_ENDIAN, v.dtype(), v.shape(), start, count,
          slab.data(), 0);
    }
  }

  /** Writes all of fixed-size variable {@code name}, or its records from the first. */
  public void write(String name, Slab slab) {
    write(name, new long[slab.rank()], slab);
  }

  public synchronized long numRecords() {
    return numRecords;
  }

  /** Adds records up to {@code end}, every record variable's slot filled. */
  private synchronized void growRecords(long end) {
    if (end <= numRecords) {
      return;
    }
    for (long r = numRecords; r < end; r++) {
      for (ClassicVariable c : variables) {
        if (c.record()) {
          fill(c.begin() + r * recordSize, c.valuesPerRecord(), c.variable());
        }
      }
    }
    numRecords = end;
  }

  private void fill(long position, long values, Variable v) {
    Object fill = FillValues.fillOf(v);
    int elem = v.dtype().size();
    int block = (int) Math.min(values, 1 << 18);
    Slab pattern = Slab.allocate(v.dtype(), block);
    FillValues.fill(pattern.data(), 0, block, fill);
    ByteBuffer b = ByteBuffer.allocate(block * elem).order(ByteOrder.BIG_ENDIAN);
    ContiguousWriterAccess.encode(v.dtype(), pattern.data(), block, b);
    long written = 0;
    while (written < values) {
      int n = (int) Math.min(block, values - written);
      ByteBuffer slice = b.duplicate();
      slice.position(0).limit(n * elem);
      ContiguousWriter.writeFully(channel, path, slice, position + written * elem);
      written += n;
    }
  }

  private void writeHeader() {
    ByteBuffer h = ClassicHeaderWriter.encode(format, numRecords, dimensions, attributes, variables);
    ContiguousWriter.writeFully(channel, path, h, 0);
  }

  /** Writes the record count into the header and closes the file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writeHeader();
      // The file ends where the last variable's data ends, padding included.
      long end = recordSize == 0
          ? variables.stream().mapToLong(c -> c.begin() + pad4(c.bytesPerRecord())).max().orElse(0)
          : recordsBegin + numRecords * recordSize;
      long headerEnd = ClassicHeaderWriter.size(format, dimensions, attributes,
          variables.stream().map(ClassicVariable::variable).toList());
      long size = Math.max(end, headerEnd);
      if (channel.size() < size) {
        ContiguousWriter.writeFully(channel, path, ByteBuffer.allocate(1), size - 1);
      }
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot finish: " + e, e);
    } finally {
      closeChannel();
    }
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new NetcdfException(path, "cannot close: " + e, e);
    }
  }

  /** Encodes values into a buffer (shared with the header writer for attribute values). */
  static final class ContiguousWriterAccess {
    private ContiguousWriterAccess() {}

    static void encode(DType dtype, Object values, int n, ByteBuffer b) {
      switch (dtype) {
        case BYTE, UBYTE, CHAR -> b.put((byte[]) values, 0, n);
        case SHORT, USHORT -> { for (int i = 0; i < n; i++) b.putShort(((short[]) values)[i]); }
        case INT, UINT -> { for (int i = 0; i < n; i++) b.putInt(((int[]) values)[i]); }
        case INT64, UINT64 -> { for (int i = 0; i < n; i++) b.putLong(((long[]) values)[i]); }
        case FLOAT -> { for (int i = 0; i < n; i++) b.putFloat(((float[]) values)[i]); }
        case DOUBLE -> { for (int i = 0; i < n; i++) b.putDouble(((double[]) values)[i]); }
        case STRING -> throw new IllegalArgumentException("no strings in classic files");
      }
    }
  }
}
