package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Concatenating and stacking chunked arrays: the blocks are reused under new keys, never copied together. */
final class Joining {
  private Joining() {}

  static Array concatenate(List<Array> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new IllegalArgumentException("concatenate needs at least one array");
    }
    Array first = arrays.get(0);
    int nd = first.ndim();
    int ax = NDArray.normalizeAxis(axis, nd);
    DType dt = first.dtype();
    for (Array a : arrays) {
      if (a.ndim() != nd) {
        throw new IllegalArgumentException("cannot concatenate arrays of shapes " + Arrays.toString(first.shape())
            + " and " + Arrays.toString(a.shape()) + ": different numbers of dimensions");
      }
      for (int d = 0; d < nd; d++) {
        if (d != ax && a.shape()[d] != first.shape()[d]) {
          throw new IllegalArgumentException("cannot concatenate arrays of shapes " + Arrays.toString(first.shape())
              + " and " + Arrays.toString(a.shape()) + " along axis " + axis + ": axis " + d + " differs");
        }
      }
      dt = DType.promote(dt, a.dtype());
    }
    Array[] aligned = alignOffAxis(arrays, ax);
    int[][] sizes = aligned[0].chunks().allSizes();
    List<Integer> along = new ArrayList<>();
    List<int[]> source = new ArrayList<>(); // (array, block along axis)
    for (int i = 0; i < aligned.length; i++) {
      int[] s = aligned[i].chunks().sizes(ax);
      for (int j = 0; j < s.length; j++) {
        along.add(s[j]);
        source.add(new int[] {i, j});
      }
    }
    sizes[ax] = along.stream().mapToInt(Integer::intValue).toArray();
    Chunks out = Chunks.ofSizes(sizes);
    Object[] names = new Object[aligned.length];
    Layer[] deps = new Layer[aligned.length];
    for (int i = 0; i < aligned.length; i++) {
      names[i] = aligned[i].name();
      deps[i] = aligned[i].layer();
    }
    String name = Array.uniqueName("concatenate", Arrays.asList(names), ax);
    List<Task> tasks = new ArrayList<>();
    for (int b = 0; b < out.blockCount(); b++) {
      int[] idx = out.blockIndex(b);
      int[] src = source.get(idx[ax]);
      Array from = aligned[src[0]];
      int[] in = idx.clone();
      in[ax] = src[1];
      BlockTasks.BlockTask fn = from.dtype() == dt ? new BlockTasks.Alias("concatenate", null) : new BlockTasks.Astype(dt);
      tasks.add(Task.of(Key.of(name, idx), fn, from.blockKey(in)));
    }
    return Array.of(name, out, dt, new Layer(name, tasks, deps));
  }

  static Array stack(List<Array> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new IllegalArgumentException("stack needs at least one array");
    }
    long[] s0 = arrays.get(0).shape();
    int ax = NDArray.normalizeAxis(axis, s0.length + 1);
    DType dt = arrays.get(0).dtype();
    for (Array a : arrays) {
      if (!Arrays.equals(a.shape(), s0)) {
        throw new IllegalArgumentException("cannot stack arrays of shapes " + Arrays.toString(s0) + " and "
            + Arrays.toString(a.shape()) + ": all must have the same shape");
      }
      dt = DType.promote(dt, a.dtype());
    }
    Array[] aligned = alignOffAxis(arrays, -1);
    int[][] inner = aligned[0].chunks().allSizes();
    int[][] sizes = new int[inner.length + 1][];
    for (int d = 0, k = 0; d < sizes.length; d++) {
      if (d == ax) {
        sizes[d] = new int[arrays.size()];
        Arrays.fill(sizes[d], 1);
      } else {
        sizes[d] = inner[k++];
      }
    }
    Chunks out = Chunks.ofSizes(sizes);
    Object[] names = new Object[aligned.length];
    Layer[] deps = new Layer[aligned.length];
    for (int i = 0; i < aligned.length; i++) {
      names[i] = aligned[i].name();
      deps[i] = aligned[i].layer();
    }
    String name = Array.uniqueName("stack", Arrays.asList(names), ax, dt.numpyName());
    List<Task> tasks = new ArrayList<>();
    for (int b = 0; b < out.blockCount(); b++) {
      int[] idx = out.blockIndex(b);
      int[] in = new int[inner.length];
      for (int d = 0, k = 0; d < idx.length; d++) {
        if (d != ax) {
          in[k++] = idx[d];
        }
      }
      Array from = aligned[idx[ax]];
      Key src = from.blockKey(in);
      int[] shape = out.blockShape(idx);
      if (from.dtype() != dt) {
        String cast = name + "-astype";
        Key castKey = Key.of(cast, idx);
        tasks.add(Task.of(castKey, new BlockTasks.Astype(dt), src));
        src = castKey;
      }
      tasks.add(Task.of(Key.of(name, idx), new BlockTasks.Alias("stack", shape), src));
    }
    return Array.of(name, out, dt, new Layer(name, tasks, deps));
  }

  /** The arrays rechunked alike on every axis but {@code skip} (-1: every axis). */
  private static Array[] alignOffAxis(List<Array> arrays, int skip) {
    Array first = arrays.get(0);
    int nd = first.ndim();
    int[][] common = first.chunks().allSizes();
    for (Array a : arrays) {
      for (int d = 0; d < nd; d++) {
        if (d != skip && !Arrays.equals(common[d], a.chunks().sizes(d))) {
          common[d] = refine(common[d], a.chunks().sizes(d));
        }
      }
    }
    Array[] out = new Array[arrays.size()];
    for (int i = 0; i < out.length; i++) {
      Array a = arrays.get(i);
      int[][] target = common.clone();
      if (skip >= 0) {
        target[skip] = a.chunks().sizes(skip);
      }
      out[i] = a.rechunk(Chunks.ofSizes(target));
    }
    return out;
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
    int[] out = new int[bounds.size() - 1];
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
