package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reductions of chunked arrays as trees, as Dask's {@code reduction}: a partial result per block
 * ({@code "sum-partial"}), merged a few at a time along the reduced axes ({@code
 * "sum-aggregate"}) until one remains per output block, then finished ({@code "sum"}). The
 * fan-in {@code splitEvery} counts all reduced axes together: a node merges at most that many
 * partial results, split between the reduced axes so that each level leaves as few nodes as
 * possible ({@link #fanIn}). Every task costs a scheduler round of its own, on a cluster a few
 * messages, so a tree that uses its whole fan-in (10 x 10 blocks with a fan-in of 8: 19 merges in
 * three levels, rather than 39 in four for two blocks per axis) finishes sooner at the same memory
 * per node.
 */
final class TreeReduction {
  private TreeReduction() {}

  static Array reduce(Array a, ReduceOp op, boolean keepDims, int splitEvery, int ddof, int... axes) {
    if (splitEvery < 2) {
      throw new IllegalArgumentException("splitEvery must be at least 2, got " + splitEvery);
    }
    int nd = a.ndim();
    boolean[] reduced = Reductions.reducedAxes(op, axes, nd);
    int nReduced = 0;
    int argAxis = -1;
    for (int d = 0; d < nd; d++) {
      if (reduced[d]) {
        nReduced++;
        argAxis = d;
      }
    }
    boolean flatArg = op.isArg() && nReduced == nd && nd != 1;
    Chunks c = a.chunks();
    long[] fullShape = c.shape();
    String token = io.jask.core.graph.Tokens.tokenize(a.name(), op.name(), reduced, keepDims, splitEvery, ddof);
    String opName = op.numpyName();

    // Partial results, one per block.
    String partialName = opName + "-partial-" + token;
    List<Task> partials = new ArrayList<>(c.blockCount());
    for (int b = 0; b < c.blockCount(); b++) {
      int[] idx = c.blockIndex(b);
      long axisOffset = op.isArg() && !flatArg ? c.start(argAxis, idx[argAxis]) : 0;
      partials.add(Task.of(Key.of(partialName, idx), new BlockTasks.ReducePartial(op, reduced, axisOffset,
          flatArg ? c.blockOffset(idx) : null, flatArg ? fullShape : null), a.blockKey(idx)));
    }
    Layer layer = new Layer(partialName, partials, a.layer());
    String current = partialName;
    int[] grid = c.numBlocks();

    int level = 0;
    while (hasMany(grid, reduced)) {
      level++;
      int[] fan = fanIn(grid, reduced, splitEvery);
      int[] next = grid.clone();
      for (int d = 0; d < nd; d++) {
        if (reduced[d]) {
          next[d] = (grid[d] + fan[d] - 1) / fan[d];
        }
      }
      String name = opName + "-aggregate-" + io.jask.core.graph.Tokens.tokenize(token, level);
      List<Task> tasks = new ArrayList<>();
      int total = product(next);
      for (int b = 0; b < total; b++) {
        int[] idx = unflatten(b, next);
        List<Object> args = new ArrayList<>();
        int[] lo = new int[nd];
        int[] hi = new int[nd];
        for (int d = 0; d < nd; d++) {
          lo[d] = reduced[d] ? idx[d] * fan[d] : idx[d];
          hi[d] = reduced[d] ? Math.min(grid[d], lo[d] + fan[d]) : idx[d] + 1;
        }
        int[] span = new int[nd];
        for (int d = 0; d < nd; d++) {
          span[d] = hi[d] - lo[d];
        }
        for (int g = 0; g < product(span); g++) {
          int[] off = unflatten(g, span);
          int[] in = new int[nd];
          for (int d = 0; d < nd; d++) {
            in[d] = lo[d] + off[d];
          }
          args.add(Key.of(current, in));
        }
        tasks.add(Task.of(Key.of(name, idx), new BlockTasks.ReduceCombine(op), args.toArray()));
      }
      layer = new Layer(name, tasks, layer);
      current = name;
      grid = next;
    }

    // Finish: one task per output block.
    DType rt = op.resultType(a.dtype());
    int[] shapeHint = new int[nd];
    for (int d = 0; d < nd; d++) {
      shapeHint[d] = (int) Math.min(fullShape[d], Integer.MAX_VALUE);
    }
    List<int[]> outSizes = new ArrayList<>();
    for (int d = 0; d < nd; d++) {
      if (!reduced[d]) {
        outSizes.add(c.sizes(d));
      } else if (keepDims) {
        outSizes.add(new int[] {1});
      }
    }
    Chunks out = Chunks.ofSizes(outSizes.toArray(new int[0][]));
    String name = opName + "-" + token;
    List<Task> finals = new ArrayList<>(out.blockCount());
    BlockTasks.ReduceFinish finish = new BlockTasks.ReduceFinish(op, reduced, keepDims, ddof, a.dtype(), shapeHint);
    for (int b = 0; b < out.blockCount(); b++) {
      int[] idx = out.blockIndex(b);
      int[] in = new int[nd];
      int o = 0;
      for (int d = 0; d < nd; d++) {
        if (!reduced[d]) {
          in[d] = idx[o++];
        } else if (keepDims) {
          o++;
        }
      }
      finals.add(Task.of(Key.of(name, idx), finish, Key.of(current, in)));
    }
    return Array.of(name, out, rt, new Layer(name, finals, layer));
  }

  /**
   * How many blocks along each axis one node of the next level merges: at most {@code splitEvery}
   * in all, chosen to leave as few nodes as possible. Starting from one per axis, it repeatedly
   * raises the axis whose raise removes most nodes (on ties: the smaller fan-in in all, then the
   * first axis), each raise to the least fan-in that makes that axis's groups fewer.
   */
  static int[] fanIn(int[] grid, boolean[] reduced, int splitEvery) {
    int nd = grid.length;
    int[] fan = new int[nd];
    Arrays.fill(fan, 1);
    long inAll = 1;
    while (true) {
      int bestAxis = -1;
      int bestFan = 0;
      long bestNodes = nodes(grid, reduced, fan);
      long bestInAll = Long.MAX_VALUE;
      for (int d = 0; d < nd; d++) {
        int groups = (grid[d] + fan[d] - 1) / fan[d];
        if (!reduced[d] || groups <= 1) {
          continue;
        }
        int raised = (grid[d] + groups - 2) / (groups - 1); // the least fan-in giving groups - 1 groups
        long raisedInAll = inAll / fan[d] * raised;
        if (raisedInAll > splitEvery) {
          continue;
        }
        int old = fan[d];
        fan[d] = raised;
        long n = nodes(grid, reduced, fan);
        fan[d] = old;
        if (n < bestNodes || (n == bestNodes && bestAxis >= 0 && raisedInAll < bestInAll)) {
          bestAxis = d;
          bestFan = raised;
          bestNodes = n;
          bestInAll = raisedInAll;
        }
      }
      if (bestAxis < 0) {
        return fan;
      }
      inAll = bestInAll;
      fan[bestAxis] = bestFan;
    }
  }

  /** The nodes of the next level when each reduced axis merges {@code fan[d]} blocks per node. */
  private static long nodes(int[] grid, boolean[] reduced, int[] fan) {
    long n = 1;
    for (int d = 0; d < grid.length; d++) {
      n *= reduced[d] ? (grid[d] + fan[d] - 1) / fan[d] : 1;
    }
    return n;
  }

  private static boolean hasMany(int[] grid, boolean[] reduced) {
    for (int d = 0; d < grid.length; d++) {
      if (reduced[d] && grid[d] > 1) {
        return true;
      }
    }
    return false;
  }

  static int product(int[] s) {
    int n = 1;
    for (int x : s) {
      n *= x;
    }
    return n;
  }

  static int[] unflatten(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = flat % shape[d];
      flat /= shape[d];
    }
    return idx;
  }

  @SuppressWarnings("unused")
  private static String describe(boolean[] reduced) {
    return Arrays.toString(reduced);
  }
}
