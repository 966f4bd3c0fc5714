package io.jask.array;

import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import io.jask.core.graph.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reshaping a chunked array as Dask's {@code reshape}: axes are matched from the last one
 * backwards into groups where several input axes merge into one output axis, or one input axis
 * splits into several. The input is rechunked so that every block reshapes on its own (the inner
 * axes of a merged group whole, a split axis cut at multiples of the inner output axes), then each
 * block is reshaped; input and output blocks correspond one to one in row-major order. A reshape
 * that is no such regrouping ({@code (6, 4)} to {@code (4, 6)}) goes through one dimension.
 */
final class Reshape {
  private Reshape() {}

  static Array reshape(Array a, long... newShape) {
    long[] in = a.shape();
    long[] out = inferShape(newShape, a.size(), in);
    if (Arrays.equals(in, out)) {
      return a;
    }
    if (a.size() == 0) {
      return blockwise(a.rechunk(fill(in.length)), Chunks.explicit(out, whole(out)), out);
    }
    int[][] inChunks = new int[in.length][];
    for (int d = 0; d < in.length; d++) {
      inChunks[d] = a.chunks().sizes(d);
    }
    int[][][] plan = plan(in, out, inChunks);
    if (plan == null) {
      return reshape(reshape(a, a.size()), out);
    }
    Array rechunked = a.rechunk(Chunks.explicit(in, plan[0]));
    return blockwise(rechunked, Chunks.explicit(out, plan[1]), out);
  }

  private static Array blockwise(Array x, Chunks outChunks, long[] out) {
    if (outChunks.blockCount() != x.chunks().blockCount()) {
      throw new AssertionError("reshape of " + x.chunks() + " into " + outChunks + ": the block counts differ");
    }
    String name = "reshape-" + Tokens.tokenize("reshape", x.name(), out);
    List<Task> tasks = new ArrayList<>(outChunks.blockCount());
    for (int b = 0; b < outChunks.blockCount(); b++) {
      int[] o = outChunks.blockIndex(b);
      tasks.add(Task.of(Key.of(name, o), new BlockTasks.ReshapeBlock(outChunks.blockShape(o)),
          x.blockKey(x.chunks().blockIndex(b))));
    }
    return Array.of(name, outChunks, x.dtype(), new Layer(name, tasks, x.layer()));
  }

  /**
   * {@code newShape} with its {@code -1} filled in, for a lazy {@link Array} or an {@link NDArray}
   * of {@code size} elements in shape {@code from}.
   *
   * @throws IllegalArgumentException as NumPy: "cannot reshape array of size 120 into shape (7, 17)"
   */
  static long[] inferShape(long[] newShape, long size, long[] from) {
    long[] s = newShape.clone();
    int unknown = -1;
    long known = 1;
    for (int d = 0; d < s.length; d++) {
      if (s[d] == -1 && unknown < 0) {
        unknown = d;
      } else if (s[d] < 0) {
        throw new IllegalArgumentException("cannot reshape an array of shape " + Arrays.toString(from) + " into shape "
            + Arrays.toString(newShape) + ": only one dimension may be -1, and none other negative");
      } else {
        known = Math.multiplyExact(known, s[d]);
      }
    }
    if (unknown >= 0 && known != 0 && size % known == 0) {
      s[unknown] = size / known;
      known *= s[unknown];
    }
    if (known != size || (unknown >= 0 && known == 0 && size != 0)) {
      throw new IllegalArgumentException("cannot reshape array of size " + size + " (shape " + Arrays.toString(from)
          + ") into shape " + Arrays.toString(newShape));
    }
    return s;
  }

  /**
   * The chunks to cut the input into and the output's chunks, as Dask's {@code reshape_rechunk};
   * null if the reshape is not a regrouping of axes.
   */
  static int[][][] plan(long[] in, long[] out, int[][] inChunks) {
    int[][] rin = new int[in.length][];
    int[][] rout = new int[out.length][];
    int ii = in.length - 1;
    int oi = out.length - 1;
    while (ii >= 0 || oi >= 0) {
      if (ii >= 0 && oi >= 0 && in[ii] == out[oi]) {
        rin[ii] = inChunks[ii];
        rout[oi] = inChunks[ii];
        ii--;
        oi--;
        continue;
      }
      long din = ii >= 0 ? in[ii] : 1;
      long dout = oi >= 0 ? out[oi] : 1;
      if (ii >= 0 && din == 1) {
        rin[ii] = new int[] {1};
        ii--;
      } else if (oi >= 0 && dout == 1) {
        rout[oi] = new int[] {1};
        oi--;
      } else if (din < dout) {
        // Input axes ileft..ii merge into output axis oi.
        int ileft = ii - 1;
        while (ileft >= 0 && product(in, ileft, ii) < dout) {
          ileft--;
        }
        if (ileft < 0 || product(in, ileft, ii) != dout) {
          return null;
        }
        if (allUnitChunks(in, inChunks, ii)) {
          // Every axis before ii is cut into single rows already: each block is a run of the output.
          for (int i = 0; i <= ii; i++) {
            rin[i] = inChunks[i];
          }
          int repeat = 1;
          for (int i = ileft; i < ii; i++) {
            repeat *= inChunks[i].length;
          }
          rout[oi] = repeatChunks(inChunks[ii], repeat);
        } else {
          int reduction = 1;
          for (int i = ileft + 1; i <= ii; i++) {
            rin[i] = new int[] {(int) in[i]};
            reduction *= inChunks[i].length;
          }
          rin[ileft] = expand(inChunks[ileft], reduction);
          long inner = product(in, ileft + 1, ii);
          rout[oi] = new int[rin[ileft].length];
          for (int k = 0; k < rout[oi].length; k++) {
            rout[oi][k] = Math.toIntExact(rin[ileft][k] * inner);
          }
        }
        oi--;
        ii = ileft - 1;
      } else {
        // Input axis ii splits into output axes oleft..oi.
        int oleft = oi - 1;
        while (oleft >= 0 && product(out, oleft, oi) < din) {
          oleft--;
        }
        if (oleft < 0 || product(out, oleft, oi) != din) {
          return null;
        }
        long inner = product(out, oleft + 1, oi);
        rin[ii] = contract(inChunks[ii], inner);
        for (int i = oleft + 1; i <= oi; i++) {
          rout[i] = new int[] {(int) out[i]};
        }
        rout[oleft] = new int[rin[ii].length];
        for (int k = 0; k < rin[ii].length; k++) {
          rout[oleft][k] = (int) (rin[ii][k] / inner);
        }
        oi = oleft - 1;
        ii--;
      }
    }
    return new int[][][] {rin, rout};
  }

  private static boolean allUnitChunks(long[] in, int[][] inChunks, int before) {
    for (int i = 0; i < before; i++) {
      if (inChunks[i].length != in[i]) {
        return false;
      }
    }
    return true;
  }

  private static long product(long[] s, int from, int to) {
    long p = 1;
    for (int i = from; i <= to; i++) {
      p *= s[i];
    }
    return p;
  }

  private static int[] repeatChunks(int[] chunks, int times) {
    int[] r = new int[chunks.length * times];
    for (int t = 0; t < times; t++) {
      System.arraycopy(chunks, 0, r, t * chunks.length, chunks.length);
    }
    return r;
  }

  /** Each chunk cut into about {@code factor} parts (Dask's {@code expand_tuple}). */
  static int[] expand(int[] chunks, int factor) {
    if (factor == 1) {
      return chunks;
    }
    List<Integer> out = new ArrayList<>();
    for (int c : chunks) {
      int x = c;
      int part = Math.max(c / factor, 1);
      while (x >= 2 * part) {
        out.add(part);
        x -= part;
      }
      if (x > 0) {
        out.add(x);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Chunks merged so that each is a multiple of {@code factor} (Dask's {@code contract_tuple}). */
  static int[] contract(int[] chunks, long factor) {
    List<Integer> out = new ArrayList<>();
    long residual = 0;
    for (int c : chunks) {
      long chunk = c + residual;
      long good = chunk / factor * factor;
      residual = chunk - good;
      if (good > 0) {
        out.add(Math.toIntExact(good));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] fill(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  private static int[][] whole(long[] shape) {
    int[][] w = new int[shape.length][];
    for (int d = 0; d < shape.length; d++) {
      w[d] = new int[] {Math.toIntExact(shape[d])};
    }
    return w;
  }
}
