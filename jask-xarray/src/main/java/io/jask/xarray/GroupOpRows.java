package io.jask.xarray;

import io.jask.array.BinaryOp;
import io.jask.array.BlockInfo;
import io.jask.array.NDArray;
import io.jask.array.Slice;

/**
 * Group-wise arithmetic as a step of {@link ChunkRows}: each value of the rows of {@code base}
 * combined with its group's value (anomalies against a climatology). The per-group array is read
 * whole; it has the group dimension where the data have {@code axis}, and length one or the
 * data's length along every other axis.
 *
 * @param positionToGroup the index in the per-group array of each position along {@code axis}
 */
record GroupOpRows(ChunkRows base, int axis, int[] positionToGroup, BinaryOp op) implements ChunkRows {

  @Override
  public int inputs() {
    return base.inputs() + 1;
  }

  @Override
  public Rows open(BlockInfo where, NDArray[] wholes, int first) throws Exception {
    Rows in = base.open(where, wholes, first);
    int[] shape = where.shape();
    int rank = shape.length;
    double[] g = perGroup(wholes[first + base.inputs()], axis, where.shape(), where.offset());
    int ng = wholes[first + base.inputs()].shape(axis);
    int n = shape[axis];
    int off = (int) where.offset()[axis];
    int length = in.rowLength();
    int inner = innerSize(shape, axis);
    boolean alongRow = axis == rank - 1;
    int rowsPerStep = alongRow ? 1 : inner / Math.max(1, length);
    int op = switch (this.op) {
      case SUBTRACT -> 0;
      case ADD -> 1;
      case MULTIPLY -> 2;
      case DIVIDE -> 3;
      default -> throw new XarrayException("group arithmetic does not do " + this.op);
    };
    return new Rows() {
      @Override
      public int rowLength() {
        return length;
      }

      @Override
      public int rowCount() {
        return in.rowCount();
      }

      @Override
      public void row(int r, double[] dst) {
        in.row(r, dst);
        if (alongRow) {
          int base = r * ng;
          for (int j = 0; j < length; j++) {
            dst[j] = combine(op, dst[j], g[base + positionToGroup[off + j]]);
          }
          return;
        }
        int o = r / (n * rowsPerStep);
        int t = (r / rowsPerStep) % n;
        int q = r % rowsPerStep;
        int from = (o * ng + positionToGroup[off + t]) * inner + q * length;
        switch (op) {
          case 0 -> {
            for (int j = 0; j < length; j++) {
              dst[j] -= g[from + j];
            }
          }
          case 1 -> {
            for (int j = 0; j < length; j++) {
              dst[j] += g[from + j];
            }
          }
          case 2 -> {
            for (int j = 0; j < length; j++) {
              dst[j] *= g[from + j];
            }
          }
          default -> {
            for (int j = 0; j < length; j++) {
              dst[j] /= g[from + j];
            }
          }
        }
      }
    };
  }

  private static int innerSize(int[] shape, int axis) {
    int inner = 1;
    for (int d = axis + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    return inner;
  }

  private static double combine(int op, double a, double b) {
    return switch (op) {
      case 0 -> a - b;
      case 1 -> a + b;
      case 2 -> a * b;
      default -> a / b;
    };
  }

  /**
   * The per-group values {@code g} over a block's extent ({@code shape} at {@code offset}) of the
   * axes other than {@code axis}, all groups along {@code axis}; {@code g} may broadcast.
   */
  static double[] perGroup(NDArray g, int axis, int[] shape, long[] offset) {
    Slice[] s = new Slice[shape.length];
    int[] gShape = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      if (d == axis) {
        s[d] = Slice.all();
      } else if (g.shape(d) == 1) {
        s[d] = Slice.of(0, 1);
      } else {
        s[d] = Slice.of(offset[d], offset[d] + shape[d]);
      }
      gShape[d] = d == axis ? g.shape(d) : shape[d];
    }
    return g.slice(s).broadcastTo(gShape).toDoubleArray();
  }
}
