package io.jask.array;

import java.nio.ByteBuffer;

/** Elements to and from little-endian bytes. */
final class Encoding {
  private Encoding() {}

  /** Puts {@code n} elements of the contiguous {@code a} from {@code from}. */
  static void put(ByteBuffer buf, NDArray a, int from, int n) {
    Object d = a.data;
    switch (a.dtype) {
      case FLOAT64 -> buf.asDoubleBuffer().put((double[]) d, from, n);
      case FLOAT32 -> buf.asFloatBuffer().put((float[]) d, from, n);
      case INT64 -> buf.asLongBuffer().put((long[]) d, from, n);
      case INT32 -> buf.asIntBuffer().put((int[]) d, from, n);
      case INT16 -> buf.asShortBuffer().put((short[]) d, from, n);
      case INT8, UINT8 -> {
        buf.put((byte[]) d, from, n);
        buf.position(0);
      }
      case BOOL -> {
        boolean[] b = (boolean[]) d;
        for (int k = 0; k < n; k++) {
          buf.put(k, (byte) (b[from + k] ? 1 : 0));
        }
      }
    }
    buf.position(n * a.dtype.itemSize());
  }

  static NDArray get(ByteBuffer buf, DType t, int[] shape) {
    int n = NDArray.product(shape);
    Object out = t.allocate(n);
    switch (t) {
      case FLOAT64 -> buf.asDoubleBuffer().get((double[]) out);
      case FLOAT32 -> buf.asFloatBuffer().get((float[]) out);
      case INT64 -> buf.asLongBuffer().get((long[]) out);
      case INT32 -> buf.asIntBuffer().get((int[]) out);
      case INT16 -> buf.asShortBuffer().get((short[]) out);
      case INT8, UINT8 -> buf.get((byte[]) out);
      case BOOL -> {
        boolean[] b = (boolean[]) out;
        for (int k = 0; k < n; k++) {
          b[k] = buf.get(k) != 0;
        }
      }
    }
    return NDArray.wrap(t, out, shape);
  }
}
