package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tensordot} and {@code matmul} of chunked arrays: the paired axes are rechunked alike,
 * every output block sums the block products over the paired blocks.
 */
final class TensorProduct {
  private TensorProduct() {}

  static Array tensordot(Array a, Array b, int[] axesA, int[] axesB, String op) {
    if (axesA.length != axesB.length) {
      throw new IllegalArgumentException(op + " needs as many axes of each array, got " + Arrays.toString(axesA)
          + " and " + Arrays.toString(axesB));
    }
    int k = axesA.length;
    int[] ax = new int[k];
    int[] bx = new int[k];
    boolean[] ca = new boolean[a.ndim()];
    boolean[] cb = new boolean[b.ndim()];
    int[][] sa = a.chunks().allSizes();
    int[][] sb = b.chunks().allSizes();
    for (int i = 0; i < k; i++) {
      ax[i] = NDArray.normalizeAxis(axesA[i], a.ndim());
      bx[i] = NDArray.normalizeAxis(axesB[i], b.ndim());
      if (ca[ax[i]] || cb[bx[i]]) {
        throw new IllegalArgumentException("repeated axis in " + op + " axes " + Arrays.toString(axesA) + " and "
            + Arrays.toString(axesB));
      }
      ca[ax[i]] = true;
      cb[bx[i]] = true;
      long la = a.shape()[ax[i]];
      long lb = b.shape()[bx[i]];
      if (la != lb) {
        throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " and "
            + Arrays.toString(b.shape()) + " do not fit: axis " + axesA[i] + " has " + la + ", axis " + axesB[i]
            + " has " + lb);
      }
      // Both sides take the refinement of the two chunkings of the paired axis.
      int[] common = refine(sa[ax[i]], sb[bx[i]]);
      sa[ax[i]] = common;
      sb[bx[i]] = common;
    }
    Array x = a.rechunk(Chunks.ofSizes(sa));
    Array y = b.rechunk(Chunks.ofSizes(sb));
    List<int[]> outSizes = new ArrayList<>();
    List<Integer> freeA = new ArrayList<>();
    List<Integer> freeB = new ArrayList<>();
    for (int d = 0; d < a.ndim(); d++) {
      if (!ca[d]) {
        freeA.add(d);
        outSizes.add(sa[d]);
      }
    }
    for (int d = 0; d < b.ndim(); d++) {
      if (!cb[d]) {
        freeB.add(d);
        outSizes.add(sb[d]);
      }
    }
    Chunks out = Chunks.ofSizes(outSizes.toArray(new int[0][]));
    int[] pairedBlocks = new int[k];
    for (int i = 0; i < k; i++) {
      pairedBlocks[i] = sa[ax[i]].length;
    }
    int inner = TreeReduction.product(pairedBlocks);
    DType rt = DType.promote(a.dtype(), b.dtype());
    String token = io.jask.core.graph.Tokens.tokenize(x.name(), y.name(), ax, bx);
    String partialName = op + "-partial-" + token;
    String name = op + "-" + token;
    BlockTasks.Tensordot fn = new BlockTasks.Tensordot(ax, bx);
    List<Task> partials = new ArrayList<>();
    List<Task> sums = new ArrayList<>();
    for (int o = 0; o < out.blockCount(); o++) {
      int[] idx = out.blockIndex(o);
      Object[] parts = new Object[inner];
      for (int p = 0; p < inner; p++) {
        int[] pk = TreeReduction.unflatten(p, pairedBlocks);
        int[] ia = new int[a.ndim()];
        int[] ib = new int[b.ndim()];
        for (int f = 0; f < freeA.size(); f++) {
          ia[freeA.get(f)] = idx[f];
        }
        for (int f = 0; f < freeB.size(); f++) {
          ib[freeB.get(f)] = idx[freeA.size() + f];
        }
        for (int i = 0; i < k; i++) {
          ia[ax[i]] = pk[i];
          ib[bx[i]] = pk[i];
        }
        int[] pidx = Arrays.copyOf(idx, idx.length + 1);
        pidx[idx.length] = p;
        Key pkKey = Key.of(partialName, pidx);
        partials.add(Task.of(pkKey, fn, x.blockKey(ia), y.blockKey(ib)));
        parts[p] = pkKey;
      }
      sums.add(Task.of(Key.of(name, idx), new BlockTasks.SumBlocks(op), parts));
    }
    Layer pl = new Layer(partialName, partials, x.layer(), y.layer());
    return Array.of(name, out, rt, new Layer(name, sums, pl));
  }

  private static int[] refine(int[] a, int[] b) {
    java.util.TreeSet<Long> bounds = new java.util.TreeSet<>();
    for (int[] sizes : new int[][] {a, b}) {
      long pos = 0;
      bounds.add(0L);
      for (int s : sizes) {
        pos += s;
        bounds.add(pos);
      }
    }
    int[] out = new int[Math.max(bounds.size() - 1, 1)];
    Long prev = null;
    int i = 0;
    for (long x : bounds) {
      if (prev != null) {
        out[i++] = (int) (x - prev);
      }
      prev = x;
    }
    return out;
  }
}
