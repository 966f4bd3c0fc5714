package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Cumulative sums and products along an axis: each block is accumulated on its own, a chain of
 * small carry tasks passes the running total from block to block, and each block is shifted by
 * the total before it.
 */
final class Cumulative {
  private Cumulative() {}

  static Array cumulative(Array a, int axis, boolean product) {
    int ax = NDArray.normalizeAxis(axis, a.ndim());
    String op = product ? "cumprod" : "cumsum";
    Chunks c = a.chunks();
    String token = io.jask.core.graph.Tokens.tokenize(a.name(), op, ax);
    String localName = op + "-block-" + token;
    String carryName = op + "-carry-" + token;
    String name = op + "-" + token;
    List<Task> local = new ArrayList<>();
    List<Task> carry = new ArrayList<>();
    List<Task> out = new ArrayList<>();
    for (int b = 0; b < c.blockCount(); b++) {
      int[] idx = c.blockIndex(b);
      Key localKey = Key.of(localName, idx);
      local.add(Task.of(localKey, new BlockTasks.CumBlock(ax, product), a.blockKey(idx)));
      if (idx[ax] == 0) {
        out.add(Task.of(Key.of(name, idx), new BlockTasks.Alias(op, null), localKey));
        continue;
      }
      int[] prev = idx.clone();
      prev[ax]--;
      Key carryKey = Key.of(carryName, idx);
      if (prev[ax] == 0) {
        carry.add(Task.of(carryKey, new BlockTasks.Carry(ax, product), Key.of(localName, prev)));
      } else {
        carry.add(Task.of(carryKey, new BlockTasks.Carry(ax, product), Key.of(carryName, prev), Key.of(localName, prev)));
      }
      out.add(Task.of(Key.of(name, idx), new BlockTasks.ApplyCarry(product), localKey, carryKey));
    }
    Layer l1 = new Layer(localName, local, a.layer());
    Layer l2 = new Layer(carryName, carry, l1);
    return Array.of(name, c, a.dtype().sumResult(), new Layer(name, out, l1, l2));
  }
}
