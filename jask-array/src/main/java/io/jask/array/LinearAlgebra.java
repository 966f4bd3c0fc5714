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
}
