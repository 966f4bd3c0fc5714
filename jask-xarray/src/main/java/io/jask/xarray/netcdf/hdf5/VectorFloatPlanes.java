package io.jask.xarray.netcdf.hdf5;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatPlanes} eight values at a time: eight bytes of each plane widened to 32-bit lanes,
 * shifted into place and combined, then the floats widened to doubles in two halves. Only loaded
 * when the JVM has the {@code jdk.incubator.vector} module ({@link FloatPlaneKernels}).
 */
final class VectorFloatPlanes implements FloatPlanes {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
  private static final int STEP = INTS.length();

  private VectorFloatPlanes() {}

  /**
   * This kernel once the JIT compiler has compiled it to allocate nothing and run faster than the
   * plain loop, which takes about a second; the plain loop where the processor has no
   * 256-bit vectors (there the API falls back to code many times slower than the loop) or where
   * the kernel never gets there.
   */
  public static FloatPlanes warmedUpOrLoop() throws ReflectiveOperationException {
    if (IntVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
      return ScalarFloatPlanes.INSTANCE;
    }
    // Called through handles that are not constants, the kernels are never inlined into the loop
    // that times them: what is timed is each kernel's own compiled code, which readers call.
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodHandle widen = lookup.findVirtual(FloatPlanes.class, "widen", MethodType.methodType(void.class,
        byte[].class, int.class, int.class, int.class, int.class, double[].class, int.class, boolean.class,
        float.class));
    MethodHandle floats = lookup.findVirtual(FloatPlanes.class, "floats", MethodType.methodType(void.class,
        byte[].class, int.class, int.class, int.class, int.class, float[].class, int.class));
    FloatPlanes vector = new VectorFloatPlanes();
    Arrays arrays = new Arrays();
    for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
      long loop = timeCalls(ScalarFloatPlanes.INSTANCE, widen, floats, arrays);
      long allocatedBefore = ALLOCATED.getAsLong();
      long nanos = timeCalls(vector, widen, floats, arrays);
      if (nanos < loop && ALLOCATED.getAsLong() == allocatedBefore) {
        return vector;
      }
      // Once called often enough, the kernel is compiled in the background; calling it on in the
      // meantime would only make garbage, which the collector spreads over fresh heap regions.
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ScalarFloatPlanes.INSTANCE;
  }

  /**
   * Rounds of {@link #CALLS} calls of each kernel, {@link #PAUSE_MILLIS} apart, before the vector
   * kernel is given up. Short rounds keep the garbage of the kernel's slow start small: the JIT
   * compiler needs a few thousand calls, not more calls at a time.
   */
  private static final int MAX_WARM_UP_ROUNDS = 2500;

  private static final long PAUSE_MILLIS = 2;
  private static final int CALLS = 20;
  private static final int VALUES = STEP + 3;

  /** What the kernels read and write while they warm up. */
  private static final class Arrays {
    final byte[] planes = new byte[4 * VALUES];
    final double[] doubles = new double[VALUES];
    final float[] floats = new float[VALUES];
  }

  /** The bytes this thread has allocated, where the JVM counts them; else always 0. */
  private static final LongSupplier ALLOCATED = allocationCounter();

  private static LongSupplier allocationCounter() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
      return t::getCurrentThreadAllocatedBytes;
    }
    return () -> 0;
  }

  /** Nanoseconds for {@link #CALLS} calls of every path of {@code k} on a few values. */
  private static long timeCalls(FloatPlanes k, MethodHandle widen, MethodHandle floats, Arrays a) {
    int n = VALUES;
    try {
      long t0 = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        int len = n - (i & 3);
        widen.invokeExact(k, a.planes, 0, n, 2 * n, 3 * n, a.doubles, len, (i & 1) == 0, 0f);
        floats.invokeExact(k, a.planes, 0, n, 2 * n, 3 * n, a.floats, len);
      }
      return System.nanoTime() - t0;
    } catch (Throwable e) {
      throw new IllegalStateException("a float kernel failed on a few values", e);
    }
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
