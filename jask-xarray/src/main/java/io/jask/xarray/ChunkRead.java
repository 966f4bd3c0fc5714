package io.jask.xarray;

import io.jask.array.BlockGenerator;
import io.jask.array.BlockInfo;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.xarray.cf.CfMaskScale;
import io.jask.xarray.netcdf.ChunkValues;
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
    implements BlockGenerator, ChunkRows {

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
   * The chunk at {@code info} read into this thread's reused buffer of stored values, decoded a
   * row at a time as it is used.
   */
  @Override
  public Rows open(BlockInfo info, NDArray[] wholes, int first) {
    if (paths.length != 1) {
      return ChunkRows.of(block(info));
    }
    NetcdfFile file = OpenFiles.get(paths[0]);
    Variable v = file.variable(variable);
    int[] count = info.shape();
    CfMaskScale.Decoder decoder = CfMaskScale.decoder(v.dtype(), v.attributes(), decode);
    int length = count.length == 0 ? 1 : count[count.length - 1];
    long size = 1;
    for (int c : count) {
      size *= c;
    }
    int rows = length == 0 ? 0 : (int) (size / length);
    ChunkValues chunk = file.chunkValues(v, info.offset(), count);
    if (chunk instanceof ChunkValues.Floats floats && decoder.valueType() == io.jask.xarray.netcdf.DType.FLOAT
        && !decoder.hasScale() && !decoder.hasOffset() && decoder.fills().length <= 1) {
      // float32 values widen straight from the decompressor's buffer, the fill value masked on the way
      boolean masked = decoder.fills().length == 1;
      float fill = masked ? (float) decoder.fills()[0] : 0f;
      return new SlabRows(length, rows) {
        @Override
        public void row(int r, double[] dst) {
          floats.copyWidened(r * length, length, dst, masked, fill);
        }

        @Override
        public boolean rowAdding(int r, double[] dst, double[] sums, int at) {
          return floats.copyWidenedAdding(r * length, length, dst, masked, fill, sums, at);
        }

        @Override
        public double rowSumming(int r, double[] dst) {
          return floats.copyWidenedSumming(r * length, length, dst, masked, fill);
        }
      };
    }
    if (chunk != null) {
      // the chunk stays in the decompressor's buffer; each row is copied out and decoded as it is used
      Slab row = Slab.allocate(v.dtype(), length);
      Slab rowValues = decoder.values(row);
      return new SlabRows(length, rows) {
        @Override
        public void row(int r, double[] dst) {
          chunk.copy(r * length, length, row.data());
          decoder.decode(rowValues, 0, length, dst);
        }
      };
    }
    Slab buf = reusable(v.dtype(), count);
    file.readInto(v, info.offset(), count, buf);
    Slab values = decoder.values(buf);
    return new SlabRows(length, rows) {
      @Override
      public void row(int r, double[] dst) {
        decoder.decode(values, r * length, length, dst);
      }
    };
  }

  /** Rows of a fixed length and count. */
  private abstract static class SlabRows implements Rows {
    private final int length;
    private final int rows;

    SlabRows(int length, int rows) {
      this.length = length;
      this.rows = rows;
    }

    @Override
    public int rowLength() {
      return length;
    }

    @Override
    public int rowCount() {
      return rows;
    }
  }

  @Override
  public int inputs() {
    return 0;
  }

  private static final ThreadLocal<Slab> BUFFER = new ThreadLocal<>();

  private static Slab reusable(io.jask.xarray.netcdf.DType t, int[] shape) {
    Slab b = BUFFER.get();
    if (b == null || b.dtype() != t || !java.util.Arrays.equals(b.shape(), shape)) {
      b = null;
      BUFFER.remove(); // let the old buffer go before the new one is made
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
