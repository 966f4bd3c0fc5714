package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.xarray.cf.CfMaskScale;
import io.jask.xarray.cf.CfTime;
import io.jask.xarray.cf.CfTimes;
import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.FileSet;
import io.jask.xarray.netcdf.Group;
import io.jask.xarray.netcdf.MultiFileOpener;
import io.jask.xarray.netcdf.NetcdfException;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to open a data set: chunk lengths per dimension, whether to decode CF conventions, and for
 * several files the dimension that joins them. {@link #dataset()} reads the metadata.
 */
public final class DatasetOpener {
  private final List<Path> files;
  private Map<String, Integer> chunks = Map.of();
  private boolean decode = true;
  private String concatDim;

  DatasetOpener(List<Path> files) {
    if (files.isEmpty()) {
      throw new XarrayException("no files to open");
    }
    this.files = List.copyOf(files);
  }

  /** Chunk lengths by dimension name; -1 (or a dimension not named) means the whole dimension. */
  public DatasetOpener chunks(Map<String, Integer> chunks) {
    this.chunks = Map.copyOf(chunks);
    return this;
  }

  /** Whether to decode CF conventions (masking, scaling, times); true by default. */
  public DatasetOpener decode(boolean decode) {
    this.decode = decode;
    return this;
  }

  /** The dimension several files are joined along. */
  public DatasetOpener concatDim(String dim) {
    this.concatDim = dim;
    return this;
  }

  /**
   * Reads the metadata and coordinates and makes the lazy data set.
   *
   * @throws NetcdfException naming the file for a missing, damaged or disagreeing file
   * @throws XarrayException naming the file and dimension for a chunk length of an unknown dimension
   */
  public Dataset dataset() {
    List<FileSet.Member> members;
    if (files.size() == 1 && concatDim == null) {
      NetcdfFile f = OpenFiles.get(files.get(0).toAbsolutePath().toString());
      members = List.of(new FileSet.Member(files.get(0).toAbsolutePath(), f.format(), f.root(), 0, 0));
    } else {
      if (concatDim == null) {
        throw new XarrayException("opening " + files.size() + " files needs the dimension to join them along");
      }
      List<Path> abs = files.stream().map(Path::toAbsolutePath).toList();
      FileSet set = MultiFileOpener.open(abs, concatDim, Math.max(1, Math.min(8, abs.size())));
      members = set.files();
    }
    Group root = members.get(0).root();
    Path first = members.get(0).path();
    for (String d : chunks.keySet()) {
      if (root.dimension(d).isEmpty()) {
        throw new XarrayException(first + ": cannot chunk along '" + d + "': the file has no such dimension; it has "
            + root.dimensions().stream().map(io.jask.xarray.netcdf.Dimension::name).toList());
      }
    }
    String[] paths = members.stream().map(m -> m.path().toString()).toArray(String[]::new);
    long[] starts = new long[members.size() + 1];
    for (int i = 0; i < members.size(); i++) {
      starts[i] = members.get(i).offset();
      starts[i + 1] = members.get(i).offset() + members.get(i).length();
    }
    Map<String, Coordinate> coords = new LinkedHashMap<>();
    for (Variable v : root.variables()) {
      if (v.rank() == 1 && v.dims().get(0).equals(v.name()) && SlabArrays.dtype(v.dtype()) != null) {
        coords.put(v.name(), coordinate(v, members));
      }
    }
    Map<String, DataArray> vars = new LinkedHashMap<>();
    for (Variable v : root.variables()) {
      if (coords.containsKey(v.name()) || SlabArrays.dtype(v.dtype()) == null) {
        continue; // coordinates are read eagerly; text variables are not held in numeric arrays
      }
      long[] shape = members.size() == 1 ? v.shape() : shapeAcross(v, starts[members.size()]);
      int[][] sizes = new int[shape.length][];
      for (int d = 0; d < shape.length; d++) {
        String dim = v.dims().get(d);
        Integer c = chunks.get(dim);
        if (c == null && members.size() > 1 && dim.equals(concatDim)) {
          sizes[d] = perFile(members);
        } else {
          sizes[d] = even(shape[d], c == null || c <= 0 ? shape[d] : c);
        }
      }
      DType raw = SlabArrays.dtype(v.dtype());
      DType type = decode ? SlabArrays.dtype(CfMaskScale.decodedType(v.dtype(), v.attributes())) : raw;
      int concatAxis = concatDim == null ? -1 : v.dims().indexOf(concatDim);
      String[] own = paths;
      long[] ownStarts = starts;
      if (members.size() > 1 && concatAxis < 0) {
        own = new String[] {paths[0]}; // the same in every file: read from the first
        ownStarts = new long[] {0, shape.length == 0 ? 0 : shape[0]};
      }
      ChunkRead read = new ChunkRead(own, ownStarts, concatAxis, v.path(), decode, type);
      Chunks chunking = Chunks.explicit(shape, sizes);
      Array data = Array.fromFunction(read, chunking, type);
      Attributes attrs = decode ? CfMaskScale.decodedAttributes(v.attributes()) : v.attributes();
      vars.put(v.name(), new DataArray(v.name(), v.dims(), data, coords, attrs, Fused.read(read, chunking)));
    }
    return new Dataset(vars, coords, root.attributes());
  }

  private long[] shapeAcross(Variable v, long total) {
    long[] s = v.shape();
    int a = v.dims().indexOf(concatDim);
    if (a >= 0) {
      s[a] = total;
    }
    return s;
  }

  private static int[] perFile(List<FileSet.Member> members) {
    return members.stream().mapToInt(m -> Math.toIntExact(m.length())).filter(n -> n > 0).toArray();
  }

  private static int[] even(long length, long chunk) {
    if (length == 0) {
      return new int[] {0};
    }
    int n = (int) ((length + chunk - 1) / chunk);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = (int) Math.min(chunk, length - (long) i * chunk);
    }
    return s;
  }

  private Coordinate coordinate(Variable v, List<FileSet.Member> members) {
    boolean joined = members.size() > 1 && v.name().equals(concatDim);
    List<FileSet.Member> from = joined ? members : members.subList(0, 1);
    Attributes attrs = v.attributes();
    if (decode && CfTimes.isTime(attrs)) {
      List<CfTime> times = new ArrayList<>();
      for (FileSet.Member m : from) {
        NetcdfFile f = OpenFiles.get(m.path().toString());
        Variable own = f.variable(v.path());
        for (CfTime t : CfTimes.decode(f.read(own.path()), own.attributes())) {
          if (t == null) {
            throw new XarrayException(m.path() + ": time coordinate '" + v.name() + "' has missing values");
          }
          times.add(t);
        }
      }
      Attributes encoding = Attributes.empty();
      for (String k : List.of("units", "calendar")) {
        var a = attrs.get(k);
        if (a.isPresent()) {
          encoding = encoding.with(a.get());
        }
      }
      Attributes left = CfMaskScale.decodedAttributes(attrs).without("units", "calendar");
      return Coordinate.times(v.name(), v.name(), times.toArray(CfTime[]::new), left, encoding);
    }
    List<NDArray> parts = new ArrayList<>();
    for (FileSet.Member m : from) {
      NetcdfFile f = OpenFiles.get(m.path().toString());
      Slab raw = f.read(v.path());
      parts.add(SlabArrays.toArray(decode ? CfMaskScale.decode(raw, f.variable(v.path()).attributes()) : raw));
    }
    NDArray all = parts.size() == 1 ? parts.get(0) : NDArray.concatenate(parts, 0);
    return Coordinate.numeric(v.name(), v.name(), all, decode ? CfMaskScale.decodedAttributes(attrs) : attrs);
  }

}
