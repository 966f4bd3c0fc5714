package io.jask.array;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A sum or mean of a sum or difference, inside one fused task, without the sum or difference
 * block: {@code (x + x.T).sum(0)} reduces {@code x}'s block and the transposed view of the other
 * block separately (the view read in memory order, as row sums) and adds the two partial results,
 * since {@code sum(a ± b) = sum(a) ± sum(b)}. No block of {@code a ± b} is allocated, and the
 * transposed operand is never walked across its rows.
 *
 * <p>The rewrite is decided when the graph is fused, the shortcut when the blocks arrive: operands
 * of other dtypes or shapes (broadcasting) get the plain operation and reduction.
 */
final class ReducedBinary {
  private ReducedBinary() {}

  /**
   * Rewrites, in place, every reduction node whose input is an addition or subtraction node of the
   * same fused task (that node then only passes its operands on).
   */
  static void rewrite(List<BlockwiseFusion.Node> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      BlockwiseFusion.Node node = nodes.get(i);
      if (!(node.function() instanceof BlockTasks.ReducePartial partial) || !distributes(partial)
          || node.args().length != 1 || !(node.args()[0] instanceof BlockwiseFusion.NodeRef ref)) {
        continue;
      }
      BlockwiseFusion.Node input = nodes.get(ref.node());
      if (!(input.function() instanceof BlockTasks.Binary binary)
          || (binary.op() != BinaryOp.ADD && binary.op() != BinaryOp.SUBTRACT)) {
        continue;
      }
      nodes.set(ref.node(), new BlockwiseFusion.Node(input.key(), new PassOperands(binary.op()), input.args()));
      nodes.set(i, new BlockwiseFusion.Node(node.key(), new ReduceOfBinary(partial, binary), node.args()));
    }
  }

  private static boolean distributes(BlockTasks.ReducePartial p) {
    return (p.op() == ReduceOp.SUM || p.op() == ReduceOp.MEAN) && p.blockOffset() == null;
  }

  /** The two operands of a deferred binary operation. */
  record Operands(NDArray a, NDArray b) implements Serializable {}

  /** Stands in for a binary operation whose only consumer reduces it: hands over the operands. */
  record PassOperands(BinaryOp op) implements BlockTasks.BlockTask {
    @Override
    public Object call(Object[] args) {
      return new Operands((NDArray) args[0], (NDArray) args[1]);
    }

    @Override
    public String name() {
      return op.numpyName();
    }
  }

  /** The partial reduction of {@code binary(a, b)} from the operands. */
  record ReduceOfBinary(BlockTasks.ReducePartial partial, BlockTasks.Binary binary)
      implements BlockTasks.BlockTask {
    @Override
    public Object call(Object[] args) {
      Operands p = (Operands) args[0];
      NDArray a = p.a();
      NDArray b = p.b();
      if (a.dtype != DType.FLOAT64 || b.dtype != DType.FLOAT64 || binary.dtype() != DType.FLOAT64
          || !Arrays.equals(a.shape, b.shape)) {
        return partial.call(new Object[] {binary.call(new Object[] {a, b})});
      }
      Object pa = Reductions.partial(partial.op(), a, partial.reduced(), 0, null);
      Object pb = Reductions.partial(partial.op(), b, partial.reduced(), 0, null);
      if (pa instanceof Partials.Moments ma) {
        Partials.Moments mb = (Partials.Moments) pb;
        return new Partials.Moments(ma.count(), Elementwise.binary(binary.op(), ma.mean(), mb.mean(), DType.FLOAT64), null);
      }
      return Elementwise.binary(binary.op(), (NDArray) pa, (NDArray) pb, DType.FLOAT64);
    }

    @Override
    public String name() {
      return partial.name();
    }
  }
}
