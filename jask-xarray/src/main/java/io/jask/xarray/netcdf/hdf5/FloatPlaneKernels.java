package io.jask.xarray.netcdf.hdf5;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Which {@link FloatPlanes} the readers use: {@link VectorFloatPlanes} where the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and the processor executes 256-bit vectors (about
 * three times as fast), the plain loops elsewhere, or with {@code -Djask.simd=false}.
 *
 * <p>The vector kernels are only fast once the JIT compiler has compiled them: before, each vector
 * operation is an object, and a chunk's millions of values would make the collector grow the young
 * generation by hundreds of megabytes, which the process then keeps resident. So the first use
 * starts a background thread that warms the vector kernels up on a few values at a time, and
 * readers use the plain loops until the vector kernels allocate nothing and beat the loops.
 */
final class FloatPlaneKernels {
  private FloatPlaneKernels() {}

  private static final CompletableFuture<FloatPlanes> BEST = choose();

  /** The kernels to use now. */
  static FloatPlanes current() {
    return BEST.getNow(ScalarFloatPlanes.INSTANCE);
  }

  /** The kernels chosen for good, waiting for the warm-up if it still runs. */
  static FloatPlanes best() throws InterruptedException {
    try {
      return BEST.get();
    } catch (ExecutionException e) {
      return ScalarFloatPlanes.INSTANCE; // not reached: the warm-up falls back to the loops itself
    }
  }

  /** Whether this JVM is asked for, and can load, the vector kernels. */
  static boolean vectorWanted() {
    return !System.getProperty("jask.simd", "true").toLowerCase(Locale.ROOT).equals("false")
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static CompletableFuture<FloatPlanes> choose() {
    if (!vectorWanted()) {
      return CompletableFuture.completedFuture(ScalarFloatPlanes.INSTANCE);
    }
    CompletableFuture<FloatPlanes> chosen = new CompletableFuture<>();
    Thread t = new Thread(() -> chosen.complete(warmedUpVectorKernels()), "jask-vector-warm-up");
    t.setDaemon(true);
    t.start();
    return chosen;
  }

  /**
   * Rounds of {@link #CALLS} calls of each kernel, {@link #PAUSE_MILLIS} apart, before the vector
   * kernels are given up. Short rounds keep the garbage of their slow start small: the JIT compiler
   * needs a few thousand calls, not more calls at a time.
   */
  private static final int MAX_WARM_UP_ROUNDS = 2500;

  private static final long PAUSE_MILLIS = 2;
  private static final int CALLS = 20;
  /** One vector step and a tail of up to three values. */
  private static final int VALUES = 11;

  private static FloatPlanes warmedUpVectorKernels() {
    try {
      // loaded by name: without the module, naming the class would fail to link
      Class<?> c = Class.forName(FloatPlaneKernels.class.getPackageName() + ".VectorFloatPlanes");
      FloatPlanes vector = (FloatPlanes) c.getMethod("ifHardware").invoke(null);
      if (vector == null) {
        return ScalarFloatPlanes.INSTANCE;
      }
      Calls calls = new Calls();
      for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
        long loop = calls.time(ScalarFloatPlanes.INSTANCE);
        long allocatedBefore = ALLOCATED.getAsLong();
        long nanos = calls.time(vector);
        if (nanos < loop && ALLOCATED.getAsLong() == allocatedBefore) {
          return vector;
        }
        // Once called often enough, the kernels are compiled in the background; calling them on
        // meanwhile would only make garbage, which the collector spreads over fresh heap regions.
        Thread.sleep(PAUSE_MILLIS);
      }
      return ScalarFloatPlanes.INSTANCE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ScalarFloatPlanes.INSTANCE;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return ScalarFloatPlanes.INSTANCE;
    }
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

  /**
   * Calls of every path of every kernel on a few values, through handles that are not constants:
   * the kernels are so never inlined into the loop that times them, and what is timed is each
   * kernel's own compiled code, which the readers call.
   */
  private static final class Calls {
    private final MethodHandle widen;
    private final MethodHandle floats;
    private final MethodHandle widenAdding;
    private final MethodHandle widenSumming;
    private final byte[] planes = new byte[4 * VALUES];
    private final double[] doubles = new double[VALUES];
    private final float[] values = new float[VALUES];
    private final double[] sums = new double[VALUES];

    Calls() throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodType planesTo = MethodType.methodType(void.class, byte[].class, int.class, int.class, int.class,
          int.class);
      widen = lookup.findVirtual(FloatPlanes.class, "widen",
          planesTo.appendParameterTypes(double[].class, int.class, boolean.class, float.class));
      floats = lookup.findVirtual(FloatPlanes.class, "floats",
          planesTo.appendParameterTypes(float[].class, int.class));
      widenAdding = lookup.findVirtual(FloatPlanes.class, "widenAdding",
          planesTo.appendParameterTypes(double[].class, int.class, boolean.class, float.class, double[].class,
              int.class).changeReturnType(boolean.class));
      widenSumming = lookup.findVirtual(FloatPlanes.class, "widenSumming",
          planesTo.appendParameterTypes(double[].class, int.class, boolean.class, float.class)
              .changeReturnType(double.class));
    }

    /** Nanoseconds for {@link #CALLS} calls of each kernel of {@code k}. */
    long time(FloatPlanes k) {
      int n = VALUES;
      try {
        long t0 = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
          int len = n - (i & 3);
          boolean masked = (i & 1) == 0;
          widen.invokeExact(k, planes, 0, n, 2 * n, 3 * n, doubles, len, masked, 0f);
          floats.invokeExact(k, planes, 0, n, 2 * n, 3 * n, values, len);
          boolean whole = (boolean) widenAdding.invokeExact(k, planes, 0, n, 2 * n, 3 * n, doubles, len, masked, 0f,
              sums, 0);
          double sum = (double) widenSumming.invokeExact(k, planes, 0, n, 2 * n, 3 * n, doubles, len, masked, 0f);
          // the planes are zeros, which the masked calls turn into NaN
          if (whole == masked || (sum == sum) == masked) {
            throw new IllegalStateException("a float kernel computed wrongly on zeros");
          }
        }
        return System.nanoTime() - t0;
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("a float kernel failed on a few values", e);
      }
    }
  }
}
