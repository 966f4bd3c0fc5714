package io.jask.xarray.netcdf.hdf5;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(FloatPlaneKernels.class);

  private FloatPlaneKernels() {}

  /** The bytes this thread has allocated, where the JVM counts them; else always 0. */
  private static final LongSupplier ALLOCATED = allocationCounter();

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
   * Rounds of {@link #CALLS} calls of each kernel before the vector kernels are given up: first
   * {@link #CALLING_ROUNDS} of them {@link #CALLING_PAUSE_MILLIS} apart, about the calls the JIT
   * compiler needs before it compiles a kernel; then rounds {@link #WAITING_PAUSE_MILLIS} apart,
   * while it compiles, for about a minute in all. Short rounds and long pauses keep the garbage of
   * the kernels' slow start small. The compiler may be slow to come to the kernels: in a JVM that
   * also runs an in-process cluster they were seen to switch after 1.5 to 9 seconds.
   */
  private static final int MAX_WARM_UP_ROUNDS = 3500;

  private static final int CALLING_ROUNDS = 500;
  private static final long CALLING_PAUSE_MILLIS = 2;
  private static final long WAITING_PAUSE_MILLIS = 20;
  private static final int CALLS = 20;
  /**
   * Three vector steps and a tail of up to three values: the compiler must see the loop go round,
   * or it compiles the kernels for a single step and drops them again at the first long row.
   */
  private static final int VALUES = 27;

  private static FloatPlanes warmedUpVectorKernels() {
    try {
      // loaded by name: without the module, naming the class would fail to link
      Class<?> c = Class.forName(FloatPlaneKernels.class.getPackageName() + ".VectorFloatPlanes");
      FloatPlanes vector = (FloatPlanes) c.getMethod("ifHardware").invoke(null);
      if (vector == null) {
        return ScalarFloatPlanes.INSTANCE;
      }
      Calls calls = new Calls();
      long start = System.nanoTime();
      for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
        long loop = calls.time(ScalarFloatPlanes.INSTANCE);
        long allocatedBefore = ALLOCATED.getAsLong();
        long nanos = calls.time(vector);
        if (nanos < loop && ALLOCATED.getAsLong() == allocatedBefore) {
          log.debug("vector kernels for float32 chunks in use after {} warm-up rounds, {} ms", round + 1,
              (System.nanoTime() - start) / 1_000_000);
          return vector;
        }
        // Once called often enough, the kernels are compiled in the background; calling them on
        // meanwhile would only make garbage, which the collector spreads over fresh heap regions.
        Thread.sleep(round < CALLING_ROUNDS ? CALLING_PAUSE_MILLIS : WAITING_PAUSE_MILLIS);
      }
      log.debug("vector kernels for float32 chunks given up after {} warm-up rounds, {} ms: plain loops kept",
          MAX_WARM_UP_ROUNDS, (System.nanoTime() - start) / 1_000_000);
      return ScalarFloatPlanes.INSTANCE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ScalarFloatPlanes.INSTANCE;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return ScalarFloatPlanes.INSTANCE;
    }
  }

  private static LongSupplier allocationCounter() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
      return t::getCurrentThreadAllocatedBytes;
    }
    return () -> 0;
  }

  /**
   * Calls of every path of the methods that run vector code ({@code floats} is the plain loop in
   * both implementations) on a few values, through handles that are not constants: the kernels are
   * so never inlined into the loop that times them, and what is timed is each kernel's own compiled
   * code, which the readers call.
   */
  private static final class Calls {
    private static final float FILL = 1e20f;

    private final MethodHandle widen;
    private final MethodHandle widenAdding;
    private final MethodHandle widenSumming;
    /** Values all valid, and values with fill values and NaN among them. */
    private final byte[] whole = planes(false);
    private final byte[] gappy = planes(true);
    private final double[] doubles = new double[VALUES];
    private final double[] sums = new double[VALUES];
    private int call;

    Calls() throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodType planesTo = MethodType.methodType(void.class, byte[].class, int.class, int.class, int.class,
          int.class);
      widen = lookup.findVirtual(FloatPlanes.class, "widen",
          planesTo.appendParameterTypes(double[].class, int.class, boolean.class, float.class));
      widenAdding = lookup.findVirtual(FloatPlanes.class, "widenAdding",
          planesTo.appendParameterTypes(double[].class, int.class, boolean.class, float.class, double[].class,
              int.class).changeReturnType(boolean.class));
      widenSumming = lookup.findVirtual(FloatPlanes.class, "widenSumming",
          planesTo.appendParameterTypes(double[].class, int.class, boolean.class, float.class)
              .changeReturnType(double.class));
    }

    /** The byte planes of {@link #VALUES} temperatures, some of them fill values or NaN if {@code gaps}. */
    private static byte[] planes(boolean gaps) {
      byte[] b = new byte[4 * VALUES];
      for (int i = 0; i < VALUES; i++) {
        float v = gaps && i % 5 == 1 ? FILL : gaps && i % 7 == 3 ? Float.NaN : 250f + i;
        int bits = Float.floatToRawIntBits(v);
        for (int k = 0; k < 4; k++) {
          b[k * VALUES + i] = (byte) (bits >>> (8 * k));
        }
      }
      return b;
    }

    /**
     * Nanoseconds for {@link #CALLS} calls of each kernel of {@code k}. Every branch a kernel has
     * is taken both ways across calls: a branch the compiler never saw taken would, in a reader,
     * send the kernel back to the interpreter and its garbage.
     */
    long time(FloatPlanes k) {
      int n = VALUES;
      try {
        long t0 = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
          int c = call++;
          // Mostly only the tail, which makes no garbage: the compiler counts calls, not values.
          // Every eighth call runs the vector steps too, often enough for the compiler to see it.
          int len = (c & 7) == 0 ? n - ((c >> 3) & 3) : c & 3;
          boolean masked = (c & 8) == 0 ^ (c & 1) == 0;
          byte[] planes = (c & 16) == 0 ? whole : gappy;
          widen.invokeExact(k, planes, 0, n, 2 * n, 3 * n, doubles, len, masked, FILL);
          boolean noNaN = (boolean) widenAdding.invokeExact(k, planes, 0, n, 2 * n, 3 * n, doubles, len, masked,
              FILL, sums, 0);
          double sum = (double) widenSumming.invokeExact(k, planes, 0, n, 2 * n, 3 * n, doubles, len, masked, FILL);
          if (noNaN != (sum == sum)) {
            throw new IllegalStateException("the float kernels disagree on whether values are NaN");
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
