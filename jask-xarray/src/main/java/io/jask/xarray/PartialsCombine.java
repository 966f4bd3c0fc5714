package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BinaryOp;
import io.jask.array.BlocksFunction;
import io.jask.array.DType;
import io.jask.array.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines the per-chunk partials of a reduction (sums and counts, minima, maxima) elementwise,
 * up to {@link #FAN_IN} blocks per task into one new array: a chunk's group-wise partials are
 * megabytes, and a pairwise tree would allocate one such array per pair, each a large allocation
 * for the garbage collector, where a wide combine allocates one.
 */
record PartialsCombine(BinaryOp op) implements BlocksFunction {
  /** The most partials one task combines: enough for tens of chunks in one step. */
  static final int FAN_IN = 16;

  PartialsCombine {
    if (op != BinaryOp.ADD && op != BinaryOp.FMIN && op != BinaryOp.FMAX) {
      throw new IllegalArgumentException("partials combine by add, fmin or fmax, not " + op);
    }
  }

  /** {@code parts} (float64 arrays of one shape and chunking) combined by {@code op}, in a tree of {@link #FAN_IN}-wide steps. */
  static Array combine(List<Array> parts, BinaryOp op) {
    PartialsCombine fn = new PartialsCombine(op);
    while (parts.size() > 1) {
      List<Array> next = new ArrayList<>((parts.size() + FAN_IN - 1) / FAN_IN);
      for (int i = 0; i < parts.size(); i += FAN_IN) {
        List<Array> group = parts.subList(i, Math.min(parts.size(), i + FAN_IN));
        next.add(group.size() == 1 ? group.get(0) : Array.blockwise(fn, DType.FLOAT64, group.toArray(Array[]::new)));
      }
      parts = next;
    }
    return parts.get(0);
  }

  @Override
  public NDArray apply(NDArray... blocks) {
    int[] shape = blocks[0].shape();
    double[] out = doubles(blocks[0]).clone();
    for (int b = 1; b < blocks.length; b++) {
      if (!java.util.Arrays.equals(blocks[b].shape(), shape)) {
        throw new IllegalArgumentException("partials of shapes " + java.util.Arrays.toString(shape) + " and "
            + java.util.Arrays.toString(blocks[b].shape()) + " cannot be combined");
      }
      double[] x = doubles(blocks[b]);
      switch (op) {
        case ADD -> {
          for (int i = 0; i < out.length; i++) {
            out[i] += x[i];
          }
        }
        case FMIN -> {
          for (int i = 0; i < out.length; i++) {
            double a = out[i];
            double v = x[i];
            out[i] = a != a ? v : v != v ? a : Math.min(a, v);
          }
        }
        default -> {
          for (int i = 0; i < out.length; i++) {
            double a = out[i];
            double v = x[i];
            out[i] = a != a ? v : v != v ? a : Math.max(a, v);
          }
        }
      }
    }
    return NDArray.of(out, shape);
  }

  /** A block's values, without a copy when it is contiguous float64 already. */
  static double[] doubles(NDArray block) {
    return block.dtype() == DType.FLOAT64 ? (double[]) block.data() : block.toDoubleArray();
  }
}
