package io.jask.xarray;

import io.jask.array.BlockGenerator;
import io.jask.array.BlockInfo;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.xarray.cf.CfMaskScale;
import io.jask.xarray.netcdf.NetcdfFile;
import io.jask.xarray.netcdf.Slab;
import io.jask.xarray.netcdf.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one chunk of a variable from its file, on whichever worker runs the task: the task holds
 * only the file paths, the variable's name and whether to decode, never an open file, so it
 * travels to remote workers. For a variable spread over several files along {@code concatAxis},
 * {@code starts[i]} is where file {@code i} begins along it (and the last entry the total length).
 */
record ChunkRead(String[] paths, long[] starts, int concatAxis, String variable, boolean decode, DType dtype)
    implements BlockGenerator {

  @Override
  public NDArray block(BlockInfo info) {
    long[] off = info.offset();
    int[] shape = info.shape();
    if (paths.length == 1) {
      return read(paths[0], off, shape);
    }
    long lo = off[concatAxis];
    long hi = lo + shape[concatAxis];
    List<NDArray> parts = new ArrayList<>();
    for (int f = 0; f < paths.length; f++) {
      long a = Math.max(lo, starts[f]);
      long b = Math.min(hi, starts[f + 1]);
      if (a >= b) {
        continue;
      }
      long[] start = off.clone();
      int[] count = shape.clone();
      start[concatAxis] = a - starts[f];
      count[concatAxis] = (int) (b - a);
      parts.add(read(paths[f], start, count));
    }
    return parts.size() == 1 ? parts.get(0) : NDArray.concatenate(parts, concatAxis);
  }

  /**
   * The chunk at {@code info} read into this thread's reused buffer, for a task that reduces it at
   * once: the array is overwritten by the thread's next read and must not be kept. Falls back to
   * {@link #block} where the decoding needs new memory (scaling, unsigned or integer types).
   */
  NDArray blockInto(BlockInfo info) {
    if (paths.length != 1) {
      return block(info);
    }
    NetcdfFile file = OpenFiles.get(paths[0]);
    Variable v = file.variable(variable);
    io.jask.xarray.netcdf.DType raw = v.dtype();
    boolean floating = raw == io.jask.xarray.netcdf.DType.FLOAT || raw == io.jask.xarray.netcdf.DType.DOUBLE;
    if (!floating || decode && CfMaskScale.decodedType(raw, v.attributes()) != raw) {
      return block(info);
    }
    int[] count = info.shape();
    Slab buf = reusable(raw, count);
    file.readInto(v, info.offset(), count, buf);
    if (decode && CfMaskScale.applies(raw, v.attributes())) {
      double[] fills = fillValues(v);
      if (buf.data() instanceof float[] f) {
        for (int i = 0; i < f.length; i++) {
          for (double fill : fills) {
            if (f[i] == (float) fill) {
              f[i] = Float.NaN;
            }
          }
        }
      } else {
        double[] d = (double[]) buf.data();
        for (int i = 0; i < d.length; i++) {
          for (double fill : fills) {
            if (d[i] == fill) {
              d[i] = Double.NaN;
            }
          }
        }
      }
    }
    return SlabArrays.toArray(buf);
  }

  private static double[] fillValues(Variable v) {
    List<Double> out = new ArrayList<>();
    for (String name : List.of("_FillValue", "missing_value")) {
      v.attributes().get(name).ifPresent(a -> {
        for (double d : a.numbers()) {
          out.add(d);
        }
      });
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static final ThreadLocal<Slab> BUFFER = new ThreadLocal<>();

  private static Slab reusable(io.jask.xarray.netcdf.DType t, int[] shape) {
    Slab b = BUFFER.get();
    if (b == null || b.dtype() != t || !java.util.Arrays.equals(b.shape(), shape)) {
      b = Slab.allocate(t, shape);
      BUFFER.set(b);
    }
    return b;
  }

  private NDArray read(String path, long[] start, int[] count) {
    NetcdfFile file = OpenFiles.get(path);
    Variable v = file.variable(variable);
    Slab raw = file.read(v, start, count);
    Slab values = decode ? CfMaskScale.decode(raw, v.attributes()) : raw;
    NDArray a = SlabArrays.toArray(values);
    return a.dtype() == dtype ? a : a.astype(dtype);
  }
}
