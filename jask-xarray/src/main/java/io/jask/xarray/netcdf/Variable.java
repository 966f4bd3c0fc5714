package io.jask.xarray.netcdf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A variable's metadata, the same for every format.
 *
 * @param name the variable's name in its group
 * @param group the path of its group: {@code "/"} for the root, {@code "/a/b"} below it
 * @param dims its dimension names, outermost first (empty for a scalar)
 * @param dtype the on-disk type
 * @param shape the current length of each dimension
 * @param chunkShape the on-disk chunk shape, or {@code null} when stored contiguously (a classic
 *     record variable is stored one record at a time: {@code [1, rest of shape]})
 * @param attributes its attributes, CF ones included, as stored
 * @param filters its compression pipeline in encoding order (empty when uncompressed)
 */
public record Variable(
    String name,
    String group,
    List<String> dims,
    DType dtype,
    long[] shape,
    int[] chunkShape,
    Attributes attributes,
    List<Filter> filters) {

  public Variable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(group, "group");
    dims = List.copyOf(dims);
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    if (shape.length != dims.size()) {
      throw new IllegalArgumentException(
          "variable " + name + " has " + dims.size() + " dimensions but shape " + Arrays.toString(shape));
    }
    chunkShape = chunkShape == null ? null : chunkShape.clone();
    if (chunkShape != null && chunkShape.length != shape.length) {
      throw new IllegalArgumentException(
          "variable " + name + ": chunk shape " + Arrays.toString(chunkShape) + " does not match shape "
              + Arrays.toString(shape));
    }
    Objects.requireNonNull(attributes, "attributes");
    filters = List.copyOf(filters);
  }

  /** The path of the variable in its file: its name at the root, {@code group/name} below it. */
  public String path() {
    return group.equals("/") ? name : group.substring(1) + "/" + name;
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The chunk shape, or {@code null} when the variable is contiguous. */
  @Override
  public int[] chunkShape() {
    return chunkShape == null ? null : chunkShape.clone();
  }

  public boolean isChunked() {
    return chunkShape != null;
  }

  /** Number of elements. */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /** Index of dimension {@code dim}, or -1. */
  public int dimIndex(String dim) {
    return dims.indexOf(dim);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Variable v
        && name.equals(v.name)
        && group.equals(v.group)
        && dims.equals(v.dims)
        && dtype == v.dtype
        && Arrays.equals(shape, v.shape)
        && Arrays.equals(chunkShape, v.chunkShape)
        && attributes.equals(v.attributes)
        && filters.equals(v.filters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, group, dims, dtype, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(dtype.cdlName()).append(' ').append(path()).append('(');
    sb.append(String.join(", ", dims)).append(')');
    sb.append(" shape=").append(Arrays.toString(shape));
    if (chunkShape != null) {
      sb.append(" chunks=").append(Arrays.toString(chunkShape));
    }
    if (!filters.isEmpty()) {
      sb.append(" filters=").append(filters);
    }
    return sb.toString();
  }
}
