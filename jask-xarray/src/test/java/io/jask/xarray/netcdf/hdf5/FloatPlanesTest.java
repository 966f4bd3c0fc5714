package io.jask.xarray.netcdf.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * Both ways of assembling floats from byte planes give, bit for bit, the floats the planes were
 * made from, and the sums of them that plain loops compute: random bit patterns (NaNs with payloads, infinities, subnormals, negative zero among
 * them), every length up to a few vector steps so the loop's tail is covered, planes in either
 * byte order at any offset, and the fill value masked or not.
 */
class FloatPlanesTest {
  private static final float FILL = 9.96921e36f;

  @Test
  void theVectorKernelIsChosenOnceWarmWhereTheJvmAndProcessorRunIt() throws Exception {
    // the tests run with --add-modules jdk.incubator.vector
    boolean wide = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    assertThat(FloatPlaneKernels.best().getClass().getSimpleName())
        .isEqualTo(wide ? "VectorFloatPlanes" : "ScalarFloatPlanes");
    assertThat(FloatPlaneKernels.current()).isSameAs(FloatPlaneKernels.best());
  }

  @Test
  void theSystemPropertyKeepsThePlainLoop() {
    String before = System.getProperty("jask.simd");
    System.setProperty("jask.simd", "false");
    try {
      assertThat(FloatPlaneKernels.vectorWanted()).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty("jask.simd");
      } else {
        System.setProperty("jask.simd", before);
      }
    }
    assertThat(FloatPlaneKernels.vectorWanted()).isTrue();
  }

  @Test
  void bothKernelsGiveTheFloatsThePlanesWereMadeFrom() throws Exception {
    FloatPlanes[] kernels = {ScalarFloatPlanes.INSTANCE, FloatPlaneKernels.best()};
    Random rnd = new Random(42);
    for (int len = 0; len <= 41; len++) {
      for (boolean littleEndian : new boolean[] {true, false}) {
        int gap = rnd.nextInt(5); // bytes before the planes and between them
        float[] values = randomFloats(rnd, len);
        int[] p = new int[4];
        byte[] s = planes(values, gap, littleEndian, p);
        for (FloatPlanes k : kernels) {
          String what = k.getClass().getSimpleName() + ", " + len + " values, "
              + (littleEndian ? "little" : "big") + "-endian";
          float[] floats = new float[len];
          k.floats(s, p[0], p[1], p[2], p[3], floats, len);
          double[] plain = new double[len];
          k.widen(s, p[0], p[1], p[2], p[3], plain, len, false, FILL);
          double[] masked = new double[len + 3];
          k.widen(s, p[0], p[1], p[2], p[3], masked, len, true, FILL);
          for (int i = 0; i < len; i++) {
            assertThat(Float.floatToRawIntBits(floats[i])).as(what + ", value %d", i)
                .isEqualTo(Float.floatToRawIntBits(values[i]));
            double widened = values[i];
            assertThat(Double.doubleToRawLongBits(plain[i])).as(what + ", widened value %d", i)
                .isEqualTo(Double.doubleToRawLongBits(widened));
            double expected = values[i] == FILL ? Double.NaN : widened;
            assertThat(Double.doubleToRawLongBits(masked[i])).as(what + ", masked value %d", i)
                .isEqualTo(Double.doubleToRawLongBits(expected));
          }
          assertThat(masked).as(what + ": nothing written past the values").endsWith(0, 0, 0);

          for (boolean mask : new boolean[] {false, true}) {
            double[] expected = new double[len];
            for (int i = 0; i < len; i++) {
              expected[i] = mask && values[i] == FILL ? Double.NaN : values[i];
            }
            double[] out = new double[len];
            double[] sums = new double[len + 2];
            java.util.Arrays.fill(sums, 0.5);
            boolean whole = k.widenAdding(s, p[0], p[1], p[2], p[3], out, len, mask, FILL, sums, 1);
            assertThat(out).as(what + ", widened while adding").isEqualTo(expected);
            assertThat(whole).as(what + ", no NaN").isEqualTo(java.util.Arrays.stream(expected).noneMatch(Double::isNaN));
            assertThat(sums[0]).isEqualTo(0.5);
            assertThat(sums[len + 1]).isEqualTo(0.5);
            for (int i = 0; i < len; i++) {
              double add = Double.isNaN(expected[i]) ? 0 : expected[i];
              // NaN is NaN: which payload an addition of two NaNs keeps is the processor's choice
              assertThat(Double.doubleToLongBits(sums[1 + i])).as(what + ", sum %d", i)
                  .isEqualTo(Double.doubleToLongBits(0.5 + add));
            }
            out = new double[len];
            double sum = k.widenSumming(s, p[0], p[1], p[2], p[3], out, len, mask, FILL);
            assertThat(out).as(what + ", widened while summing").isEqualTo(expected);
            assertThat(Double.doubleToLongBits(sum)).as(what + ", summed in eight running sums")
                .isEqualTo(Double.doubleToLongBits(sumInEights(expected)));
          }
        }
      }
    }
  }

  /** The order the kernels promise: value i into running sum i % 8, the tail into sum 0. */
  private static double sumInEights(double[] v) {
    double[] t = new double[8];
    int whole = v.length / 8 * 8;
    for (int i = 0; i < whole; i++) {
      t[i % 8] += v[i];
    }
    for (int i = whole; i < v.length; i++) {
      t[0] += v[i];
    }
    return ((t[0] + t[4]) + (t[1] + t[5])) + ((t[2] + t[6]) + (t[3] + t[7]));
  }

  /** Random bit patterns, with the fill value and the special floats mixed in. */
  private static float[] randomFloats(Random rnd, int len) {
    float[] special = {FILL, Float.NaN, Float.intBitsToFloat(0x7fc12345), Float.intBitsToFloat(0xffa00001),
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL / 3, 273.15f};
    float[] v = new float[len];
    for (int i = 0; i < len; i++) {
      v[i] = rnd.nextInt(3) == 0 ? special[rnd.nextInt(special.length)] : Float.intBitsToFloat(rnd.nextInt());
    }
    return v;
  }

  /**
   * The values' bytes as planes after {@code gap} bytes, each plane followed by {@code gap} more:
   * in storage order (plane 0 the low bytes when little-endian); {@code p[k]} is where byte
   * {@code k} of the values lies.
   */
  private static byte[] planes(float[] values, int gap, boolean littleEndian, int[] p) {
    int n = values.length;
    byte[] s = new byte[gap + 4 * (n + gap)];
    for (int plane = 0; plane < 4; plane++) {
      int start = gap + plane * (n + gap);
      int k = littleEndian ? plane : 3 - plane;
      p[k] = start;
      for (int i = 0; i < n; i++) {
        s[start + i] = (byte) (Float.floatToRawIntBits(values[i]) >>> (8 * k));
      }
    }
    return s;
  }
}
