package io.jask.xarray;

import io.jask.array.DType;
import io.jask.array.NDArray;

/** Reads a block's elements as doubles without copying float32 and float64 data first. */
abstract class Values {
  abstract double get(int i);

  static Values of(NDArray block) {
    Object d = block.data();
    if (block.dtype() == DType.FLOAT32) {
      float[] f = (float[]) d;
      return new Values() {
        @Override
        double get(int i) {
          return f[i];
        }
      };
    }
    double[] v = block.dtype() == DType.FLOAT64 ? (double[]) d : block.toDoubleArray();
    return new Values() {
      @Override
      double get(int i) {
        return v[i];
      }
    };
  }
}
