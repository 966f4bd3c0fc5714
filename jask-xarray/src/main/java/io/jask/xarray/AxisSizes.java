package io.jask.xarray;

/**
 * A row-major block seen around one axis: {@link #outer} runs of that axis, each made of
 * {@link #inner} consecutive elements per step along it.
 */
final class AxisSizes {
  private AxisSizes() {}

  /** The product of the sizes before {@code axis}. */
  static int outer(int[] shape, int axis) {
    int n = 1;
    for (int d = 0; d < axis; d++) {
      n *= shape[d];
    }
    return n;
  }

  /** The product of the sizes after {@code axis}. */
  static int inner(int[] shape, int axis) {
    int n = 1;
    for (int d = axis + 1; d < shape.length; d++) {
      n *= shape[d];
    }
    return n;
  }
}
