package io.jask.array;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Brings the inputs of a blockwise operation onto one block grid: shapes are broadcast as NumPy
 * does, and along each axis the inputs that span it are rechunked to the common refinement of
 * their chunk boundaries (Dask's {@code unify_chunks}), so corresponding blocks line up.
 */
final class Alignment {
  private Alignment() {}

  static long[] broadcastShapes(Array... inputs) {
    long[] out = new long[0];
    for (Array a : inputs) {
      long[] s = a.shape();
      int n = Math.max(out.length, s.length);
      long[] r = new long[n];
      for (int d = 0; d < n; d++) {
        long x = d - (n - out.length) >= 0 ? out[d - (n - out.length)] : 1;
        long y = d - (n - s.length) >= 0 ? s[d - (n - s.length)] : 1;
        if (x != y && x != 1 && y != 1) {
          throw new IllegalArgumentException("shapes " + describe(inputs) + " do not broadcast: axis " + d + " has "
              + x + " and " + y);
        }
        r[d] = x == 1 ? y : x;
      }
      out = r;
    }
    return out;
  }

  private static String describe(Array... inputs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < inputs.length; i++) {
      sb.append(i == 0 ? "" : " and ").append(Arrays.toString(inputs[i].shape()));
    }
    return sb.toString();
  }

  static Array[] align(Array... inputs) {
    long[] out = broadcastShapes(inputs);
    int nd = out.length;
    int[][] unified = new int[nd][];
    for (int d = 0; d < nd; d++) {
      int[] first = null;
      boolean same = true;
      TreeSet<Long> bounds = new TreeSet<>();
      for (Array a : inputs) {
        int ad = d - (nd - a.ndim());
        if (ad < 0 || a.shape()[ad] != out[d]) {
          continue;
        }
        int[] sizes = a.chunks().sizes(ad);
        if (first == null) {
          first = sizes;
        } else if (!Arrays.equals(first, sizes)) {
          same = false;
        }
        long pos = 0;
        for (int c : sizes) {
          bounds.add(pos);
          pos += c;
        }
        bounds.add(pos);
      }
      if (first == null || same) {
        unified[d] = first;
        continue;
      }
      int[] sizes = new int[bounds.size() - 1];
      Long prev = null;
      int i = 0;
      for (long b : bounds) {
        if (prev != null) {
          sizes[i++] = (int) (b - prev);
        }
        prev = b;
      }
      unified[d] = sizes;
    }
    Array[] result = new Array[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Array a = inputs[i];
      int[][] sizes = a.chunks().allSizes();
      boolean change = false;
      for (int ad = 0; ad < a.ndim(); ad++) {
        int d = ad + (nd - a.ndim());
        if (a.shape()[ad] == out[d] && unified[d] != null && !Arrays.equals(unified[d], sizes[ad])) {
          sizes[ad] = unified[d];
          change = true;
        }
      }
      result[i] = change ? a.rechunk(Chunks.ofSizes(sizes)) : a;
    }
    return result;
  }

  /** The block grid of aligned inputs' broadcast result. */
  static Chunks outputChunks(Array[] aligned) {
    long[] out = broadcastShapes(aligned);
    int nd = out.length;
    int[][] sizes = new int[nd][];
    for (int d = 0; d < nd; d++) {
      for (Array a : aligned) {
        int ad = d - (nd - a.ndim());
        if (ad >= 0 && a.shape()[ad] == out[d]) {
          sizes[d] = a.chunks().sizes(ad);
          break;
        }
      }
    }
    return Chunks.ofSizes(sizes);
  }
}
