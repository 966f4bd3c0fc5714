package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Rechunking without materialising: each new block is one task that cuts the parts it needs out
 * of the old blocks it overlaps and places them.
 */
final class Rechunk {
  private Rechunk() {}

  /** One old chunk's part of a new chunk along one axis. */
  private record Piece(int block, int from, int to, int at) {}

  static Array rechunk(Array a, Chunks target) {
    Chunks src = a.chunks();
    int nd = a.ndim();
    List<List<List<Piece>>> perAxis = new ArrayList<>();
    for (int d = 0; d < nd; d++) {
      List<List<Piece>> axis = new ArrayList<>();
      int[] sizes = target.sizes(d);
      long s = 0;
      for (int size : sizes) {
        long e = s + size;
        List<Piece> pieces = new ArrayList<>();
        if (size == 0) {
          pieces.add(new Piece(0, 0, 0, 0));
        } else {
          for (int b = src.blockOf(d, s); b < src.numBlocks()[d] && src.start(d, b) < e; b++) {
            long bs = src.start(d, b);
            long be = bs + src.size(d, b);
            long lo = Math.max(s, bs);
            long hi = Math.min(e, be);
            if (hi > lo) {
              pieces.add(new Piece(b, (int) (lo - bs), (int) (hi - bs), (int) (lo - s)));
            }
          }
        }
        axis.add(pieces);
        s = e;
      }
      perAxis.add(axis);
    }
    String name = Array.uniqueName("rechunk", a.name(), target.allSizes());
    List<Task> tasks = new ArrayList<>(target.blockCount());
    for (int b = 0; b < target.blockCount(); b++) {
      int[] idx = target.blockIndex(b);
      int count = 1;
      for (int d = 0; d < nd; d++) {
        count *= perAxis.get(d).get(idx[d]).size();
      }
      Object[] args = new Object[count];
      int[][] from = new int[count][nd];
      int[][] to = new int[count][nd];
      int[][] at = new int[count][nd];
      for (int p = 0; p < count; p++) {
        int rem = p;
        int[] in = new int[nd];
        for (int d = nd - 1; d >= 0; d--) {
          List<Piece> ps = perAxis.get(d).get(idx[d]);
          Piece piece = ps.get(rem % ps.size());
          rem /= ps.size();
          in[d] = piece.block();
          from[p][d] = piece.from();
          to[p][d] = piece.to();
          at[p][d] = piece.at();
        }
        args[p] = a.blockKey(in);
      }
      tasks.add(Task.of(Key.of(name, idx),
          new BlockTasks.Assemble(target.blockShape(idx), a.dtype(), from, to, at), args));
    }
    return Array.of(name, target, a.dtype(), new Layer(name, tasks, a.layer()));
  }
}
