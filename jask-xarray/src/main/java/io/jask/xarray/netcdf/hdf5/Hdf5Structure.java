package io.jask.xarray.netcdf.hdf5;

import io.jask.xarray.netcdf.Attribute;
import io.jask.xarray.netcdf.Attributes;
import io.jask.xarray.netcdf.DType;
import io.jask.xarray.netcdf.Dimension;
import io.jask.xarray.netcdf.FillValues;
import io.jask.xarray.netcdf.Filter;
import io.jask.xarray.netcdf.Group;
import io.jask.xarray.netcdf.NetcdfException;
import io.jask.xarray.netcdf.Variable;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the NetCDF-4 data model out of an HDF5 file's structure.
 *
 * <p>NetCDF-4 stores each dimension as an HDF5 dimension scale: a dataset with {@code
 * CLASS=DIMENSION_SCALE} and {@code _Netcdf4Dimid}, named after the dimension; a dimension
 * without a coordinate variable is a dataset whose {@code NAME} says it is "not a netCDF
 * variable". A variable lists its dimensions in {@code DIMENSION_LIST} as object references,
 * which are the addresses of those scale datasets. Attributes that only carry this bookkeeping
 * are hidden, as the NetCDF library hides them.
 */
final class Hdf5Structure {
  static final String NOT_A_VARIABLE = "This is a netCDF dimension but not a netCDF variable";
  private static final Set<String> HIDDEN = Set.of("CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST",
      "_Netcdf4Dimid", "_Netcdf4Coordinates", "_NCProperties", "_nc3_strict", "_IsNetcdf4", "_SuperblockVersion",
      "DIMENSION_LABELS");

  private final Path path;
  /** Dimension scales by object address, from every group. */
  private final Map<Long, Scale> scales = new HashMap<>();
  /** Dimension ids of netCDF-4 ({@code _Netcdf4Dimid}) to scales, for {@code _Netcdf4Coordinates}. */
  private final Map<Integer, Scale> scalesById = new HashMap<>();
  final Map<String, Hdf5Variable> variables = new LinkedHashMap<>();
  private int phonyDims;

  private record Scale(String name, String group, long length, boolean unlimited, int dimid, boolean variable) {}

  private Hdf5Structure(Path path) {
    this.path = path;
  }

  /** Walks {@code hdf}; returns the root group and fills {@link #variables}. */
  static Hdf5Structure read(Path path, HdfFile hdf) {
    Hdf5Structure s = new Hdf5Structure(path);
    s.collectScales(hdf, "/");
    s.collectExtents(hdf);
    s.root = s.group(hdf, "/");
    return s;
  }

  Group root;

  private void collectScales(io.jhdf.api.Group g, String groupPath) {
    for (Node n : g) {
      if (n instanceof io.jhdf.api.Group c) {
        collectScales(c, childPath(groupPath, c.getName()));
      } else if (n instanceof Dataset d && "DIMENSION_SCALE".equals(text(d, "CLASS"))) {
        long[] dims = d.getDimensionsAsLong();
        long[] max = d.getMaxSize();
        String nameAttr = text(d, "NAME");
        boolean isVariable = nameAttr == null || !nameAttr.startsWith(NOT_A_VARIABLE);
        int dimid = d.getAttribute("_Netcdf4Dimid") == null ? -1 : (int) number(d.getAttribute("_Netcdf4Dimid"));
        Scale s = new Scale(d.getName(), groupPath, dims.length == 0 ? 0 : dims[0],
            max != null && max.length > 0 && max[0] < 0, dimid, isVariable);
        scales.put(d.getAddress(), s);
        if (dimid >= 0) {
          scalesById.putIfAbsent(dimid, s);
        }
      }
    }
  }

  /**
   * The longest extent of each unlimited dimension's variables: NetCDF does not grow the scale
   * dataset of an unlimited dimension that has no coordinate variable, so its length is theirs.
   */
  private void collectExtents(io.jhdf.api.Group g) {
    for (Node n : g) {
      if (n instanceof io.jhdf.api.Group c) {
        collectExtents(c);
      } else if (n instanceof Dataset d && d.getAttribute("DIMENSION_LIST") != null && !d.isScalar()) {
        Object refs = d.getAttribute("DIMENSION_LIST").getData();
        long[] shape = d.getDimensionsAsLong();
        if (refs.getClass().isArray() && Array.getLength(refs) == shape.length) {
          for (int i = 0; i < shape.length; i++) {
            if (Array.get(refs, i) instanceof long[] l && l.length > 0) {
              extents.merge(l[0], shape[i], Math::max);
            }
          }
        }
      }
    }
  }

  private final Map<Long, Long> extents = new HashMap<>();

  private Group group(io.jhdf.api.Group g, String groupPath) {
    List<Dimension> dims = scales.entrySet().stream()
        .filter(e -> e.getValue().group.equals(groupPath))
        .sorted(Comparator.comparing((Map.Entry<Long, Scale> e) -> e.getValue().dimid())
            .thenComparing(e -> e.getValue().name()))
        .map(e -> new Dimension(e.getValue().name, Math.max(e.getValue().length, extents.getOrDefault(e.getKey(), 0L)),
            e.getValue().unlimited))
        .toList();
    List<Dataset> datasets = new ArrayList<>();
    List<Group> children = new ArrayList<>();
    List<io.jhdf.api.Group> childGroups = new ArrayList<>();
    for (Node n : g) {
      if (n instanceof io.jhdf.api.Group c) {
        childGroups.add(c);
      } else if (n instanceof Dataset d) {
        datasets.add(d);
      }
    }
    // jhdf lists children by name; NetCDF lists them in creation order, which object addresses follow.
    datasets.sort(Comparator.comparingLong(Node::getAddress));
    childGroups.sort(Comparator.comparingLong(Node::getAddress));
    List<Variable> vars = new ArrayList<>();
    for (Dataset d : datasets) {
      Scale s = scales.get(d.getAddress());
      if (s != null && !s.variable) {
        continue;
      }
      Hdf5Variable hv = variable(d, groupPath);
      variables.put(hv.variable().path(), hv);
      vars.add(hv.variable());
    }
    for (io.jhdf.api.Group c : childGroups) {
      children.add(group(c, childPath(groupPath, c.getName())));
    }
    return new Group(groupPath, dims, vars, attributes(g, "group " + groupPath), children);
  }

  private Hdf5Variable variable(Dataset d, String groupPath) {
    String where = "variable " + childPath(groupPath, d.getName());
    DataType type = d.getDataType();
    DType dtype = Hdf5Types.of(type).orElseThrow(() -> new NetcdfException(path,
        where + " has HDF5 type " + Hdf5Types.describe(type) + ", which Jask does not read"));
    long[] shape = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
    List<String> dimNames = dimensionNames(d, shape.length, where);
    int[] chunks = d instanceof ChunkedDataset c ? c.getChunkDimensions() : null;
    if (chunks != null && chunks.length != shape.length) {
      chunks = null;
    }
    Attributes attrs = attributes(d, where);
    Variable v = new Variable(d.getName(), groupPath, dimNames, dtype, shape, chunks, attrs, filters(d, where));
    Object fill = FillValues.fillOf(v);
    if (!attrs.contains("_FillValue") && dtype != DType.STRING && dtype != DType.CHAR) {
      Object f = d.getFillValue();
      if (f instanceof Number num) {
        fill = FillValues.convert(dtype, num.doubleValue());
      }
    }
    return new Hdf5Variable(v, d, Hdf5Types.order(type), fill);
  }

  private List<String> dimensionNames(Dataset d, int rank, String where) {
    List<String> names = new ArrayList<>();
    io.jhdf.api.Attribute list = d.getAttribute("DIMENSION_LIST");
    if (list != null) {
      Object refs = list.getData();
      if (!refs.getClass().isArray() || Array.getLength(refs) != rank) {
        throw new NetcdfException(path, where + ": DIMENSION_LIST does not list its " + rank + " dimensions");
      }
      for (int i = 0; i < rank; i++) {
        Object r = Array.get(refs, i);
        long address = r instanceof long[] l && l.length > 0 ? l[0] : -1;
        Scale s = scales.get(address);
        if (s == null) {
          throw new NetcdfException(path, where + ": dimension " + i + " refers to object " + address
              + ", which is not a dimension scale");
        }
        names.add(s.name);
      }
      return names;
    }
    Scale self = scales.get(d.getAddress());
    if (self != null && rank == 1) {
      return List.of(self.name);
    }
    io.jhdf.api.Attribute coords = d.getAttribute("_Netcdf4Coordinates");
    if (coords != null) {
      Object ids = coords.getData();
      if (ids instanceof int[] a && a.length == rank) {
        for (int id : a) {
          Scale s = scalesById.get(id);
          if (s == null) {
            throw new NetcdfException(path, where + ": _Netcdf4Coordinates names dimension id " + id + ", which no scale has");
          }
          names.add(s.name);
        }
        return names;
      }
    }
    for (int i = 0; i < rank; i++) {
      names.add("phony_dim_" + phonyDims++); // a plain HDF5 dataset, as the NetCDF library names them
    }
    return names;
  }

  private List<Filter> filters(Dataset d, String where) {
    if (!(d instanceof ChunkedDataset)) {
      return List.of();
    }
    try {
      List<Filter> out = new ArrayList<>();
      for (PipelineFilterWithData f : d.getFilters()) {
        out.add(new Filter(f.getId(), f.getName(), f.getFilterData()));
      }
      return out;
    } catch (RuntimeException e) {
      // jhdf refuses a pipeline with a filter it does not know; keep its id so that reading the
      // variable names it (other variables stay readable).
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=(-?\\d+)").matcher(String.valueOf(e.getMessage()));
      int id = m.find() ? Integer.parseInt(m.group(1)) : -1;
      return List.of(new Filter(id, "unknown filter", new int[0]));
    }
  }

  private Attributes attributes(Node n, String where) {
    List<Attribute> out = new ArrayList<>();
    List<io.jhdf.api.Attribute> list = new ArrayList<>(n.getAttributes().values());
    for (io.jhdf.api.Attribute a : list) {
      if (HIDDEN.contains(a.getName())) {
        continue;
      }
      Attribute converted = attribute(a, where);
      if (converted != null) {
        out.add(converted);
      }
    }
    return Attributes.of(out);
  }

  private Attribute attribute(io.jhdf.api.Attribute a, String where) {
    String name = a.getName();
    DType t = Hdf5Types.of(a.getDataType()).orElse(null);
    if (t == null) {
      return null; // compound, enum or reference attributes are not part of NetCDF's classic model
    }
    if (a.isEmpty()) {
      return t == DType.CHAR || t == DType.STRING ? Attribute.text(name, t, "") : null;
    }
    if (t == DType.CHAR || t == DType.STRING) {
      Object data = a.getData();
      String s;
      if (data instanceof String str) {
        s = str;
      } else if (data instanceof String[] arr) {
        s = String.join(t == DType.CHAR ? "" : "\n", arr);
      } else {
        s = String.valueOf(data);
      }
      return Attribute.text(name, t, s);
    }
    ByteBuffer b = a.getBuffer().duplicate().order(Hdf5Types.order(a.getDataType()));
    int count = (int) a.getSize();
    Object values = io.jask.xarray.netcdf.Slab.allocate(t, count).data();
    io.jask.xarray.netcdf.Decode.into(t, b, values, 0, count);
    return Attribute.numbers(name, t, values);
  }

  private static String text(Node n, String attribute) {
    io.jhdf.api.Attribute a = n.getAttribute(attribute);
    if (a == null) {
      return null;
    }
    Object d = a.getData();
    return d instanceof String s ? s : d instanceof String[] arr && arr.length == 1 ? arr[0] : null;
  }

  private static double number(io.jhdf.api.Attribute a) {
    Object d = a.getData();
    if (d instanceof Number n) {
      return n.doubleValue();
    }
    if (d.getClass().isArray() && Array.getLength(d) == 1) {
      return ((Number) Array.get(d, 0)).doubleValue();
    }
    throw new IllegalStateException("attribute " + a.getName() + " is not one number");
  }

  private static String childPath(String parent, String name) {
    return parent.equals("/") ? "/" + name : parent + "/" + name;
  }
}
