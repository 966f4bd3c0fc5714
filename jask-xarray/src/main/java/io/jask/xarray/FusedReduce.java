package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BinaryOp;
import io.jask.array.BlockFunction;
import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.ReduceOp;
import io.jask.array.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A NaN-skipping sum, mean, minimum or maximum over some dimensions of an array whose chunks are
 * {@link ChunkRows}, fused into the read: one task per chunk reads, decodes and transforms the
 * chunk a row at a time and leaves only its partial results per kept position (sum and count, or
 * the extreme). The partials are combined in a tree and finished per kept position.
 *
 * <p>Partial blocks lay their slots along the first reduced axis: there a chunk's block has one
 * extent per slot, along the other reduced axes one.
 */
final class FusedReduce {
  private FusedReduce() {}

  /** What the partials hold. */
  enum Kind {
    SUM(1), MEAN(2), MIN(1), MAX(1);

    final int slots;

    Kind(int slots) {
      this.slots = slots;
    }

    static Kind of(ReduceOp op) {
      return switch (op) {
        case NANSUM -> SUM;
        case NANMEAN -> MEAN;
        case NANMIN -> MIN;
        case NANMAX -> MAX;
        default -> null;
      };
    }
  }

  /** The reduction of {@code x} over {@code axes} with reduced axes dropped, or null when it cannot be fused. */
  static Array tryFused(DataArray x, ReduceOp op, int[] axes) {
    Fused f = x.fused();
    Kind kind = Kind.of(op);
    if (f == null || kind == null || axes.length == 0 || !(x.dtype() == DType.FLOAT32 || x.dtype() == DType.FLOAT64)) {
      return null;
    }
    int nd = x.dims().size();
    int[] sorted = axes.clone();
    Arrays.sort(sorted);
    boolean[] reduced = new boolean[nd];
    for (int a : sorted) {
      reduced[a] = true;
    }
    int first = sorted[0];
    Chunks in = f.chunks();
    int[][] sizes = new int[nd][];
    long[] shape = new long[nd];
    for (int d = 0; d < nd; d++) {
      int nb = in.numBlocks()[d];
      int per = !reduced[d] ? -1 : d == first ? kind.slots : 1;
      if (per < 0) {
        sizes[d] = in.sizes(d);
        shape[d] = x.shape()[d];
      } else {
        sizes[d] = new int[nb];
        Arrays.fill(sizes[d], per);
        shape[d] = (long) nb * per;
      }
    }
    Array partials = f.map(new Partials(reduced, first, kind), DType.FLOAT64, Chunks.explicit(shape, sizes));
    // Combine along the first reduced axis chunk by chunk (its slots must stay apart), then over the others.
    int nb = in.numBlocks()[first];
    BinaryOp combine = kind == Kind.MIN ? BinaryOp.FMIN : kind == Kind.MAX ? BinaryOp.FMAX : BinaryOp.ADD;
    List<Array> parts = new ArrayList<>(nb);
    for (int b = 0; b < nb; b++) {
      Slice[] s = DataArray.all(nd);
      s[first] = Slice.of((long) b * kind.slots, (long) (b + 1) * kind.slots);
      parts.add(partials.slice(s));
    }
    Array combined = PartialsCombine.combine(parts, combine);
    return finish(combined, sorted, kind, op.resultType(x.dtype()));
  }

  /**
   * The result from partials combined along the first reduced axis ({@code kind.slots} long there,
   * laid out as {@link Partials} leaves them): combined over the other reduced axes, finished per
   * kept position and squeezed.
   *
   * @param sorted the reduced axes, ascending
   */
  static Array finish(Array combined, int[] sorted, Kind kind, DType resultType) {
    int nd = combined.ndim();
    int first = sorted[0];
    boolean[] reduced = new boolean[nd];
    for (int a : sorted) {
      reduced[a] = true;
    }
    int[] others = Arrays.stream(sorted).filter(a -> a != first).toArray();
    if (others.length > 0) {
      ReduceOp across = kind == Kind.MIN ? ReduceOp.NANMIN : kind == Kind.MAX ? ReduceOp.NANMAX : ReduceOp.SUM;
      combined = combined.reduce(across, true, Array.DEFAULT_SPLIT_EVERY, others);
    }
    long[] fshape = combined.shape();
    int[][] fsizes = new int[nd][];
    for (int d = 0; d < nd; d++) {
      fsizes[d] = reduced[d] ? new int[] {1} : combined.chunks().sizes(d);
      fshape[d] = reduced[d] ? 1 : fshape[d];
    }
    Array finished = combined.mapBlocks(new Finish(first, kind), resultType, Chunks.explicit(fshape, fsizes));
    Slice[] squeeze = DataArray.all(nd);
    for (int a : sorted) {
      squeeze[a] = Slice.index(0);
    }
    return finished.slice(squeeze);
  }

  /** Per chunk: the partials of every kept position, slots along the first reduced axis. */
  record Partials(boolean[] reduced, int first, Kind kind) implements Fused.RowKernel {
    @Override
    public NDArray apply(ChunkRows.Rows rows, BlockInfo where) {
      int[] shape = where.shape();
      int nd = shape.length;
      int k = kind.slots;
      // kept positions, row-major over the kept axes; stride of each axis in kept positions
      int[] stride = new int[nd];
      int kept = 1;
      for (int d = nd - 1; d >= 0; d--) {
        stride[d] = reduced[d] ? 0 : kept;
        kept *= reduced[d] ? 1 : shape[d];
      }
      double[] acc = new double[kept * k];
      if (kind == Kind.MIN || kind == Kind.MAX) {
        Arrays.fill(acc, Double.NaN);
      }
      int length = rows.rowLength();
      double[] row = new double[length];
      boolean lastKept = !reduced[nd - 1];
      int[] idx = new int[nd];
      int base = 0;
      for (int r = 0; r < rows.rowCount(); r++) {
        rows.row(r, row);
        if (lastKept) {
          accumulateEach(row, length, acc, base, k);
        } else {
          accumulateAll(row, length, acc, base * k);
        }
        // next row: advance the odometer over all axes but the last
        for (int d = nd - 2; d >= 0; d--) {
          base += stride[d];
          if (++idx[d] < shape[d]) {
            break;
          }
          base -= stride[d] * shape[d];
          idx[d] = 0;
        }
      }
      // lay the slots out along the first reduced axis: [kept before first][slot][kept after first]
      int after = 1;
      for (int d = first + 1; d < nd; d++) {
        after *= reduced[d] ? 1 : shape[d];
      }
      int before = kept / after;
      double[] out = new double[kept * k];
      for (int b = 0; b < before; b++) {
        for (int s = 0; s < k; s++) {
          for (int a = 0; a < after; a++) {
            out[(b * k + s) * after + a] = acc[(b * after + a) * k + s];
          }
        }
      }
      int[] outShape = shape.clone();
      for (int d = 0; d < nd; d++) {
        if (reduced[d]) {
          outShape[d] = d == first ? k : 1;
        }
      }
      return NDArray.of(out, outShape);
    }

    private void accumulateEach(double[] row, int length, double[] acc, int base, int k) {
      switch (kind) {
        case SUM -> {
          for (int j = 0; j < length; j++) {
            double x = row[j];
            if (x == x) {
              acc[base + j] += x;
            }
          }
        }
        case MEAN -> {
          for (int j = 0; j < length; j++) {
            double x = row[j];
            if (x == x) {
              acc[2 * (base + j)] += x;
              acc[2 * (base + j) + 1] += 1;
            }
          }
        }
        default -> {
          boolean min = kind == Kind.MIN;
          for (int j = 0; j < length; j++) {
            double x = row[j];
            double had = acc[base + j];
            if (x == x && (had != had || (min ? x < had : x > had))) {
              acc[base + j] = x;
            }
          }
        }
      }
    }

    private void accumulateAll(double[] row, int length, double[] acc, int at) {
      switch (kind) {
        case SUM, MEAN -> {
          double s = RowSums.plain(row, length);
          int c = length;
          if (s != s) {
            s = RowSums.skippingNaN(row, length);
            c = RowSums.countValid(row, length);
          }
          acc[at] += s;
          if (kind == Kind.MEAN) {
            acc[at + 1] += c;
          }
        }
        default -> {
          boolean min = kind == Kind.MIN;
          double had = acc[at];
          for (int j = 0; j < length; j++) {
            double x = row[j];
            if (x == x && (had != had || (min ? x < had : x > had))) {
              had = x;
            }
          }
          acc[at] = had;
        }
      }
    }
  }

  /** The combined partials turned into the result, one value per kept position. */
  record Finish(int first, Kind kind) implements BlockFunction {
    @Override
    public NDArray apply(NDArray block) {
      int[] shape = block.shape();
      int k = kind.slots;
      double[] p = block.toDoubleArray();
      int after = 1;
      for (int d = first + 1; d < shape.length; d++) {
        after *= shape[d];
      }
      int before = p.length / (k * after);
      double[] out = new double[before * after];
      for (int b = 0; b < before; b++) {
        for (int a = 0; a < after; a++) {
          double v = p[(b * k) * after + a];
          if (kind == Kind.MEAN) {
            double c = p[(b * k + 1) * after + a];
            v = c == 0 ? Double.NaN : v / c;
          }
          out[b * after + a] = v;
        }
      }
      int[] outShape = shape.clone();
      outShape[first] = 1;
      return NDArray.of(out, outShape);
    }
  }
}
