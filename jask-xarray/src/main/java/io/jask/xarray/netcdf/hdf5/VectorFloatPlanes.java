package io.jask.xarray.netcdf.hdf5;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatPlanes} eight values at a time: eight bytes of each plane widened to 32-bit lanes,
 * shifted into place and combined, then the floats widened to doubles in two halves and added up
 * or to sums. Two vector kernels serve the four methods. Only loaded when the JVM has the {@code
 * jdk.incubator.vector} module ({@link FloatPlaneKernels}).
 */
final class VectorFloatPlanes implements FloatPlanes {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
  private static final int STEP = INTS.length();
  private static final int HALF = STEP / 2;

  private VectorFloatPlanes() {}

  /**
   * The kernels, or null where the processor has no 256-bit vectors: there the API falls back to
   * code many times slower than the plain loop.
   */
  public static FloatPlanes ifHardware() {
    return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorFloatPlanes() : null;
  }

  /**
   * {@link #widenSumming} with the sum left unused: one vector kernel fewer for the JIT compiler
   * to compile, and the slow, garbage-making start before it does gone through once less.
   */
  @Override
  public void widen(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked, float fill) {
    widenSumming(s, p0, p1, p2, p3, out, len, masked, fill);
  }

  /** The plain loop: float output only serves reads into float slabs, which are not reductions. */
  @Override
  public void floats(byte[] s, int p0, int p1, int p2, int p3, float[] out, int len) {
    ScalarFloatPlanes.floats(s, p0, p1, p2, p3, out, 0, len);
  }

  @Override
  public boolean widenAdding(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked,
      float fill, double[] sums, int at) {
    VectorMask<Double> nan = DOUBLES.maskAll(false);
    int i = 0;
    for (; i <= len - STEP; i += STEP) {
      FloatVector f = values(s, p0 + i, p1 + i, p2 + i, p3 + i, masked, fill);
      DoubleVector lo = (DoubleVector) f.convertShape(VectorOperators.F2D, DOUBLES, 0);
      DoubleVector hi = (DoubleVector) f.convertShape(VectorOperators.F2D, DOUBLES, 1);
      lo.intoArray(out, i);
      hi.intoArray(out, i + HALF);
      VectorMask<Double> nanLo = lo.test(VectorOperators.IS_NAN);
      VectorMask<Double> nanHi = hi.test(VectorOperators.IS_NAN);
      nan = nan.or(nanLo).or(nanHi);
      DoubleVector.fromArray(DOUBLES, sums, at + i).add(lo.blend(0.0, nanLo)).intoArray(sums, at + i);
      DoubleVector.fromArray(DOUBLES, sums, at + i + HALF).add(hi.blend(0.0, nanHi)).intoArray(sums, at + i + HALF);
    }
    ScalarFloatPlanes.widen(s, p0, p1, p2, p3, out, i, len, masked, fill);
    boolean wholeTail = ScalarFloatPlanes.addSkippingNaN(out, i, len, sums, at);
    return wholeTail && !nan.anyTrue();
  }

  @Override
  public double widenSumming(byte[] s, int p0, int p1, int p2, int p3, double[] out, int len, boolean masked,
      float fill) {
    // lane k of 'low' is running sum k, lane k of 'high' running sum 4 + k
    DoubleVector low = DoubleVector.zero(DOUBLES);
    DoubleVector high = DoubleVector.zero(DOUBLES);
    int i = 0;
    for (; i <= len - STEP; i += STEP) {
      FloatVector f = values(s, p0 + i, p1 + i, p2 + i, p3 + i, masked, fill);
      DoubleVector lo = (DoubleVector) f.convertShape(VectorOperators.F2D, DOUBLES, 0);
      DoubleVector hi = (DoubleVector) f.convertShape(VectorOperators.F2D, DOUBLES, 1);
      lo.intoArray(out, i);
      hi.intoArray(out, i + HALF);
      low = low.add(lo);
      high = high.add(hi);
    }
    ScalarFloatPlanes.widen(s, p0, p1, p2, p3, out, i, len, masked, fill);
    return ScalarFloatPlanes.sumOfEight(low.lane(0), low.lane(1), low.lane(2), low.lane(3), high.lane(0),
        high.lane(1), high.lane(2), high.lane(3), out, i, len);
  }

  /** Eight values from the planes, those equal to {@code fill} as NaN when {@code masked}. */
  private static FloatVector values(byte[] s, int b0, int b1, int b2, int b3, boolean masked, float fill) {
    FloatVector f = lowByte(s, b0)
        .or(lowByte(s, b1).lanewise(VectorOperators.LSHL, 8))
        .or(lowByte(s, b2).lanewise(VectorOperators.LSHL, 16))
        .or(widened(s, b3).lanewise(VectorOperators.LSHL, 24))
        .reinterpretAsFloats();
    return masked ? f.blend(Float.NaN, f.eq(fill)) : f;
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
