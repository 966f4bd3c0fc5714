package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Basic indexing of chunked arrays. Along each axis the selection is split by the input chunks it
 * crosses; each output block is one input block sliced, so blocks outside the selection are not
 * in the graph at all once it is culled.
 */
final class Slicing {
  private Slicing() {}

  /** Along one axis: per output chunk, the input chunk and the slice of it. Empty sizes when the axis is dropped. */
  private record AxisPlan(boolean dropped, List<Integer> blocks, List<Slice> local, List<Integer> sizes) {}

  static Array slice(Array a, Slice[] slices) {
    int nd = a.ndim();
    if (slices.length > nd) {
      throw new IllegalArgumentException(slices.length + " slices for an array of " + nd + " dimensions, shape "
          + Arrays.toString(a.shape()));
    }
    Chunks c = a.chunks();
    AxisPlan[] plans = new AxisPlan[nd];
    for (int d = 0; d < nd; d++) {
      plans[d] = plan(c, d, d < slices.length ? slices[d] : Slice.all());
    }
    List<int[]> outSizes = new ArrayList<>();
    List<Integer> outAxes = new ArrayList<>();
    for (int d = 0; d < nd; d++) {
      if (!plans[d].dropped()) {
        outAxes.add(d);
        outSizes.add(plans[d].sizes().stream().mapToInt(Integer::intValue).toArray());
      }
    }
    Chunks out = Chunks.ofSizes(outSizes.toArray(new int[0][]));
    String name = Array.uniqueName("getitem", a.name(), Arrays.asList(slices).toString());
    List<Task> tasks = new ArrayList<>(out.blockCount());
    for (int b = 0; b < out.blockCount(); b++) {
      int[] idx = out.blockIndex(b);
      int[] in = new int[nd];
      Slice[] local = new Slice[nd];
      int o = 0;
      for (int d = 0; d < nd; d++) {
        int j = plans[d].dropped() ? 0 : idx[o++];
        in[d] = plans[d].blocks().get(j);
        local[d] = plans[d].local().get(j);
      }
      tasks.add(Task.of(Key.of(name, idx), new BlockTasks.SliceBlock(local, true), a.blockKey(in)));
    }
    return Array.of(name, out, a.dtype(), new Layer(name, tasks, a.layer()));
  }

  private static AxisPlan plan(Chunks c, int d, Slice s) {
    long n = c.shape()[d];
    List<Integer> blocks = new ArrayList<>();
    List<Slice> local = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    if (s instanceof Slice.Index ix) {
      long pos = ix.resolve(n, d);
      int b = c.blockOf(d, pos);
      blocks.add(b);
      local.add(Slice.index(pos - c.start(d, b)));
      return new AxisPlan(true, blocks, local, sizes);
    }
    Slice.Resolved r = ((Slice.Range) s).resolve(n, d);
    int nb = c.numBlocks()[d];
    if (r.count() == 0) {
      blocks.add(0);
      local.add(Slice.of(0, 0));
      sizes.add(0);
      return new AxisPlan(false, blocks, local, sizes);
    }
    long step = r.step();
    long first = r.first();
    long count = r.count();
    if (step > 0) {
      for (int b = c.blockOf(d, first); b < nb; b++) {
        long c0 = c.start(d, b);
        long c1 = c0 + c.size(d, b);
        long k0 = Math.max(0, ceilDiv(c0 - first, step));
        long k1 = Math.min(count, ceilDiv(c1 - first, step));
        if (k1 > k0) {
          long ls = first + k0 * step - c0;
          long le = first + (k1 - 1) * step - c0 + 1;
          blocks.add(b);
          local.add(ls == 0 && le == c1 - c0 && step == 1 ? Slice.all() : Slice.of(ls, le, step));
          sizes.add((int) (k1 - k0));
        }
        if (k1 >= count) {
          break;
        }
      }
    } else {
      long st = -step;
      for (int b = c.blockOf(d, first); b >= 0; b--) {
        long c0 = c.start(d, b);
        long c1 = c0 + c.size(d, b);
        long k0 = Math.max(0, ceilDiv(first - (c1 - 1), st));
        long k1 = Math.min(count, Math.floorDiv(first - c0, st) + 1);
        if (k1 > k0) {
          long ls = first - k0 * st - c0;
          long le = ls - (k1 - k0) * st;
          blocks.add(b);
          local.add(new Slice.Range(ls, le < 0 ? null : le, step));
          sizes.add((int) (k1 - k0));
        }
        if (k1 >= count) {
          break;
        }
      }
    }
    return new AxisPlan(false, blocks, local, sizes);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
