package io.jask.array;

import io.jask.core.graph.Functions;
import io.jask.core.graph.TaskFunction;
import io.jask.core.graph.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The task functions of array graphs, one record each: the record's components are the
 * operation's parameters, its arguments the input blocks. Records serialise to remote workers and
 * tokenize by value, so equal operations get equal keys.
 */
final class BlockTasks {
  private BlockTasks() {}

  /** A task function named by its operation, identified by its parameters. */
  interface BlockTask extends TaskFunction, Functions.NamedFunction {
    @Override
    default String identity() {
      return getClass().getName() + ":" + Tokens.tokenize(this);
    }
  }

  // ---- creation ----

  /**
   * Uniform doubles in [0, 1) from splitmix64 (the generator behind {@link java.util.SplittableRandom})
   * seeded by the array's seed and the block's position: the same block always gets the same
   * numbers, whichever thread or worker makes it and in whatever order.
   */
  record RandomBlock(long seed, int[] shape) implements BlockTask, BlockwiseFusion.Fusable, BlockwiseFusion.Borrowing {
    @Override
    public Object call(Object[] args) {
      int n = NDArray.product(shape);
      double[] out = new double[n];
      fill(out, seed);
      return NDArray.wrap(DType.FLOAT64, out, shape.clone());
    }

    @Override
    public TaskFunction borrowing() {
      return new ScratchRandomBlock(seed, shape);
    }

    static void fill(double[] out, long seed) {
      long s = seed;
      for (int k = 0; k < out.length; k++) {
        s += 0x9E3779B97F4A7C15L;
        long z = s;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        out[k] = (z >>> 11) * 0x1.0p-53;
      }
    }

    /** A well-mixed seed for block number {@code block} of an array seeded {@code seed}. */
    static long blockSeed(long seed, long block) {
      long z = seed * 0x9E3779B97F4A7C15L + block * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
      z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
      z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
      return z ^ (z >>> 33);
    }

    @Override
    public String name() {
      return "random";
    }
  }

  /** {@link RandomBlock} in a reused buffer, for a fused reduction that consumes it at once. */
  record ScratchRandomBlock(long seed, int[] shape) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      double[] out = Scratch.doubles(NDArray.product(shape));
      RandomBlock.fill(out, seed);
      return NDArray.wrap(DType.FLOAT64, out, shape.clone());
    }

    @Override
    public String name() {
      return "random";
    }
  }

  /** Normal deviates (mean 0, sd 1) by the Box-Muller transform of the block's uniform stream. */
  record NormalBlock(long seed, int[] shape) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      int n = NDArray.product(shape);
      double[] u = new double[n + (n & 1)];
      RandomBlock.fill(u, seed);
      double[] out = new double[n];
      for (int k = 0; k + 1 < u.length; k += 2) {
        double r = Math.sqrt(-2 * Math.log(1 - u[k]));
        double t = 2 * Math.PI * u[k + 1];
        out[k] = r * Math.cos(t);
        if (k + 1 < n) {
          out[k + 1] = r * Math.sin(t);
        }
      }
      return NDArray.wrap(DType.FLOAT64, out, shape.clone());
    }

    @Override
    public String name() {
      return "normal";
    }
  }

  record FullBlock(String name, DType dtype, double value, int[] shape) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return NDArray.full(dtype, value, shape);
    }
  }

  /** {@code start + i * step} for the block's positions {@code i}; with {@code last >= 0}, position {@code last} is exactly {@code stop}. */
  record RangeBlock(String name, DType dtype, double start, double step, long offset, int n, long last, double stop)
      implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      double[] v = new double[n];
      for (int k = 0; k < n; k++) {
        long i = offset + k;
        v[k] = i == last ? stop : start + i * step;
      }
      return Convert.fromDoubles(v, new int[] {n}, dtype);
    }
  }

  record GeneratorBlock(BlockGenerator generator, BlockInfo info, DType dtype) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) throws Exception {
      NDArray b = generator.block(info);
      return checked(b, info.shape(), dtype, Functions.name(generator));
    }

    @Override
    public String name() {
      return Functions.name(generator);
    }
  }

  /** Checks that a block made elsewhere (a delayed call) has the shape and dtype declared for it. */
  record CheckedBlock(int[] shape, DType dtype) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      if (!(args[0] instanceof NDArray b)) {
        throw new IllegalStateException("a block must be an NDArray, got "
            + (args[0] == null ? "null" : args[0].getClass().getName()));
      }
      return checked(b, shape, dtype, "from-delayed");
    }

    @Override
    public String name() {
      return "from-delayed";
    }
  }

  static NDArray checked(NDArray b, int[] shape, DType dtype, String what) {
    if (!Arrays.equals(b.shape, shape)) {
      throw new IllegalStateException(what + " made a block of shape " + Arrays.toString(b.shape)
          + " where the chunks say " + Arrays.toString(shape));
    }
    return b.astype(dtype);
  }

  // ---- elementwise ----

  record Binary(BinaryOp op, DType dtype) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return Elementwise.binary(op, (NDArray) args[0], (NDArray) args[1], dtype);
    }

    @Override
    public String name() {
      return op.numpyName();
    }
  }

  record ScalarBinary(BinaryOp op, double value, boolean integral, boolean scalarFirst, DType dtype) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      NDArray a = (NDArray) args[0];
      NDArray s = integral ? NDArray.wrap(DType.INT64, new long[] {(long) value}) : NDArray.scalar(value);
      return scalarFirst ? Elementwise.binary(op, s, a, dtype) : Elementwise.binary(op, a, s, dtype);
    }

    @Override
    public String name() {
      return op.numpyName();
    }
  }

  record Unary(UnaryOp op) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return Elementwise.unary(op, (NDArray) args[0]);
    }

    @Override
    public String name() {
      return op.numpyName();
    }
  }

  record Where() implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return Elementwise.where((NDArray) args[0], (NDArray) args[1], (NDArray) args[2]);
    }

    @Override
    public String name() {
      return "where";
    }
  }

  record Astype(DType dtype) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return ((NDArray) args[0]).astype(dtype);
    }

    @Override
    public String name() {
      return "astype";
    }
  }

  record MapBlock(BlockFunction fn, int[] shape, DType dtype) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) throws Exception {
      NDArray b = fn.apply((NDArray) args[0]);
      return shape == null ? b.astype(dtype) : checked(b, shape, dtype, Functions.name(fn));
    }

    @Override
    public String name() {
      return Functions.name(fn);
    }
  }

  /** {@link Array#mapBlocksAt}: the block, where it lies, and whole extra arrays. */
  record MapBlockAt(PositionedBlockFunction fn, BlockInfo where, int[] shape, DType dtype) implements BlockTask {
    @Override
    public Object call(Object[] args) throws Exception {
      NDArray[] wholes = new NDArray[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        wholes[i - 1] = (NDArray) args[i];
      }
      return checked(fn.apply((NDArray) args[0], where, wholes), shape, dtype, Functions.name(fn));
    }

    @Override
    public String name() {
      return Functions.name(fn);
    }
  }

  /** {@link Array#expandDims}: the block with a new axis of length one. */
  record ExpandDims(int axis) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      return ((NDArray) args[0]).expandDims(axis);
    }

    @Override
    public String name() {
      return "expand-dims";
    }
  }

  record MapBlocks(BlocksFunction fn, int[] shape, DType dtype) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) throws Exception {
      NDArray[] blocks = new NDArray[args.length];
      for (int i = 0; i < args.length; i++) {
        blocks[i] = (NDArray) args[i];
      }
      return checked(fn.apply(blocks), shape, dtype, Functions.name(fn));
    }

    @Override
    public String name() {
      return Functions.name(fn);
    }
  }

  // ---- layout ----

  /**
   * A block sliced. A result that is kept is copied when it is a small part of its block, so it
   * neither keeps the whole block alive nor sends it over the wire; inside a fused task, where the
   * next operation consumes it at once, it stays a view ({@code compact} false).
   */
  record SliceBlock(Slice[] slices, boolean compact) implements BlockTask, BlockwiseFusion.Fusable,
      BlockwiseFusion.Intermediate {
    @Override
    public Object call(Object[] args) {
      NDArray view = ((NDArray) args[0]).slice(slices);
      return compact ? view.compact() : view;
    }

    @Override
    public TaskFunction asIntermediate() {
      return new SliceBlock(slices, false);
    }

    @Override
    public String name() {
      return "getitem";
    }
  }

  record TransposeBlock(int[] axes) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return ((NDArray) args[0]).transpose(axes);
    }

    @Override
    public String name() {
      return "transpose";
    }
  }

  /** A block passed on unchanged under a new key (concatenation), or reshaped (stacking, broadcasting). */
  record Alias(String name, int[] shape) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      NDArray b = (NDArray) args[0];
      return shape == null ? b : b.reshape(shape);
    }
  }

  /** {@link Array#reshape}: a block in its new shape (a view when it is contiguous). */
  record ReshapeBlock(int[] shape) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return ((NDArray) args[0]).reshape(shape);
    }

    @Override
    public String name() {
      return "reshape";
    }
  }

    record BroadcastBlock(int[] shape) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return ((NDArray) args[0]).broadcastTo(shape);
    }

    @Override
    public String name() {
      return "broadcast_to";
    }
  }

  /**
   * One output block of a rechunk, assembled from the parts of the input blocks it overlaps:
   * argument {@code p} is cut by {@code from[p]..to[p]} (per axis, in the input block) and placed at
   * {@code at[p]} (per axis, in the output block).
   */
  record Assemble(int[] shape, DType dtype, int[][] from, int[][] to, int[][] at) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      if (args.length == 1 && isWhole((NDArray) args[0], 0)) {
        return args[0];
      }
      NDArray out = NDArray.zeros(dtype, shape);
      for (int p = 0; p < args.length; p++) {
        NDArray in = (NDArray) args[p];
        Slice[] src = new Slice[shape.length];
        Slice[] dst = new Slice[shape.length];
        for (int d = 0; d < shape.length; d++) {
          src[d] = Slice.of(from[p][d], to[p][d]);
          dst[d] = Slice.of(at[p][d], at[p][d] + to[p][d] - from[p][d]);
        }
        Convert.assign(out.slice(dst), in.slice(src));
      }
      return out;
    }

    private boolean isWhole(NDArray in, int p) {
      for (int d = 0; d < shape.length; d++) {
        if (from[p][d] != 0 || to[p][d] != in.shape[d] || to[p][d] != shape[d]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String name() {
      return "rechunk";
    }
  }

  // ---- reductions ----

  record ReducePartial(ReduceOp op, boolean[] reduced, long axisOffset, long[] blockOffset, long[] fullShape)
      implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      long[][] origin = blockOffset == null ? null : new long[][] {blockOffset, fullShape};
      return Reductions.partial(op, (NDArray) args[0], reduced, axisOffset, origin);
    }

    @Override
    public String name() {
      return op.numpyName() + "-partial";
    }
  }

  // ---- reductions with partials of their own kind (Array#reduceBlocks) ----

  record ObjectPartial(BlockReduction<?> reduction, BlockInfo where) implements BlockTask {
    @Override
    public Object call(Object[] args) throws Exception {
      NDArray[] wholes = new NDArray[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        wholes[i - 1] = (NDArray) args[i];
      }
      return reduction.partial((NDArray) args[0], where, wholes);
    }

    @Override
    public String name() {
      return Functions.name(reduction) + "-partial";
    }
  }

  record ObjectCombine(BlockReduction<?> reduction) implements BlockTask {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) {
      return ((BlockReduction) reduction).combine(Arrays.asList(args));
    }

    @Override
    public String name() {
      return Functions.name(reduction) + "-aggregate";
    }
  }

  record ObjectFinish(BlockReduction<?> reduction, int[] shape, DType dtype) implements BlockTask {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object call(Object[] args) {
      String what = Functions.name(reduction);
      return checked(((BlockReduction) reduction).finish(Arrays.asList(args), shape.clone()), shape, dtype, what);
    }

    @Override
    public String name() {
      return Functions.name(reduction);
    }
  }

  record ReduceCombine(ReduceOp op) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      return Reductions.combine(op, Arrays.asList(args));
    }

    @Override
    public String name() {
      return op.numpyName() + "-aggregate";
    }
  }

  record ReduceFinish(ReduceOp op, boolean[] reduced, boolean keepDims, int ddof, DType input, int[] inputShapeHint)
      implements BlockTask {
    @Override
    public Object call(Object[] args) {
      return Reductions.finish(op, args[0], reduced, keepDims, ddof, input, inputShapeHint);
    }

    @Override
    public String name() {
      return op.numpyName();
    }
  }

  // ---- cumulative ----

  record CumBlock(int axis, boolean product) implements BlockTask, BlockwiseFusion.Fusable {
    @Override
    public Object call(Object[] args) {
      return Reductions.cumulative((NDArray) args[0], axis, product);
    }

    @Override
    public String name() {
      return product ? "cumprod-block" : "cumsum-block";
    }
  }

  /** The running total before the next block: the previous total combined with this block's last slice. */
  record Carry(int axis, boolean product) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      NDArray cum = (NDArray) args[args.length - 1];
      Slice[] last = new Slice[cum.ndim()];
      Arrays.fill(last, Slice.all());
      last[axis] = Slice.of(cum.shape[axis] - 1, cum.shape[axis]);
      NDArray edge = cum.slice(last).copy();
      if (args.length == 1) {
        return edge;
      }
      NDArray prev = (NDArray) args[0];
      return product ? prev.multiply(edge) : prev.add(edge);
    }

    @Override
    public String name() {
      return product ? "cumprod-carry" : "cumsum-carry";
    }
  }

  record ApplyCarry(boolean product) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      NDArray local = (NDArray) args[0];
      NDArray carry = (NDArray) args[1];
      NDArray r = product ? local.multiply(carry) : local.add(carry);
      return r.astype(local.dtype);
    }

    @Override
    public String name() {
      return product ? "cumprod" : "cumsum";
    }
  }

  // ---- linear algebra ----

  record Tensordot(int[] axesA, int[] axesB) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      return LinearAlgebra.tensordot((NDArray) args[0], (NDArray) args[1], axesA, axesB);
    }

    @Override
    public String name() {
      return "tensordot-partial";
    }
  }

  record SumBlocks(String name) implements BlockTask {
    @Override
    public Object call(Object[] args) {
      NDArray acc = (NDArray) args[0];
      for (int i = 1; i < args.length; i++) {
        acc = acc.add((NDArray) args[i]);
      }
      return acc;
    }
  }

  // ---- storing ----

  record StoreBlock(ArrayTarget target, long[] offset) implements BlockTask {
    @Override
    public Object call(Object[] args) throws Exception {
      NDArray b = (NDArray) args[0];
      target.write(offset, b);
      return b.nbytes();
    }

    @Override
    public String name() {
      return "store";
    }
  }

  record StoreDone() implements BlockTask {
    @Override
    public Object call(Object[] args) {
      long total = 0;
      for (Object o : args) {
        total += (Long) o;
      }
      return total;
    }

    @Override
    public String name() {
      return "store-done";
    }
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }
}
