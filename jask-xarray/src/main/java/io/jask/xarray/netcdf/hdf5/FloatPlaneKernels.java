package io.jask.xarray.netcdf.hdf5;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Which {@link FloatPlanes} the readers use: {@link VectorFloatPlanes} where the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and the processor executes 256-bit vectors (about
 * three times as fast), the plain loop elsewhere, or with {@code -Djask.simd=false}.
 *
 * <p>The vector kernel is only fast once the JIT compiler has compiled it: before, each vector
 * operation is an object, and a chunk's millions of values would make the collector grow the young
 * generation by hundreds of megabytes, which the process then keeps resident. So the first use
 * starts a background thread that warms the vector kernel up on a few values at a time, and
 * readers use the plain loop until it has become faster than the loop.
 */
final class FloatPlaneKernels {
  private FloatPlaneKernels() {}

  private static final CompletableFuture<FloatPlanes> BEST = choose();

  /** The kernel to use now. */
  static FloatPlanes current() {
    return BEST.getNow(ScalarFloatPlanes.INSTANCE);
  }

  /** The kernel chosen for good, waiting for the warm-up if it still runs. */
  static FloatPlanes best() throws InterruptedException {
    try {
      return BEST.get();
    } catch (ExecutionException e) {
      return ScalarFloatPlanes.INSTANCE; // not reached: the warm-up falls back to the loop itself
    }
  }

  /** Whether this JVM is asked for, and can load, the vector kernel. */
  static boolean vectorWanted() {
    return !System.getProperty("jask.simd", "true").toLowerCase(Locale.ROOT).equals("false")
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static CompletableFuture<FloatPlanes> choose() {
    if (!vectorWanted()) {
      return CompletableFuture.completedFuture(ScalarFloatPlanes.INSTANCE);
    }
    CompletableFuture<FloatPlanes> chosen = new CompletableFuture<>();
    Thread t = new Thread(() -> chosen.complete(warmedUpVectorKernel()), "jask-vector-warm-up");
    t.setDaemon(true);
    t.start();
    return chosen;
  }

  private static FloatPlanes warmedUpVectorKernel() {
    try {
      // loaded by name: without the module, naming the class would fail to link
      Class<?> c = Class.forName(FloatPlaneKernels.class.getPackageName() + ".VectorFloatPlanes");
      return (FloatPlanes) c.getMethod("warmedUpOrLoop").invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return ScalarFloatPlanes.INSTANCE;
    }
  }
}
