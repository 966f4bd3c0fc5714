package io.jask.array;

import io.jask.core.graph.Functions;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Array#reduceBlocks}: a {@link BlockReduction} as a tree along one axis, a partial task per
 * block ({@code "<op>-partial"}), merges of up to {@code splitEvery} neighbours ({@code
 * "<op>-aggregate"}) until at most {@code splitEvery} partials remain per column of blocks, and a
 * finishing task per output block ({@code "<op>"}) that takes those partials, as Dask's tree
 * reductions end in one {@code aggregate}: no task holds a merged copy only to hand it on.
 *
 * <p>The partial and merging tasks are keyed by the reduction's {@link
 * BlockReduction#accumulation}, the finishing tasks by the reduction itself.
 */
final class ObjectReduction {
  private ObjectReduction() {}

  static Array reduce(Array a, int axis, BlockReduction<?> reduction, DType dtype, Chunks out, int splitEvery,
      Array... wholes) {
    int nd = a.ndim();
    if (axis < 0 || axis >= nd) {
      throw new IllegalArgumentException("reduceBlocks: axis " + axis + " outside 0.." + (nd - 1));
    }
    if (splitEvery < 2) {
      throw new IllegalArgumentException("splitEvery must be at least 2, got " + splitEvery);
    }
    Chunks c = a.chunks();
    int[] grid = c.numBlocks();
    int[] expected = grid.clone();
    expected[axis] = 1;
    if (!Arrays.equals(out.numBlocks(), expected)) {
      throw new IllegalArgumentException("reduceBlocks: output chunks " + out + " have "
          + Arrays.toString(out.numBlocks()) + " blocks per axis, where reducing axis " + axis + " of "
          + Arrays.toString(grid) + " leaves " + Arrays.toString(expected));
    }
    Array[] one = new Array[wholes.length];
    Layer[] deps = new Layer[wholes.length + 1];
    Object[] parts = new Object[wholes.length + 4];
    deps[0] = a.layer();
    parts[0] = a.name();
    for (int i = 0; i < wholes.length; i++) {
      one[i] = wholes[i].inOneBlock();
      deps[i + 1] = one[i].layer();
      parts[i + 1] = one[i].name();
    }
    BlockReduction<?> accumulation = reduction.accumulation();
    parts[wholes.length + 1] = Functions.identity(accumulation);
    parts[wholes.length + 2] = axis;
    parts[wholes.length + 3] = splitEvery;
    String shared = Functions.name(accumulation);
    String token = Tokens.tokenize(shared, parts);

    BlockReduction<?> merging = accumulation.merging();
    String current = shared + "-partial-" + token;
    List<Task> partials = new ArrayList<>(c.blockCount());
    for (int b = 0; b < c.blockCount(); b++) {
      int[] idx = c.blockIndex(b);
      Object[] args = new Object[one.length + 1];
      args[0] = a.blockKey(idx);
      for (int i = 0; i < one.length; i++) {
        args[i + 1] = one[i].onlyBlockKey();
      }
      BlockInfo where = new BlockInfo(idx, c.blockOffset(idx), c.blockShape(idx));
      partials.add(Task.of(Key.of(current, idx), new BlockTasks.ObjectPartial(accumulation, where), args));
    }
    Layer layer = new Layer(current, partials, deps);

    // each item along the axis, level by level: the layer whose task makes it, and its index there
    int n = grid[axis];
    String[] itemLayer = new String[n];
    int[] itemIndex = new int[n];
    java.util.Arrays.fill(itemLayer, current);
    for (int k = 0; k < n; k++) {
      itemIndex[k] = k;
    }
    for (int level = 1; n > splitEvery; level++) {
      int[] groups = groupSizes(n, splitEvery);
      String name = shared + "-aggregate-" + Tokens.tokenize(token, level);
      int[] next = grid.clone();
      next[axis] = groups.length;
      String[] nextLayer = new String[groups.length];
      int[] nextIndex = new int[groups.length];
      int[] first = new int[groups.length];
      for (int g = 0, lo = 0; g < groups.length; lo += groups[g], g++) {
        first[g] = lo;
        // a group of one is passed on as it is: a merge of one would only copy it
        nextLayer[g] = groups[g] == 1 ? itemLayer[lo] : name;
        nextIndex[g] = groups[g] == 1 ? itemIndex[lo] : g;
      }
      List<Task> merges = new ArrayList<>();
      for (int b = 0; b < TreeReduction.product(next); b++) {
        int[] idx = TreeReduction.unflatten(b, next);
        int g = idx[axis];
        if (groups[g] == 1) {
          continue;
        }
        Object[] args = new Object[groups[g]];
        for (int k = 0; k < args.length; k++) {
          args[k] = itemKey(itemLayer, itemIndex, first[g] + k, idx, axis);
        }
        merges.add(Task.of(Key.of(name, idx), new BlockTasks.ObjectCombine(merging), args));
      }
      layer = new Layer(name, merges, layer);
      itemLayer = nextLayer;
      itemIndex = nextIndex;
      grid = next;
      n = groups.length;
    }

    String name = Functions.name(reduction) + "-"
        + Tokens.tokenize(token, Functions.identity(reduction), dtype.numpyName(), out.allSizes());
    BlockReduction<?> finishing = reduction.merging();
    List<Task> finals = new ArrayList<>(out.blockCount());
    for (int b = 0; b < out.blockCount(); b++) {
      int[] idx = out.blockIndex(b);
      Object[] args = new Object[n];
      for (int k = 0; k < n; k++) {
        args[k] = itemKey(itemLayer, itemIndex, k, idx, axis);
      }
      finals.add(Task.of(Key.of(name, idx), new BlockTasks.ObjectFinish(finishing, out.blockShape(idx), dtype), args));
    }
    return Array.of(name, out, dtype, new Layer(name, finals, layer));
  }

  /**
   * How many of {@code n} neighbouring partials each task of the next level takes (a 1 passes a
   * partial on unmerged): {@code splitEvery} at a time, except on the last level before the
   * finish, which merges only as many as bring the count down to {@code splitEvery}.
   */
  static int[] groupSizes(int n, int splitEvery) {
    List<Integer> sizes = new ArrayList<>();
    if ((n + splitEvery - 1) / splitEvery > splitEvery) {
      for (int lo = 0; lo < n; lo += splitEvery) {
        sizes.add(Math.min(splitEvery, n - lo));
      }
    } else {
      // a merge of k partials leaves k - 1 fewer
      int excess = n - splitEvery;
      int left = n;
      while (excess > 0) {
        int k = Math.min(splitEvery, excess + 1);
        sizes.add(k);
        excess -= k - 1;
        left -= k;
      }
      for (int i = 0; i < left; i++) {
        sizes.add(1);
      }
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The key of item {@code k} along the axis, in the column of blocks at {@code idx}. */
  private static Key itemKey(String[] itemLayer, int[] itemIndex, int k, int[] idx, int axis) {
    int[] in = idx.clone();
    in[axis] = itemIndex[k];
    return Key.of(itemLayer[k], in);
  }
}
