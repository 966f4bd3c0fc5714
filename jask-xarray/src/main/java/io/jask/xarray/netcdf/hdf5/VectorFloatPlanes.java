package io.jask.xarray.netcdf.hdf5;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatPlanes} eight values at a time: eight bytes of each plane widened to 32-bit lanes,
 * shifted into place and combined, then the floats widened to doubles in two halves. Only loaded
 * when the JVM has the {@code jdk.incubator.vector} module ({@link FloatPlanes#best}).
 */
final class VectorFloatPlanes implements FloatPlanes {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
  private static final int STEP = INTS.length();

  private VectorFloatPlanes() {}

  /**
   * This implementation, or the plain loop where the processor has no 256-bit vectors: there the
   * API falls back to code many times slower than the loop.
   */
  public static FloatPlanes ifFast() {
    return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorFloatPlanes() : ScalarFloatPlanes.INSTANCE;
  }

  @Override
  public void widen(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill) {
    int i = 0;
    for (; i <= len - STEP; i += STEP) {
      FloatVector f = values(s, p0 + i, p1 + i, p2 + i, p3 + i);
      if (masked) {
        f = f.blend(Float.NaN, f.eq(fill));
      }
      ((DoubleVector) f.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(out, i);
      ((DoubleVector) f.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(out, i + STEP / 2);
    }
    ScalarFloatPlanes.widen(s, p0, p1, p2, p3, out, i, len, masked, fill);
  }

  @Override
  public void floats(byte[] s, int p0, int p1, int p2, int p3, float[] out, int len) {
    int i = 0;
    for (; i <= len - STEP; i += STEP) {
      values(s, p0 + i, p1 + i, p2 + i, p3 + i).intoArray(out, i);
    }
    ScalarFloatPlanes.floats(s, p0, p1, p2, p3, out, i, len);
  }

  private static FloatVector values(byte[] s, int b0, int b1, int b2, int b3) {
    return lowByte(s, b0)
        .or(lowByte(s, b1).lanewise(VectorOperators.LSHL, 8))
        .or(lowByte(s, b2).lanewise(VectorOperators.LSHL, 16))
        .or(widened(s, b3).lanewise(VectorOperators.LSHL, 24))
        .reinterpretAsFloats();
  }

  /** Eight bytes from {@code at}, each in the low byte of a 32-bit lane. */
  private static IntVector lowByte(byte[] s, int at) {
    return widened(s, at).and(0xFF);
  }

  /** Eight bytes from {@code at}, sign-extended to 32-bit lanes. */
  private static IntVector widened(byte[] s, int at) {
    return (IntVector) ByteVector.fromArray(BYTES, s, at).convertShape(VectorOperators.B2I, INTS, 0);
  }
}
