package io.jask.array;

import io.jask.core.Delayed;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.TaskFunction;
import io.jask.core.graph.Tokenizable;
import io.jask.core.graph.Tokens;
import io.jask.core.scheduler.Scheduler;
import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A lazy n-dimensional array cut into blocks: what {@code dask.array} is to NumPy. Each operation
 * adds tasks to a graph, one per block (or a tree of them for reductions); nothing runs until
 * {@link #compute()}, which runs the graph on the current scheduler (threads by default, or the
 * cluster of an open distributed client) and returns an {@link NDArray}.
 *
 * <pre>{@code
 * import static io.jask.array.Array.chunks;
 * import static io.jask.array.Array.shape;
 *
 * Array x = Array.random(shape(20_000, 20_000), chunks(2_000, 2_000));
 * double m = x.mean().computeDouble();
 * NDArray s = x.add(x.transpose()).sum(0).compute();
 * NDArray part = x.slice(Slice.of(0, 10), Slice.step(1000)).compute();
 * }</pre>
 *
 * <p>Task keys are {@code (name, i, j, …)}: the name says the operation ({@code "add-3f2a…"},
 * {@code "sum-partial-…"}), the index the block. Equal operations on equal inputs get equal keys,
 * so shared work is computed once. Arrays are immutable and safe to share between threads.
 */
public final class Array implements Tokenizable {
  /** Partial reductions combined per tree node, over all reduced axes together (Dask's {@code split_every}). */
  public static final int DEFAULT_SPLIT_EVERY = 8;

  private final String name;
  private final Chunks chunks;
  private final DType dtype;
  private final Layer layer;

  Array(String name, Chunks chunks, DType dtype, Layer layer) {
    this.name = name;
    this.chunks = chunks;
    this.dtype = dtype;
    this.layer = layer;
  }

  // ---- shapes for static import ----

  /** A shape: {@code shape(20_000, 20_000)}. */
  public static long[] shape(long... lengths) {
    return lengths.clone();
  }

  /** Chunk lengths per axis: {@code chunks(2_000, 2_000)}; {@code -1} takes the whole axis. */
  public static int[] chunks(int... lengths) {
    return lengths.clone();
  }

  // ---- creation ----

  /** Uniform random doubles in [0, 1), with a fresh seed. */
  public static Array random(long[] shape, int[] chunks) {
    return random(shape, chunks, ThreadLocalRandom.current().nextLong());
  }

  /**
   * Uniform random doubles in [0, 1). Each block's numbers depend only on {@code seed} and the
   * block's index, so the result does not depend on the scheduler or the order blocks run in.
   */
  public static Array random(long[] shape, int[] chunks, long seed) {
    return random(Chunks.of(shape, chunks), seed);
  }

  /** Uniform random doubles in [0, 1) cut as {@code chunks}; see {@link #random(long[], int[], long)}. */
  public static Array random(Chunks chunks, long seed) {
    String name = "random-" + Tokens.tokenize("random", seed, chunks.allSizes());
    return generated(name, chunks, DType.FLOAT64, (idx, flat) ->
        new BlockTasks.RandomBlock(BlockTasks.RandomBlock.blockSeed(seed, flat), chunks.blockShape(idx)));
  }

  /** Standard normal deviates, deterministic per block as {@link #random(long[], int[], long)}. */
  public static Array randomNormal(long[] shape, int[] chunks, long seed) {
    Chunks c = Chunks.of(shape, chunks);
    String name = "normal-" + Tokens.tokenize("normal", seed, c.allSizes());
    return generated(name, c, DType.FLOAT64, (idx, flat) ->
        new BlockTasks.NormalBlock(BlockTasks.RandomBlock.blockSeed(seed, flat), c.blockShape(idx)));
  }

  /** float64 zeros. */
  public static Array zeros(long[] shape, int[] chunks) {
    return full(shape, chunks, 0, DType.FLOAT64);
  }

  /** float64 ones. */
  public static Array ones(long[] shape, int[] chunks) {
    return full(shape, chunks, 1, DType.FLOAT64);
  }

  /** An array of {@code value} converted to {@code dtype}. */
  public static Array full(long[] shape, int[] chunks, double value, DType dtype) {
    Chunks c = Chunks.of(shape, chunks);
    String op = value == 0 ? "zeros" : value == 1 ? "ones" : "full";
    String name = op + "-" + Tokens.tokenize(op, value, dtype.numpyName(), c.allSizes());
    return generated(name, c, dtype, (idx, flat) -> new BlockTasks.FullBlock(op, dtype, value, c.blockShape(idx)));
  }

  /** {@code 0, 1, …, n-1} as int64, in chunks of {@code chunk}. */
  public static Array arange(long n, int chunk) {
    return range("arange", DType.INT64, 0, 1, n, -1, 0, chunk);
  }

  /**
   * {@code start, start + step, …} below {@code stop} (above, for a negative step), as float64.
   *
   * @throws IllegalArgumentException if {@code step} is 0
   */
  public static Array arange(double start, double stop, double step, int chunk) {
    if (step == 0) {
      throw new IllegalArgumentException("arange step must not be zero");
    }
    long n = (long) Math.max(0, Math.ceil((stop - start) / step));
    return range("arange", DType.FLOAT64, start, step, n, -1, 0, chunk);
  }

  /**
   * {@code num} evenly spaced float64 values from {@code start} to {@code stop}, both included.
   *
   * @throws IllegalArgumentException if {@code num} is negative
   */
  public static Array linspace(double start, double stop, long num, int chunk) {
    if (num < 0) {
      throw new IllegalArgumentException("linspace needs a non-negative number of samples, got " + num);
    }
    double step = num > 1 ? (stop - start) / (num - 1) : 0;
    return range("linspace", DType.FLOAT64, start, step, num, num - 1, stop, chunk);
  }

  private static Array range(String op, DType dtype, double start, double step, long n, long last, double stop, int chunk) {
    Chunks c = Chunks.of(new long[] {n}, chunk);
    String name = op + "-" + Tokens.tokenize(op, dtype.numpyName(), start, step, n, stop, c.allSizes());
    return generated(name, c, dtype, (idx, flat) -> new BlockTasks.RangeBlock(op, dtype, start, step,
        c.start(0, idx[0]), c.size(0, idx[0]), last, stop));
  }

  /**
   * An array cut from {@code array} into {@code chunks} (one length per axis, or one for all).
   * Each block is copied into the graph.
   */
  public static Array fromNDArray(NDArray array, int... chunks) {
    long[] shape = new long[array.ndim()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = array.shape[d];
    }
    Chunks c = chunks.length == 0 ? Chunks.of(shape, fill(shape.length, -1)) : Chunks.of(shape, chunks);
    String name = "array-" + Tokens.tokenize(array, c.allSizes());
    List<Task> tasks = new ArrayList<>(c.blockCount());
    for (int b = 0; b < c.blockCount(); b++) {
      int[] idx = c.blockIndex(b);
      tasks.add(Task.constant(Key.of(name, idx), array.slice(blockSlices(c, idx)).copy()));
    }
    return new Array(name, c, array.dtype, new Layer(name, tasks));
  }

  /**
   * An array whose blocks are computed by delayed calls, given in row-major block order. Each block
   * is checked against {@code chunks} and converted to {@code dtype} when it is made.
   *
   * @throws IllegalArgumentException if the number of blocks does not match the chunks
   */
  public static Array fromBlocks(List<? extends Delayed<NDArray>> blocks, Chunks chunks, DType dtype) {
    if (blocks.size() != chunks.blockCount()) {
      throw new IllegalArgumentException(blocks.size() + " delayed blocks for chunks " + chunks + ", which have "
          + chunks.blockCount() + " blocks");
    }
    List<Object> keys = new ArrayList<>();
    List<Task> inner = new ArrayList<>();
    for (Delayed<NDArray> d : blocks) {
      keys.add(d.key());
      for (Task t : d.graph()) {
        inner.add(t);
      }
    }
    String name = "from-delayed-" + Tokens.tokenize(keys, chunks.allSizes(), dtype.numpyName());
    Layer delayedLayer = new Layer(name + "-inputs", dedupe(inner));
    List<Task> tasks = new ArrayList<>();
    for (int b = 0; b < chunks.blockCount(); b++) {
      int[] idx = chunks.blockIndex(b);
      tasks.add(Task.of(Key.of(name, idx), new BlockTasks.CheckedBlock(chunks.blockShape(idx), dtype), blocks.get(b).key()));
    }
    return new Array(name, chunks, dtype, new Layer(name, tasks, delayedLayer));
  }

  private static List<Task> dedupe(List<Task> tasks) {
    Graph.Builder b = Graph.builder(tasks.size());
    tasks.forEach(b::addIfAbsent);
    List<Task> out = new ArrayList<>();
    b.build().forEach(out::add);
    return out;
  }

  /**
   * An array whose every block is made by {@code generator} from where the block lies, on the
   * worker that needs it.
   */
  public static Array fromFunction(BlockGenerator generator, Chunks chunks, DType dtype) {
    String fname = io.jask.core.graph.Functions.name(generator);
    String name = fname + "-" + Tokens.tokenize(generator, chunks.allSizes(), dtype.numpyName());
    return generated(name, chunks, dtype, (idx, flat) -> new BlockTasks.GeneratorBlock(generator,
        new BlockInfo(idx, chunks.blockOffset(idx), chunks.blockShape(idx)), dtype));
  }

  @FunctionalInterface
  private interface BlockMaker {
    TaskFunction make(int[] index, int flat);
  }

  private static Array generated(String name, Chunks c, DType dtype, BlockMaker maker) {
    List<Task> tasks = new ArrayList<>(c.blockCount());
    for (int b = 0; b < c.blockCount(); b++) {
      int[] idx = c.blockIndex(b);
      tasks.add(Task.of(Key.of(name, idx), maker.make(idx, b)));
    }
    return new Array(name, c, dtype, new Layer(name, tasks));
  }

  static Slice[] blockSlices(Chunks c, int[] idx) {
    Slice[] s = new Slice[idx.length];
    for (int d = 0; d < idx.length; d++) {
      long start = c.start(d, idx[d]);
      s[d] = Slice.of(start, start + c.size(d, idx[d]));
    }
    return s;
  }

  private static int[] fill(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  // ---- metadata ----

  /** The shape. */
  public long[] shape() {
    return chunks.shape();
  }

  /** The number of dimensions. */
  public int ndim() {
    return chunks.ndim();
  }

  /** The number of elements. */
  public long size() {
    long n = 1;
    for (long s : chunks.shape()) {
      n *= s;
    }
    return n;
  }

  /** The bytes the elements take once computed. */
  public long nbytes() {
    return size() * dtype.itemSize();
  }

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** How the array is cut into blocks. */
  public Chunks chunks() {
    return chunks;
  }

  /** The number of blocks along each axis. */
  public int[] numBlocks() {
    return chunks.numBlocks();
  }

  /** The name of this array's block keys ({@code "add-3f2a…"}). */
  public String name() {
    return name;
  }

  /** The key of the block at {@code index}. */
  public Key blockKey(int... index) {
    return Key.of(name, index);
  }

  /** Every block key, in row-major block order. */
  public List<Key> blockKeys() {
    List<Key> keys = new ArrayList<>(chunks.blockCount());
    for (int b = 0; b < chunks.blockCount(); b++) {
      keys.add(Key.of(name, chunks.blockIndex(b)));
    }
    return keys;
  }

  /** The task graph of this array: all tasks its blocks need, unoptimised. */
  public Graph graph() {
    return Layer.collect(layer);
  }

  /** The graph {@link #compute()} runs: culled to the blocks, elementwise chains fused. */
  public Graph optimizedGraph() {
    return ArrayOptimizer.optimize(graph(), blockKeys());
  }

  @Override
  public Object tokenIdentity() {
    return name;
  }

  /** {@code Array<add-3f2a…, shape=[4, 6], dtype=float64, chunks=((2, 2), (3, 3)), tasks=…>}. */
  @Override
  public String toString() {
    return "Array<" + name + ", shape=" + Arrays.toString(shape()) + ", dtype=" + dtype + ", chunks=" + chunks + ">";
  }

  // ---- computing ----

  /** Computes the array on the current scheduler. */
  public NDArray compute() {
    return compute(Schedulers.current());
  }

  /**
   * Computes the array on {@code scheduler} and assembles its blocks.
   *
   * @throws IllegalArgumentException if the array is too large for one NDArray
   * @throws io.jask.core.TaskFailedException if a task throws
   */
  public NDArray compute(Scheduler scheduler) {
    List<Key> keys = blockKeys();
    int[] shape = new int[ndim()];
    long[] s = shape();
    for (int d = 0; d < shape.length; d++) {
      if (s[d] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("an array of shape " + Arrays.toString(s) + " is too large to compute into one NDArray");
      }
      shape[d] = (int) s[d];
    }
    NDArray.checkShape(shape);
    List<Object> blocks = scheduler.get(ArrayOptimizer.optimize(graph(), keys), keys);
    if (blocks.size() == 1) {
      NDArray only = (NDArray) blocks.get(0);
      return only.reshape(shape);
    }
    NDArray out = NDArray.zeros(dtype, shape);
    for (int b = 0; b < blocks.size(); b++) {
      int[] idx = chunks.blockIndex(b);
      Convert.assign(out.slice(blockSlices(chunks, idx)), ((NDArray) blocks.get(b)).astype(dtype));
    }
    return out;
  }

  /** Computes a one-element array (a full reduction) to a double. */
  public double computeDouble() {
    return compute().getDouble();
  }

  /**
   * Computes the blocks now and returns an array holding them, under the same keys: later
   * computations start from the blocks instead of recomputing them. On a distributed client the
   * blocks stay on the workers that computed them (as Dask's {@code persist}), and later graphs on
   * that client use them there; they are kept while the returned array is reachable.
   */
  public Array persist() {
    return persist(Schedulers.current());
  }

  /** {@link #persist()} on {@code scheduler}. */
  public Array persist(Scheduler scheduler) {
    List<Key> keys = blockKeys();
    List<Task> tasks = scheduler.persist(ArrayOptimizer.optimize(graph(), keys), keys);
    return new Array(name, chunks, dtype, new Layer(name, tasks));
  }

  /**
   * Writes every block to {@code target} from wherever it is computed, on the current scheduler.
   *
   * @return the number of bytes written
   */
  public long store(ArrayTarget target) {
    return store(target, Schedulers.current());
  }

  /** {@link #store(ArrayTarget)} on {@code scheduler}. */
  public long store(ArrayTarget target, Scheduler scheduler) {
    String storeName = "store-" + Tokens.tokenize(name, target);
    List<Task> tasks = new ArrayList<>();
    List<Object> written = new ArrayList<>();
    for (int b = 0; b < chunks.blockCount(); b++) {
      int[] idx = chunks.blockIndex(b);
      Key k = Key.of(storeName, idx);
      tasks.add(Task.of(k, new BlockTasks.StoreBlock(target, chunks.blockOffset(idx)), blockKey(idx)));
      written.add(k);
    }
    Key done = Key.of("store-done-" + Tokens.tokenize(storeName));
    tasks.add(Task.of(done, new BlockTasks.StoreDone(), written.toArray()));
    Graph g = Layer.collect(new Layer(storeName, tasks, layer));
    return (Long) scheduler.get(ArrayOptimizer.optimize(g, List.of(done)), List.of(done)).get(0);
  }

  // ---- blockwise building ----

  /** A new array with one task per block of {@code out}, made by {@code taskOf}. */
  private static Array blockwise(String op, Object token, Chunks out, DType dtype, Function<int[], Task> taskOf,
      String name, Layer... deps) {
    List<Task> tasks = new ArrayList<>(out.blockCount());
    for (int b = 0; b < out.blockCount(); b++) {
      tasks.add(taskOf.apply(out.blockIndex(b)));
    }
    return new Array(name, out, dtype, new Layer(name, tasks, deps));
  }

  private static String newName(String op, Object... parts) {
    return op + "-" + Tokens.tokenize(op, parts);
  }

  /** The key of the block of {@code input} that output block {@code out} reads, broadcasting. */
  private static Key inputKey(Array input, int[] out, long[] outShape) {
    int nd = input.ndim();
    int lead = out.length - nd;
    int[] idx = new int[nd];
    long[] s = input.shape();
    for (int d = 0; d < nd; d++) {
      idx[d] = s[d] == outShape[lead + d] ? out[lead + d] : 0;
    }
    return Key.of(input.name, idx);
  }

  /** A blockwise operation of aligned inputs: one task per output block with the corresponding blocks. */
  private static Array elementwise(String op, TaskFunction fn, DType rt, Object params, Array... inputs) {
    Array[] aligned = Alignment.align(inputs);
    Chunks out = Alignment.outputChunks(aligned);
    long[] outShape = out.shape();
    Object[] names = new Object[aligned.length + 1];
    Layer[] deps = new Layer[aligned.length];
    for (int i = 0; i < aligned.length; i++) {
      names[i] = aligned[i].name;
      deps[i] = aligned[i].layer;
    }
    names[aligned.length] = params;
    String name = newName(op, names);
    return blockwise(op, params, out, rt, idx -> {
      Object[] args = new Object[aligned.length];
      for (int i = 0; i < aligned.length; i++) {
        args[i] = inputKey(aligned[i], idx, outShape);
      }
      return Task.of(Key.of(name, idx), fn, args);
    }, name, deps);
  }

  // ---- elementwise ----

  /** {@code op(this, other)} blockwise, broadcasting; chunks are unified by rechunking where they differ. */
  public Array apply(BinaryOp op, Array other) {
    DType rt = op.resultType(dtype, other.dtype);
    return elementwise(op.numpyName(), new BlockTasks.Binary(op, rt), rt, List.of(op.name(), rt.numpyName()), this, other);
  }

  /** {@code op(this, value)}, or {@code op(value, this)} if {@code scalarFirst}. */
  public Array apply(BinaryOp op, double value, boolean scalarFirst) {
    DType rt = op.resultType(dtype, dtype.isFloat() ? dtype : DType.FLOAT64);
    return elementwise(op.numpyName(), new BlockTasks.ScalarBinary(op, value, false, scalarFirst, rt), rt,
        List.of(op.name(), value, scalarFirst), this);
  }

  /** {@code op(this, value)} for an integer scalar: integer arrays stay integer. */
  public Array apply(BinaryOp op, long value, boolean scalarFirst) {
    DType rt = op.resultType(dtype, dtype == DType.BOOL ? DType.INT64 : dtype);
    return elementwise(op.numpyName(), new BlockTasks.ScalarBinary(op, value, true, scalarFirst, rt), rt,
        List.of(op.name(), value, scalarFirst, "int"), this);
  }

  /** {@code op(this)} blockwise. */
  public Array apply(UnaryOp op) {
    DType rt = op.resultType(dtype);
    return elementwise(op.numpyName(), new BlockTasks.Unary(op), rt, op.name(), this);
  }

  /** {@code this + other}. */
  public Array add(Array other) {
    return apply(BinaryOp.ADD, other);
  }

  /** {@code this + value}. */
  public Array add(double value) {
    return apply(BinaryOp.ADD, value, false);
  }

  /** {@code this + value}; integer arrays stay integer. */
  public Array add(long value) {
    return apply(BinaryOp.ADD, value, false);
  }

  /** {@code this - other}. */
  public Array subtract(Array other) {
    return apply(BinaryOp.SUBTRACT, other);
  }

  /** {@code this - value}. */
  public Array subtract(double value) {
    return apply(BinaryOp.SUBTRACT, value, false);
  }

  /** {@code this * other}. */
  public Array multiply(Array other) {
    return apply(BinaryOp.MULTIPLY, other);
  }

  /** {@code this * value}. */
  public Array multiply(double value) {
    return apply(BinaryOp.MULTIPLY, value, false);
  }

  /** {@code this * value}; integer arrays stay integer. */
  public Array multiply(long value) {
    return apply(BinaryOp.MULTIPLY, value, false);
  }

  /** {@code this / other} (true division). */
  public Array divide(Array other) {
    return apply(BinaryOp.DIVIDE, other);
  }

  /** {@code this / value}. */
  public Array divide(double value) {
    return apply(BinaryOp.DIVIDE, value, false);
  }

  /** {@code this ** value}. */
  public Array power(double value) {
    return apply(BinaryOp.POWER, value, false);
  }

  /** {@code -this}. */
  public Array negate() {
    return apply(UnaryOp.NEGATIVE);
  }

  /** {@code |this|}. */
  public Array abs() {
    return apply(UnaryOp.ABS);
  }

  /** The square root. */
  public Array sqrt() {
    return apply(UnaryOp.SQRT);
  }

  /** {@code e^this}. */
  public Array exp() {
    return apply(UnaryOp.EXP);
  }

  /** The natural logarithm. */
  public Array log() {
    return apply(UnaryOp.LOG);
  }

  /** Where elements are NaN. */
  public Array isnan() {
    return apply(UnaryOp.ISNAN);
  }

  /** {@code this > value}. */
  public Array gt(double value) {
    return apply(BinaryOp.GREATER, value, false);
  }

  /** {@code this < value}. */
  public Array lt(double value) {
    return apply(BinaryOp.LESS, value, false);
  }

  /** {@code this == other}. */
  public Array eq(Array other) {
    return apply(BinaryOp.EQUAL, other);
  }

  /** {@code x} where {@code condition} holds, else {@code y}, all three broadcast together. */
  public static Array where(Array condition, Array x, Array y) {
    DType rt = DType.promote(x.dtype, y.dtype);
    return elementwise("where", new BlockTasks.Where(), rt, "where", condition, x, y);
  }

  /** The elements converted to {@code target}. */
  public Array astype(DType target) {
    if (target == dtype) {
      return this;
    }
    return elementwise("astype", new BlockTasks.Astype(target), target, target.numpyName(), this);
  }

  /**
   * {@code fn} applied to every block; the blocks must keep their shapes. {@code dtype} is the
   * blocks' dtype afterwards (they are converted to it).
   */
  public Array mapBlocks(BlockFunction fn, DType dtype) {
    String op = io.jask.core.graph.Functions.name(fn);
    String n = newName(op, name, fn, dtype.numpyName());
    return blockwise(op, null, chunks, dtype,
        idx -> Task.of(Key.of(n, idx), new BlockTasks.MapBlock(fn, chunks.blockShape(idx), dtype), blockKey(idx)),
        n, layer);
  }

  /** {@link #mapBlocks(BlockFunction, DType)} keeping this array's dtype. */
  public Array mapBlocks(BlockFunction fn) {
    return mapBlocks(fn, dtype);
  }

  /**
   * {@code fn} applied to every block, making blocks cut as {@code outChunks}, which must have as
   * many blocks along each axis as this array has.
   *
   * @throws IllegalArgumentException if the block grids differ
   */
  public Array mapBlocks(BlockFunction fn, DType dtype, Chunks outChunks) {
    if (!Arrays.equals(outChunks.numBlocks(), chunks.numBlocks())) {
      throw new IllegalArgumentException("mapBlocks: output chunks " + outChunks + " have "
          + Arrays.toString(outChunks.numBlocks()) + " blocks per axis, the input " + Arrays.toString(chunks.numBlocks()));
    }
    String op = io.jask.core.graph.Functions.name(fn);
    String n = newName(op, name, fn, dtype.numpyName(), outChunks.allSizes());
    return blockwise(op, null, outChunks, dtype,
        idx -> Task.of(Key.of(n, idx), new BlockTasks.MapBlock(fn, outChunks.blockShape(idx), dtype), blockKey(idx)),
        n, layer);
  }

  /**
   * {@code fn} applied to every block together with where the block lies and with {@code wholes},
   * small arrays each given whole (they are rechunked to one block), making blocks cut as {@code
   * outChunks}, which must have as many blocks along each axis as this array has. This is how a
   * block's result can depend on its position: group sums by labels along an axis, say.
   *
   * @throws IllegalArgumentException if the block grids differ
   */
  public Array mapBlocksAt(PositionedBlockFunction fn, DType dtype, Chunks outChunks, Array... wholes) {
    if (!Arrays.equals(outChunks.numBlocks(), chunks.numBlocks())) {
      throw new IllegalArgumentException("mapBlocksAt: output chunks " + outChunks + " have "
          + Arrays.toString(outChunks.numBlocks()) + " blocks per axis, the input " + Arrays.toString(chunks.numBlocks()));
    }
    Array[] one = new Array[wholes.length];
    Layer[] deps = new Layer[wholes.length + 1];
    Object[] names = new Object[wholes.length + 4];
    deps[0] = layer;
    names[0] = name;
    for (int i = 0; i < wholes.length; i++) {
      one[i] = wholes[i].inOneBlock();
      deps[i + 1] = one[i].layer;
      names[i + 1] = one[i].name;
    }
    names[wholes.length + 1] = fn;
    names[wholes.length + 2] = dtype.numpyName();
    names[wholes.length + 3] = outChunks.allSizes();
    String op = io.jask.core.graph.Functions.name(fn);
    String n = newName(op, names);
    return blockwise(op, null, outChunks, dtype, idx -> {
      Object[] args = new Object[one.length + 1];
      args[0] = blockKey(idx);
      for (int i = 0; i < one.length; i++) {
        args[i + 1] = one[i].onlyBlockKey();
      }
      BlockInfo where = new BlockInfo(idx, chunks.blockOffset(idx), chunks.blockShape(idx));
      return Task.of(Key.of(n, idx), new BlockTasks.MapBlockAt(fn, where, outChunks.blockShape(idx), dtype), args);
    }, n, deps);
  }

  /**
   * {@code reduction} along {@code axis}, as a tree: a partial result per block (given where the
   * block lies and {@code wholes}, small arrays each given whole), merged {@code splitEvery}
   * neighbours at a time until at most {@code splitEvery} are left, which one task per output block
   * finishes into blocks cut as {@code outChunks}: this array's block grid with one block along
   * {@code axis}. The partials may be any serialisable objects, as compact as the reduction
   * allows; reductions with the same {@linkplain BlockReduction#accumulation accumulation} share
   * their partial and merging tasks.
   *
   * @throws IllegalArgumentException on a bad axis, {@code splitEvery < 2}, or output chunks whose
   *     block grid does not match
   */
  public Array reduceBlocks(int axis, BlockReduction<?> reduction, DType dtype, Chunks outChunks, int splitEvery,
      Array... wholes) {
    return ObjectReduction.reduce(this, axis, reduction, dtype, outChunks, splitEvery, wholes);
  }

  /** The array with a new axis of length one at {@code axis}, as NumPy's {@code expand_dims}. */
  public Array expandDims(int axis) {
    int nd = ndim();
    if (axis < 0 || axis > nd) {
      throw new IllegalArgumentException("expandDims: axis " + axis + " outside 0.." + nd);
    }
    long[] s = shape();
    long[] ns = new long[nd + 1];
    int[][] sizes = new int[nd + 1][];
    for (int d = 0, o = 0; d <= nd; d++) {
      if (d == axis) {
        ns[d] = 1;
        sizes[d] = new int[] {1};
      } else {
        ns[d] = s[o];
        sizes[d] = chunks.sizes(o);
        o++;
      }
    }
    Chunks out = Chunks.explicit(ns, sizes);
    String n = newName("expand-dims", name, axis);
    return blockwise("expand-dims", null, out, dtype, idx -> {
      int[] in = new int[nd];
      for (int d = 0, o = 0; d <= nd; d++) {
        if (d != axis) {
          in[o++] = idx[d];
        }
      }
      return Task.of(Key.of(n, idx), new BlockTasks.ExpandDims(axis), blockKey(in));
    }, n, layer);
  }

  /**
   * {@code fn} applied to the corresponding blocks of {@code inputs}, which are broadcast and
   * rechunked to a common grid first; each output block has the shape of that grid's block.
   */
  public static Array blockwise(BlocksFunction fn, DType dtype, Array... inputs) {
    Array[] aligned = Alignment.align(inputs);
    Chunks out = Alignment.outputChunks(aligned);
    String op = io.jask.core.graph.Functions.name(fn);
    List<Task> tasks = new ArrayList<>();
    Object[] names = new Object[aligned.length + 2];
    Layer[] deps = new Layer[aligned.length];
    for (int i = 0; i < aligned.length; i++) {
      names[i] = aligned[i].name;
      deps[i] = aligned[i].layer;
    }
    names[aligned.length] = fn;
    names[aligned.length + 1] = dtype.numpyName();
    String name = newName(op, names);
    long[] outShape = out.shape();
    for (int b = 0; b < out.blockCount(); b++) {
      int[] idx = out.blockIndex(b);
      Object[] args = new Object[aligned.length];
      for (int i = 0; i < aligned.length; i++) {
        args[i] = inputKey(aligned[i], idx, outShape);
      }
      tasks.add(Task.of(Key.of(name, idx), new BlockTasks.MapBlocks(fn, out.blockShape(idx), dtype), args));
    }
    return new Array(name, out, dtype, new Layer(name, tasks, deps));
  }

  // ---- layout ----

  /**
   * The array cut into new chunks (one length per axis, or one for all; -1 for whole axes). Each new
   * block is assembled from the old blocks it overlaps, so the whole array is never in one place.
   */
  public Array rechunk(int... newChunks) {
    return rechunk(Chunks.of(shape(), newChunks));
  }

  /**
   * The array cut as {@code target}.
   *
   * @throws IllegalArgumentException if {@code target} is for another shape
   */
  public Array rechunk(Chunks target) {
    if (!Arrays.equals(target.shape(), shape())) {
      throw new IllegalArgumentException("cannot rechunk an array of shape " + Arrays.toString(shape())
          + " to chunks " + target + " of shape " + Arrays.toString(target.shape()));
    }
    if (target.equals(chunks)) {
      return this;
    }
    return Rechunk.rechunk(this, target);
  }

  /**
   * The same elements, in row-major order, in a new shape; one length may be {@code -1}
   * (inferred), as NumPy's and Dask's {@code reshape}. Axes that merge or split are rechunked
   * first where needed, so that every block reshapes on its own: merging axes makes the inner ones
   * whole, splitting an axis cuts it at multiples of the new inner axes.
   *
   * @throws IllegalArgumentException naming both shapes if the sizes differ, or for more than one
   *     {@code -1}
   */
  public Array reshape(long... newShape) {
    return Reshape.reshape(this, newShape);
  }

  /** The array with its axes reversed. */
  public Array transpose() {
    int[] perm = new int[ndim()];
    for (int d = 0; d < perm.length; d++) {
      perm[d] = perm.length - 1 - d;
    }
    return transpose(perm);
  }

  /**
   * The array with its axes permuted: axis {@code d} of the result is axis {@code axes[d]} here.
   *
   * @throws IllegalArgumentException if {@code axes} is not a permutation of the axes
   */
  public Array transpose(int... axes) {
    int[] perm = NDArray.checkPermutation(axes, ndim());
    int[][] sizes = new int[perm.length][];
    for (int d = 0; d < perm.length; d++) {
      sizes[d] = chunks.sizes(perm[d]);
    }
    Chunks out = Chunks.ofSizes(sizes);
    String n = newName("transpose", name, perm);
    BlockTasks.TransposeBlock fn = new BlockTasks.TransposeBlock(perm);
    return blockwise("transpose", null, out, dtype, idx -> {
      int[] in = new int[idx.length];
      for (int d = 0; d < perm.length; d++) {
        in[perm[d]] = idx[d];
      }
      return Task.of(Key.of(n, idx), fn, blockKey(in));
    }, n, layer);
  }

  /**
   * The elements selected by one {@link Slice} per leading axis, as {@link NDArray#slice}: a task
   * per output block reads only the input block it comes from; blocks the selection misses are
   * never computed.
   *
   * @throws IndexOutOfBoundsException naming the position, the axis and its length
   */
  public Array slice(Slice... slices) {
    return Slicing.slice(this, slices);
  }

  /**
   * A view of this array broadcast to {@code target}.
   *
   * @throws IllegalArgumentException naming both shapes if they cannot broadcast
   */
  public Array broadcastTo(long... target) {
    long[] s = shape();
    if (target.length < s.length) {
      throw new IllegalArgumentException("cannot broadcast shape " + Arrays.toString(s) + " to " + Arrays.toString(target));
    }
    int lead = target.length - s.length;
    int[][] sizes = new int[target.length][];
    for (int d = 0; d < target.length; d++) {
      if (d >= lead && s[d - lead] == target[d]) {
        sizes[d] = chunks.sizes(d - lead);
      } else if (d < lead || s[d - lead] == 1) {
        sizes[d] = Chunks.of(new long[] {target[d]}, -1).sizes(0);
      } else {
        throw new IllegalArgumentException("cannot broadcast shape " + Arrays.toString(s) + " to " + Arrays.toString(target));
      }
    }
    Chunks out = Chunks.ofSizes(sizes);
    String n = newName("broadcast_to", name, target);
    return blockwise("broadcast_to", null, out, dtype,
        idx -> Task.of(Key.of(n, idx), new BlockTasks.BroadcastBlock(out.blockShape(idx)), inputKey(this, idx, target)),
        n, layer);
  }

  /**
   * The arrays joined along an existing axis; chunks of the other axes are unified first.
   *
   * @throws IllegalArgumentException if there are none, or their shapes differ off {@code axis}
   */
  public static Array concatenate(List<Array> arrays, int axis) {
    return Joining.concatenate(arrays, axis);
  }

  /**
   * The arrays, of one shape, stacked along a new axis.
   *
   * @throws IllegalArgumentException if there are none, or their shapes differ
   */
  public static Array stack(List<Array> arrays, int axis) {
    return Joining.stack(arrays, axis);
  }

  // ---- reductions ----

  /**
   * The reduction {@code op} over {@code axes} (all when none are given), as a tree: one partial
   * result per block, combined {@code splitEvery} at a time, then finished.
   *
   * @throws IllegalArgumentException on a bad or repeated axis, or {@code splitEvery < 2}
   */
  public Array reduce(ReduceOp op, boolean keepDims, int splitEvery, int... axes) {
    return TreeReduction.reduce(this, op, keepDims, splitEvery, 0, axes);
  }

  /** The reduction {@code op} over {@code axes} with the default split. */
  public Array reduce(ReduceOp op, int... axes) {
    return reduce(op, false, DEFAULT_SPLIT_EVERY, axes);
  }

  /** The sum over {@code axes} (all when none given). */
  public Array sum(int... axes) {
    return reduce(ReduceOp.SUM, axes);
  }

  /** The mean over {@code axes}. */
  public Array mean(int... axes) {
    return reduce(ReduceOp.MEAN, axes);
  }

  /** The minimum over {@code axes}. */
  public Array min(int... axes) {
    return reduce(ReduceOp.MIN, axes);
  }

  /** The maximum over {@code axes}. */
  public Array max(int... axes) {
    return reduce(ReduceOp.MAX, axes);
  }

  /** The product over {@code axes}. */
  public Array prod(int... axes) {
    return reduce(ReduceOp.PROD, axes);
  }

  /** The population variance over {@code axes}. */
  public Array var(int... axes) {
    return reduce(ReduceOp.VAR, axes);
  }

  /** The population standard deviation over {@code axes}. */
  public Array std(int... axes) {
    return reduce(ReduceOp.STD, axes);
  }

  /** The standard deviation with {@code ddof} delta degrees of freedom. */
  public Array std(int ddof, boolean keepDims, int... axes) {
    return TreeReduction.reduce(this, ReduceOp.STD, keepDims, DEFAULT_SPLIT_EVERY, ddof, axes);
  }

  /** The variance with {@code ddof} delta degrees of freedom. */
  public Array var(int ddof, boolean keepDims, int... axes) {
    return TreeReduction.reduce(this, ReduceOp.VAR, keepDims, DEFAULT_SPLIT_EVERY, ddof, axes);
  }

  /** The sum skipping NaN. */
  public Array nansum(int... axes) {
    return reduce(ReduceOp.NANSUM, axes);
  }

  /** The mean skipping NaN. */
  public Array nanmean(int... axes) {
    return reduce(ReduceOp.NANMEAN, axes);
  }

  /** The number of elements that are not NaN. */
  public Array count(int... axes) {
    return reduce(ReduceOp.COUNT, axes);
  }

  /** Whether any element is true. */
  public Array any(int... axes) {
    return reduce(ReduceOp.ANY, axes);
  }

  /** Whether every element is true. */
  public Array all(int... axes) {
    return reduce(ReduceOp.ALL, axes);
  }

  /** The position of the minimum along {@code axis}, or in the flattened array with none. */
  public Array argmin(int... axis) {
    return reduce(ReduceOp.ARGMIN, axis);
  }

  /** The position of the maximum along {@code axis}, or in the flattened array with none. */
  public Array argmax(int... axis) {
    return reduce(ReduceOp.ARGMAX, axis);
  }

  /** The cumulative sum along {@code axis}: blocks are summed locally, then shifted by the running totals before them. */
  public Array cumsum(int axis) {
    return Cumulative.cumulative(this, axis, false);
  }

  /** The cumulative product along {@code axis}. */
  public Array cumprod(int axis) {
    return Cumulative.cumulative(this, axis, true);
  }

  // ---- linear algebra ----

  /**
   * The matrix product of two 2-d arrays; chunks of the inner axis are unified first.
   *
   * @throws IllegalArgumentException naming both shapes if they do not fit
   */
  public Array matmul(Array other) {
    if (ndim() != 2 || other.ndim() != 2) {
      throw new IllegalArgumentException("matmul takes 2-d arrays, got shapes " + Arrays.toString(shape()) + " and "
          + Arrays.toString(other.shape()));
    }
    return TensorProduct.tensordot(this, other, new int[] {1}, new int[] {0}, "matmul");
  }

  /**
   * NumPy's {@code tensordot}: the sum of products over {@code axes} of this array and {@code
   * otherAxes} of {@code other}; the result's axes are this array's others then {@code other}'s.
   */
  public Array tensordot(Array other, int[] axes, int[] otherAxes) {
    return TensorProduct.tensordot(this, other, axes, otherAxes, "tensordot");
  }

  // ---- package access for the operation classes ----

  Layer layer() {
    return layer;
  }

  /** This array rechunked to a single block: how a small array is handed whole to every task. */
  Array inOneBlock() {
    return rechunk(fill(ndim(), -1));
  }

  /** The key of the single block of an array {@link #inOneBlock} made. */
  Key onlyBlockKey() {
    return Key.of(name, new int[ndim()]);
  }

  static Array of(String name, Chunks chunks, DType dtype, Layer layer) {
    return new Array(name, chunks, dtype, layer);
  }

  static String uniqueName(String op, Object... parts) {
    return newName(op, parts);
  }
}
