package io.jask.array;

import java.util.Arrays;

/** Matrix products of blocks. */
final class LinearAlgebra {
  private LinearAlgebra() {}

  /**
   * {@code a @ b} for 1-d and 2-d arrays, in the promoted dtype (computed in double for floats,
   * long for integers).
   *
   * @throws IllegalArgumentException naming both shapes if they do not fit
   */
  static NDArray matmul(NDArray a, NDArray b) {
    if (a.ndim() == 0 || b.ndim() == 0 || a.ndim() > 2 || b.ndim() > 2) {
      throw new IllegalArgumentException("matmul takes 1-d and 2-d arrays, got shapes " + Arrays.toString(a.shape)
          + " and " + Arrays.toString(b.shape));
    }
    NDArray x = a.ndim() == 1 ? a.reshape(1, a.shape[0]) : a;
    NDArray y = b.ndim() == 1 ? b.reshape(b.shape[0], 1) : b;
    int m = x.shape[0];
    int k = x.shape[1];
    int n = y.shape[1];
    if (y.shape[0] != k) {
      throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shape) + " and "
          + Arrays.toString(b.shape) + " do not fit: " + k + " != " + y.shape[0]);
    }
    DType rt = DType.promote(a.dtype, b.dtype);
    int[] outShape = a.ndim() == 1 && b.ndim() == 1 ? new int[0]
        : a.ndim() == 1 ? new int[] {n} : b.ndim() == 1 ? new int[] {m} : new int[] {m, n};
    if (rt.isFloat()) {
      double[] xa = x.toDoubleArray();
      double[] ya = y.toDoubleArray();
      double[] out = new double[m * n];
      for (int i = 0; i < m; i++) {
        int row = i * n;
        for (int p = 0; p < k; p++) {
          double s = xa[i * k + p];
          int yr = p * n;
          for (int j = 0; j < n; j++) {
            out[row + j] += s * ya[yr + j];
          }
        }
      }
      return Convert.fromDoubles(out, outShape, rt);
    }
    long[] xa = x.toLongArray();
    long[] ya = y.toLongArray();
    long[] out = new long[m * n];
    for (int i = 0; i < m; i++) {
      int row = i * n;
      for (int p = 0; p < k; p++) {
        long s = xa[i * k + p];
        int yr = p * n;
        for (int j = 0; j < n; j++) {
          out[row + j] += s * ya[yr + j];
        }
      }
    }
    return Convert.fromLongs(out, outShape, rt);
  }

  /**
   * NumPy's {@code tensordot}: sums the products over {@code axesA} of {@code a} and {@code axesB}
   * of {@code b}; the result's axes are {@code a}'s others then {@code b}'s others.
   *
   * @throws IllegalArgumentException naming the axes and shapes if they do not pair up
   */
  static NDArray tensordot(NDArray a, NDArray b, int[] axesA, int[] axesB) {
    if (axesA.length != axesB.length) {
      throw new IllegalArgumentException("tensordot needs as many axes of each array, got " + Arrays.toString(axesA)
          + " and " + Arrays.toString(axesB));
    }
    boolean[] ca = new boolean[a.ndim()];
    boolean[] cb = new boolean[b.ndim()];
    int[] ax = new int[axesA.length];
    int[] bx = new int[axesB.length];
    long k = 1;
    for (int i = 0; i < axesA.length; i++) {
      ax[i] = NDArray.normalizeAxis(axesA[i], a.ndim());
      bx[i] = NDArray.normalizeAxis(axesB[i], b.ndim());
      if (ca[ax[i]] || cb[bx[i]]) {
        throw new IllegalArgumentException("repeated axis in tensordot axes " + Arrays.toString(axesA) + " and "
            + Arrays.toString(axesB));
      }
      ca[ax[i]] = true;
      cb[bx[i]] = true;
      if (a.shape[ax[i]] != b.shape[bx[i]]) {
        throw new IllegalArgumentException("tensordot: axis " + axesA[i] + " of shape " + Arrays.toString(a.shape)
            + " has length " + a.shape[ax[i]] + " but axis " + axesB[i] + " of shape " + Arrays.toString(b.shape)
            + " has " + b.shape[bx[i]]);
      }
      k *= a.shape[ax[i]];
    }
    int[] permA = new int[a.ndim()];
    int[] outShape = new int[a.ndim() + b.ndim() - 2 * ax.length];
    int p = 0;
    int o = 0;
    long m = 1;
    for (int d = 0; d < a.ndim(); d++) {
      if (!ca[d]) {
        permA[p++] = d;
        outShape[o++] = a.shape[d];
        m *= a.shape[d];
      }
    }
    for (int i : ax) {
      permA[p++] = i;
    }
    int[] permB = new int[b.ndim()];
    p = 0;
    for (int i : bx) {
      permB[p++] = i;
    }
    long n = 1;
    for (int d = 0; d < b.ndim(); d++) {
      if (!cb[d]) {
        permB[p++] = d;
        outShape[o++] = b.shape[d];
        n *= b.shape[d];
      }
    }
    NDArray x = a.transpose(permA).reshape((int) m, (int) k);
    NDArray y = b.transpose(permB).reshape((int) k, (int) n);
    return matmul(x, y).reshape(outShape);
  }
}
