package io.jask.xarray;

import io.jask.array.Array;
import io.jask.array.BinaryOp;
import io.jask.array.BlockInfo;
import io.jask.array.Chunks;
import io.jask.array.DType;
import io.jask.array.NDArray;
import io.jask.array.PositionedBlockFunction;
import io.jask.array.ReduceOp;
import java.util.Arrays;

/**
 * A NaN-skipping sum or mean, over the grouped dimension (and maybe others), of group-wise
 * arithmetic {@code x.groupBy(g) ± c}, computed from the group-wise sums and valid counts of
 * {@code x} instead of from every element: over the members of group {@code g} at one position,
 * {@code Σ (x ± c_g) = S_g ± n_g·c_g} with {@code n_g} values, and groups whose {@code c_g} is NaN
 * drop out (every {@code x ± c_g} of theirs is NaN). The group-wise sums are the very tasks of
 * {@code x.groupBy(g).mean()}: anomalies against a climatology of the same grouping read the file
 * once, for both.
 *
 * <p>Other reductions, reductions that keep the grouped dimension, and other operators take the
 * element-wise path.
 */
final class GroupOpReduce {
  private GroupOpReduce() {}

  /**
   * How an array came out of group-wise arithmetic.
   *
   * @param grouping the grouping of the left operand
   * @param groupToTheirs the index in {@code whole} along the group dimension of each group
   * @param op the operator
   * @param whole the per-group operand, aligned to the left operand's dimensions (the group
   *     dimension in place of the grouped one)
   */
  record Origin(GroupBy grouping, int[] groupToTheirs, BinaryOp op, Array whole) {}

  /** The reduction of {@code x} over {@code axes} with reduced axes dropped, or null when it does not decompose. */
  static Array tryDecomposed(DataArray x, ReduceOp op, int[] axes) {
    Origin o = x.groupOp();
    FusedReduce.Kind kind = op == ReduceOp.NANSUM ? FusedReduce.Kind.SUM
        : op == ReduceOp.NANMEAN ? FusedReduce.Kind.MEAN : null;
    if (o == null || kind == null || axes.length == 0 || (o.op != BinaryOp.SUBTRACT && o.op != BinaryOp.ADD)) {
      return null;
    }
    int[] sorted = axes.clone();
    Arrays.sort(sorted);
    int axis = o.grouping.axis();
    // the slots of the partials go along the first reduced axis, which must be the grouped one
    if (sorted[0] != axis || Arrays.stream(o.groupToTheirs).anyMatch(i -> i < 0)) {
      return null;
    }
    int groups = o.groupToTheirs.length;
    Array sums = o.grouping.combinedPartials(GroupBy.Stat.SUM);
    long[] shape = sums.shape();
    int[][] sizes = new int[shape.length][];
    for (int d = 0; d < shape.length; d++) {
      sizes[d] = sums.chunks().sizes(d);
    }
    shape[axis] = kind.slots;
    sizes[axis] = new int[] {kind.slots};
    Array partials = sums.mapBlocksAt(new Totals(axis, groups, o.groupToTheirs, o.op == BinaryOp.SUBTRACT, kind),
        DType.FLOAT64, Chunks.explicit(shape, sizes), o.whole);
    return FusedReduce.finish(partials, sorted, kind, op.resultType(x.dtype()));
  }

  /**
   * Per block of group-wise sums and counts ({@code [sum of each group][count of each group]}
   * along the grouped axis): the sum over groups of {@code S_g ± n_g·c_g} (and of {@code n_g}
   * for a mean), leaving out groups whose {@code c_g} is NaN, as FusedReduce's partials.
   */
  record Totals(int axis, int groups, int[] groupToTheirs, boolean subtract, FusedReduce.Kind kind)
      implements PositionedBlockFunction {
    @Override
    public NDArray apply(NDArray block, BlockInfo where, NDArray[] wholes) {
      int[] shape = block.shape();
      double[] c = GroupOpRows.perGroup(wholes[0], axis, shape, where.offset());
      int ng = wholes[0].shape(axis);
      double[] p = PartialsCombine.doubles(block);
      int outer = AxisSizes.outer(shape, axis);
      int inner = AxisSizes.inner(shape, axis);
      int k = kind.slots;
      int kg = shape[axis];
      double[] out = new double[outer * k * inner];
      for (int o = 0; o < outer; o++) {
        for (int g = 0; g < groups; g++) {
          int sAt = (o * kg + g) * inner;
          int nAt = (o * kg + groups + g) * inner;
          int cAt = (o * ng + groupToTheirs[g]) * inner;
          int to = o * k * inner;
          for (int i = 0; i < inner; i++) {
            double n = p[nAt + i];
            double cg = c[cAt + i];
            if (n == 0 || cg != cg) {
              continue;
            }
            out[to + i] += subtract ? p[sAt + i] - n * cg : p[sAt + i] + n * cg;
            if (k == 2) {
              out[to + inner + i] += n;
            }
          }
        }
      }
      int[] outShape = shape.clone();
      outShape[axis] = k;
      return NDArray.of(out, outShape);
    }
  }
}
