package io.jask.xarray.netcdf.classic;

import static io.jask.xarray.netcdf.classic.ClassicTags.NC_ATTRIBUTE;
import static io.jask.xarray.netcdf.classic.ClassicTags.NC_DIMENSION;
import static io.jask.xarray.netcdf.classic.ClassicTags.NC_VARIABLE;
import static io.jask.xarray.netcdf.classic.ClassicTags.pad4;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.Dimension;
import io.jask.xarray.netcdf.NetcdfFormat;
import io.jask.xarray.netcdf.Variable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes a classic-format header, the inverse of {@link ClassicHeaderParser}. */
final class ClassicHeaderWriter {
  private ClassicHeaderWriter() {}

  /** Bytes the header takes (independent of the offsets, whose width the format fixes). */
  static long size(NetcdfFormat format, List<Dimension> dims, Attributes globals, List<Variable> vars) {
    int count = format == NetcdfFormat.CDF5 ? 8 : 4;
    int offset = format == NetcdfFormat.CDF1 ? 4 : 8;
    long n = 4 + count; // magic, numrecs
    n += 4 + count;
    for (Dimension d : dims) {
      n += name(d.name(), count) + count;
    }
    n += attributes(globals, count);
    n += 4 + count;
    for (Variable v : vars) {
      n += name(v.name(), count) + count + (long) count * v.rank() + attributes(v.attributes(), count) + 4 + count + offset;
    }
    return n;
  }

  private static long name(String name, int count) {
    return count + pad4(name.getBytes(StandardCharsets.UTF_8).length);
  }

  private static long attributes(Attributes attrs, int count) {
    long n = 4 + count;
    for (Attribute a : attrs) {
      n += name(a.name(), count) + 4 + count + pad4(valueBytes(a).length);
    }
    return n;
  }

  static ByteBuffer encode(NetcdfFormat format, long numRecords, List<Dimension> dims, Attributes globals,
      List<ClassicVariable> vars) {
    List<Variable> defs = vars.stream().map(ClassicVariable::variable).toList();
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size(format, dims, globals, defs))).order(ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {'C', 'D', 'F', (byte) (format == NetcdfFormat.CDF1 ? 1 : format == NetcdfFormat.CDF2 ? 2 : 5)});
    count(b, format, numRecords);
    if (dims.isEmpty()) {
      b.putInt(0);
      count(b, format, 0);
    } else {
      b.putInt(NC_DIMENSION);
      count(b, format, dims.size());
      for (Dimension d : dims) {
        name(b, format, d.name());
        count(b, format, d.unlimited() ? 0 : d.length());
      }
    }
    attributes(b, format, globals);
    if (vars.isEmpty()) {
      b.putInt(0);
      count(b, format, 0);
    } else {
      b.putInt(NC_VARIABLE);
      count(b, format, vars.size());
      for (ClassicVariable c : vars) {
        Variable v = c.variable();
        name(b, format, v.name());
        count(b, format, v.rank());
        for (String d : v.dims()) {
          count(b, format, indexOf(dims, d));
        }
        attributes(b, format, v.attributes());
        b.putInt(v.dtype().code());
        long vsize = pad4(c.bytesPerRecord());
        // A size too large for 32 bits is written as 2^32-1, as the specification says.
        count(b, format, format == NetcdfFormat.CDF5 ? vsize : Math.min(vsize, 0xFFFFFFFFL));
        if (format == NetcdfFormat.CDF1) {
          b.putInt((int) c.begin());
        } else {
          b.putLong(c.begin());
        }
      }
    }
    b.flip();
    return b;
  }

  private static int indexOf(List<Dimension> dims, String name) {
    for (int i = 0; i < dims.size(); i++) {
      if (dims.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no dimension " + name);
  }

  private static void attributes(ByteBuffer b, NetcdfFormat format, Attributes attrs) {
    if (attrs.isEmpty()) {
      b.putInt(0);
      count(b, format, 0);
      return;
    }
    b.putInt(NC_ATTRIBUTE);
    count(b, format, attrs.size());
    for (Attribute a : attrs) {
      name(b, format, a.name());
      DType t = a.isText() ? DType.CHAR : a.dtype();
      b.putInt(t.code());
      byte[] bytes = valueBytes(a);
      count(b, format, a.isText() ? bytes.length : a.length());
      b.put(bytes);
      b.put(new byte[(int) (pad4(bytes.length) - bytes.length)]);
    }
  }

  private static byte[] valueBytes(Attribute a) {
    if (a.isText()) {
      return a.text().getBytes(StandardCharsets.UTF_8);
    }
    ByteBuffer v = ByteBuffer.allocate(a.length() * a.dtype().size()).order(ByteOrder.BIG_ENDIAN);
    ClassicWriter.ContiguousWriterAccess.encode(a.dtype(), a.values(), a.length(), v);
    return v.array();
  }

  private static void name(ByteBuffer b, NetcdfFormat format, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    count(b, format, bytes.length);
    b.put(bytes);
    b.put(new byte[(int) (pad4(bytes.length) - bytes.length)]);
  }

  private static void count(ByteBuffer b, NetcdfFormat format, long n) {
    if (format == NetcdfFormat.CDF5) {
      b.putLong(n);
    } else {
      b.putInt((int) n);
    }
  }
}
