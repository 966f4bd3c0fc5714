package io.jask.xarray.netcdf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An open NetCDF file (classic or NetCDF-4/HDF5): its metadata, read once when opened, and
 * hyperslab reads of its variables.
 *
 * <p>Reads are safe from many threads at once and do run in parallel: implementations use
 * positional reads on one channel and keep their scratch buffers per thread. Open files with
 * {@link NetcdfFiles#open(Path)}.
 */
public interface NetcdfFile extends AutoCloseable {

  /** The file as it was given to {@link NetcdfFiles#open(Path)}. */
  Path path();

  NetcdfFormat format();

  /** The root group: everything in a classic file, the top of a NetCDF-4 file. */
  Group root();

  /** The root group's dimensions. */
  default List<Dimension> dimensions() {
    return root().dimensions();
  }

  /** The root group's variables. */
  default List<Variable> variables() {
    return root().variables();
  }

  /** The global attributes. */
  default Attributes attributes() {
    return root().attributes();
  }

  /**
   * The variable at {@code path}: a name in the root group, or {@code group/sub/name} (a leading
   * {@code /} is allowed).
   *
   * @throws NetcdfException naming the file and the variable when there is none
   */
  default Variable variable(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    String[] parts = p.split("/");
    Group g = root();
    for (int i = 0; i < parts.length - 1 && g != null; i++) {
      g = g.group(parts[i]).orElse(null);
    }
    if (g != null) {
      var v = g.variable(parts[parts.length - 1]);
      if (v.isPresent()) {
        return v.get();
      }
    }
    throw new NetcdfException(
        path(),
        "no variable '" + path + "'; the file has " + allVariables().stream().map(Variable::path).collect(Collectors.joining(", ", "[", "]")));
  }

  /** Every variable of every group, depth first. */
  default List<Variable> allVariables() {
    List<Variable> out = new ArrayList<>();
    collect(root(), out);
    return out;
  }

  private static void collect(Group g, List<Variable> out) {
    out.addAll(g.variables());
    for (Group c : g.groups()) {
      collect(c, out);
    }
  }

  /**
   * The root group's dimension {@code name}.
   *
   * @throws NetcdfException naming the file and the dimension when there is none
   */
  default Dimension dimension(String name) {
    return root()
        .dimension(name)
        .orElseThrow(
            () ->
                new NetcdfException(
                    path(),
                    "no dimension '" + name + "'; the file has "
                        + dimensions().stream().map(Dimension::name).collect(Collectors.joining(", ", "[", "]"))));
  }

  /**
   * Reads the hyperslab {@code start .. start+count} of {@code variable} into a new {@link Slab}
   * of the variable's on-disk type (no CF decoding).
   *
   * @throws NetcdfException naming the file and variable when the slab is out of bounds, the
   *     file is damaged, or its compression filter is not supported
   */
  default Slab read(Variable variable, long[] start, int[] count) {
    Slab out = Slab.allocate(variable.dtype(), count);
    readInto(variable, start, count, out);
    return out;
  }

  /**
   * Reads the hyperslab {@code start .. start+count} of {@code variable} into {@code target}, a
   * slab of the variable's type and of shape {@code count}, so that a caller can reuse one array
   * from read to read instead of touching fresh memory each time.
   *
   * @throws NetcdfException as {@link #read(Variable, long[], int[])} does, and when {@code
   *     target} does not have the variable's type or the slab's shape
   */
  void readInto(Variable variable, long[] start, int[] count, Slab target);

  /**
   * The values of the hyperslab {@code start .. start+count} of {@code variable} in place, when the
   * slab is exactly one stored, compressed chunk and the file format can hand its decompressed
   * values out without copying the chunk; otherwise null, and the caller reads with {@link
   * #readInto}. The values are valid until this thread's next read of such a file.
   *
   * @throws NetcdfException as {@link #readInto} does, for a damaged chunk
   */
  default ChunkValues chunkValues(Variable variable, long[] start, int[] count) {
    return null;
  }

  /** Reads a hyperslab of the variable at {@code path}. */
  default Slab read(String path, long[] start, int[] count) {
    return read(variable(path), start, count);
  }

  /** Reads all of the variable at {@code path}. */
  default Slab read(String path) {
    Variable v = variable(path);
    long[] shape = v.shape();
    int[] count = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] > Integer.MAX_VALUE) {
        throw new NetcdfException(path(), "variable " + path + " is too large to read whole: dimension "
            + v.dims().get(i) + " has " + shape[i] + " elements");
      }
      count[i] = (int) shape[i];
    }
    return read(v, new long[shape.length], count);
  }

  @Override
  void close();
}
