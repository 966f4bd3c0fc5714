package io.jask.xarray.netcdf.classic;

import static io.jask.xarray.netcdf.classic.ClassicTags.NC_ATTRIBUTE;
import static io.jask.xarray.netcdf.classic.ClassicTags.NC_DIMENSION;
import static io.jask.xarray.netcdf.classic.ClassicTags.NC_VARIABLE;
import static io.jask.xarray.netcdf.classic.ClassicTags.pad4;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.Dimension;
import io.jask.xarray.netcdf.NetcdfException;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.PositionalFile;
import io.jask.xarray.netcdf.Variable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the header of a classic-format file (CDF-1, CDF-2, CDF-5) following the NetCDF file
 * format specification. CDF-5 widens counts and sizes to 64 bits; CDF-2 and CDF-5 widen offsets.
 * Every inconsistency is reported with the file and the header item at fault.
 */
final class ClassicHeaderParser {
  private static final int FIRST_READ = 64 * 1024;
  /** Longest name or attribute the parser accepts: larger counts mean a corrupt header. */
  private static final long MAX_ITEMS = 1L << 31;

  private final Path path;
  private final long fileSize;
  private ByteBuffer buf;
  private NetcdfFormat format;

  private ClassicHeaderParser(Path path, long fileSize) {
    this.path = path;
    this.fileSize = fileSize;
  }

  /** Reads and checks the header of {@code file}. */
  static ClassicHeader parse(PositionalFile file) {
    long size = file.size();
    int want = (int) Math.min(size, FIRST_READ);
    while (true) {
      ByteBuffer b = ByteBuffer.allocate(want).order(ByteOrder.BIG_ENDIAN);
      file.readFully(b, 0, "header");
      b.flip();
      ClassicHeaderParser p = new ClassicHeaderParser(file.path(), size);
      p.buf = b;
      try {
        return p.parse();
      } catch (BufferUnderflowException e) {
        if (want >= size) {
          throw new NetcdfException(file.path(), "truncated: the header runs past the end of the file ("
              + size + " bytes)");
        }
        want = (int) Math.min(size, Math.min((long) want * 4, Integer.MAX_VALUE - 8));
      }
    }
  }

  private ClassicHeader parse() {
    byte[] magic = new byte[4];
    buf.get(magic);
    if (magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F') {
      throw corrupt("not a classic NetCDF file: no CDF magic");
    }
    format = switch (magic[3]) {
      case 1 -> NetcdfFormat.CDF1;
      case 2 -> NetcdfFormat.CDF2;
      case 5 -> NetcdfFormat.CDF5;
      default -> throw corrupt("unknown classic format version " + magic[3]);
    };
    long numRecs = format == NetcdfFormat.CDF5 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
    boolean streaming = format == NetcdfFormat.CDF5 ? numRecs == -1L : numRecs == ClassicTags.STREAMING_32;
    if (!streaming && numRecs < 0) {
      throw corrupt("negative number of records " + numRecs);
    }

    List<long[]> rawDims = readDimensions();
    int recordDim = -1;
    for (int i = 0; i < rawDims.size(); i++) {
      if (rawDims.get(i)[0] == 0) {
        if (recordDim >= 0) {
          throw corrupt("two unlimited dimensions: " + dimNames.get(recordDim) + " and " + dimNames.get(i));
        }
        recordDim = i;
      }
    }
    Attributes globals = readAttributes("global attributes");
    List<RawVar> rawVars = readVariables(rawDims.size(), recordDim);
    long headerSize = buf.position();

    // The record size: the sum of every record variable's padded record, except that a single
    // record variable is not padded (so that byte or short records pack tightly).
    List<RawVar> recordVars = rawVars.stream().filter(v -> v.record).toList();
    long recordSize = 0;
    for (RawVar v : recordVars) {
      long bytes = v.valuesPerRecord(rawDims) * v.dtype.size();
      recordSize += recordVars.size() == 1 ? bytes : pad4(bytes);
    }
    if (streaming) {
      long firstRecord = recordVars.stream().mapToLong(v -> v.begin).min().orElse(fileSize);
      numRecs = recordSize == 0 ? 0 : Math.max(0, (fileSize - firstRecord) / recordSize);
    }

    List<Dimension> dims = new ArrayList<>();
    for (int i = 0; i < rawDims.size(); i++) {
      boolean unlimited = i == recordDim;
      dims.add(new Dimension(dimNames.get(i), unlimited ? numRecs : rawDims.get(i)[0], unlimited));
    }
    List<ClassicVariable> vars = new ArrayList<>();
    for (RawVar v : rawVars) {
      long[] shape = new long[v.dimIds.length];
      List<String> names = new ArrayList<>();
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(v.dimIds[i]).length();
        names.add(dims.get(v.dimIds[i]).name());
      }
      int[] chunks = null;
      if (v.record) {
        chunks = new int[shape.length];
        chunks[0] = 1;
        for (int i = 1; i < shape.length; i++) {
          chunks[i] = (int) Math.min(shape[i], Integer.MAX_VALUE);
        }
      }
      Variable meta = new Variable(v.name, "/", names, v.dtype, shape, chunks, v.attributes, List.of());
      vars.add(new ClassicVariable(meta, v.begin, v.record, v.valuesPerRecord(rawDims)));
    }
    ClassicHeader header = new ClassicHeader(format, numRecs, dims, globals, vars, recordSize, headerSize);
    checkDataWithinFile(header);
    return header;
  }

  private final List<String> dimNames = new ArrayList<>();

  private List<long[]> readDimensions() {
    int tag = buf.getInt();
    long n = readCount("dimension list");
    if (tag == 0 && n == 0) {
      return List.of();
    }
    if (tag != NC_DIMENSION) {
      throw corrupt("expected the dimension list (tag 0x0A) but found tag 0x" + Integer.toHexString(tag));
    }
    List<long[]> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      String name = readName("dimension " + i);
      long length = readSize("length of dimension " + name);
      dimNames.add(name);
      out.add(new long[] {length});
    }
    return out;
  }

  private Attributes readAttributes(String owner) {
    int tag = buf.getInt();
    long n = readCount("attribute list of " + owner);
    if (tag == 0 && n == 0) {
      return Attributes.empty();
    }
    if (tag != NC_ATTRIBUTE) {
      throw corrupt("expected the " + owner + " (tag 0x0C) but found tag 0x" + Integer.toHexString(tag));
    }
    List<Attribute> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      String name = readName("attribute " + i + " of " + owner);
      DType type = readType("attribute " + name + " of " + owner);
      long count = readCount("attribute " + name + " of " + owner);
      if (count * Math.max(1, type.size()) > fileSize) {
        throw corrupt("attribute " + name + " of " + owner + " claims " + count + " values, more than the file holds");
      }
      out.add(readAttributeValues(name, type, (int) count));
    }
    try {
      return Attributes.of(out);
    } catch (IllegalArgumentException e) {
      throw corrupt(owner + ": " + e.getMessage());
    }
  }

  private Attribute readAttributeValues(String name, DType type, int count) {
    int bytes = count * type.size();
    int end = buf.position() + (int) pad4(bytes);
    if (count == 0) {
      // An empty attribute: only text can be empty in Jask's model.
      return Attribute.text(name, "");
    }
    Attribute a = switch (type) {
      case CHAR -> {
        byte[] b = new byte[count];
        buf.get(b);
        yield Attribute.text(name, new String(b, StandardCharsets.UTF_8));
      }
      case BYTE, UBYTE -> {
        byte[] b = new byte[count];
        buf.get(b);
        yield Attribute.numbers(name, type, b);
      }
      case SHORT, USHORT -> {
        short[] s = new short[count];
        buf.asShortBuffer().get(s);
        yield Attribute.numbers(name, type, s);
      }
      case INT, UINT -> {
        int[] v = new int[count];
        buf.asIntBuffer().get(v);
        yield Attribute.numbers(name, type, v);
      }
      case INT64, UINT64 -> {
        long[] v = new long[count];
        buf.asLongBuffer().get(v);
        yield Attribute.numbers(name, type, v);
      }
      case FLOAT -> {
        float[] v = new float[count];
        buf.asFloatBuffer().get(v);
        yield Attribute.numbers(name, type, v);
      }
      case DOUBLE -> {
        double[] v = new double[count];
        buf.asDoubleBuffer().get(v);
        yield Attribute.numbers(name, type, v);
      }
      case STRING -> throw corrupt("attribute " + name + " has type string, which classic files cannot hold");
    };
    if (end > buf.limit()) {
      throw new BufferUnderflowException();
    }
    buf.position(end);
    return a;
  }

  private final class RawVar {
    String name;
    int[] dimIds;
    Attributes attributes;
    DType dtype;
    long begin;
    boolean record;

    long valuesPerRecord(List<long[]> rawDims) {
      long n = 1;
      for (int i = record ? 1 : 0; i < dimIds.length; i++) {
        n = Math.multiplyExact(n, rawDims.get(dimIds[i])[0]);
      }
      return n;
    }
  }

  private List<RawVar> readVariables(int numDims, int recordDim) {
    int tag = buf.getInt();
    long n = readCount("variable list");
    if (tag == 0 && n == 0) {
      return List.of();
    }
    if (tag != NC_VARIABLE) {
      throw corrupt("expected the variable list (tag 0x0B) but found tag 0x" + Integer.toHexString(tag));
    }
    List<RawVar> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      RawVar v = new RawVar();
      v.name = readName("variable " + i);
      long rank = readCount("dimensions of variable " + v.name);
      if (rank > 1024) {
        throw corrupt("variable " + v.name + " claims " + rank + " dimensions");
      }
      v.dimIds = new int[(int) rank];
      for (int d = 0; d < rank; d++) {
        long id = readCount("dimension ids of variable " + v.name);
        if (id >= numDims) {
          throw corrupt("variable " + v.name + " refers to dimension id " + id + " but the file has " + numDims);
        }
        v.dimIds[d] = (int) id;
        if (id == recordDim && d != 0) {
          throw corrupt("variable " + v.name + " has the unlimited dimension " + dimNames.get(recordDim)
              + " in position " + d + "; only the first may be unlimited");
        }
      }
      v.record = rank > 0 && v.dimIds[0] == recordDim;
      v.attributes = readAttributes("variable " + v.name);
      v.dtype = readType("variable " + v.name);
      readSize("size of variable " + v.name); // vsize: recomputed, it overflows for large variables
      v.begin = format == NetcdfFormat.CDF1 ? Integer.toUnsignedLong(buf.getInt()) : buf.getLong();
      if (v.begin < 0) {
        throw corrupt("variable " + v.name + " begins at negative offset " + v.begin);
      }
      out.add(v);
    }
    return out;
  }

  private void checkDataWithinFile(ClassicHeader h) {
    for (ClassicVariable v : h.variables()) {
      if (v.begin() < h.headerSize()) {
        throw corrupt("variable " + v.variable().name() + " begins at offset " + v.begin()
            + ", inside the header (" + h.headerSize() + " bytes)");
      }
      long end = v.record()
          ? (h.numRecords() == 0 ? v.begin() : v.begin() + (h.numRecords() - 1) * h.recordSize() + v.bytesPerRecord())
          : v.begin() + v.bytesPerRecord();
      if (end > fileSize) {
        throw new NetcdfException(path, "truncated: variable " + v.variable().name() + " needs bytes up to offset "
            + end + " but the file has " + fileSize);
      }
    }
  }

  private String readName(String what) {
    long n = readCount("name of " + what);
    if (n == 0 || n > 65536) {
      throw corrupt(what + " has a name of " + n + " bytes");
    }
    byte[] b = new byte[(int) n];
    buf.get(b);
    buf.position(buf.position() + (int) (pad4(n) - n));
    return new String(b, StandardCharsets.UTF_8);
  }

  private DType readType(String what) {
    int code = buf.getInt();
    DType t;
    try {
      t = DType.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw corrupt(what + " has unknown type code " + code);
    }
    if (t == DType.STRING || (format != NetcdfFormat.CDF5 && !t.isClassicCdf1())) {
      throw corrupt(what + " has type " + t.cdlName() + ", which " + format + " files cannot hold");
    }
    return t;
  }

  /** A count ({@code nelems}): 32 bits, 64 in CDF-5. */
  private long readCount(String what) {
    long n = format == NetcdfFormat.CDF5 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
    if (n < 0 || n >= MAX_ITEMS) {
      throw corrupt(what + " has an impossible count " + n);
    }
    return n;
  }

  /** A size ({@code NON_NEG}): 32 bits, 64 in CDF-5. */
  private long readSize(String what) {
    long n = format == NetcdfFormat.CDF5 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
    if (n < 0) {
      throw corrupt(what + " is negative: " + n);
    }
    return n;
  }

  private NetcdfException corrupt(String message) {
    return new NetcdfException(path, "corrupt header at byte " + buf.position() + ": " + message);
  }
}
