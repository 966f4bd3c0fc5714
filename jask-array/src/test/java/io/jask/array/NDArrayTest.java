package io.jask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NDArray kernels against plain loops on small random arrays. */
class NDArrayTest {
  @Test
  void aBlockWeighsItsBackingArraySoThatWorkersCountItAgainstTheirMemory() {
    NDArray doubles = NDArray.of(new double[1000], 10, 100);
    assertThat(io.jask.core.util.SizeOf.estimate(doubles)).isBetween(8_016L, 8_200L);
    assertThat(io.jask.core.util.SizeOf.estimate(NDArray.of(new double[1000], 10, 100).astype(DType.INT16)))
        .isBetween(2_016L, 2_200L);
    // a view keeps its whole backing array alive
    assertThat(io.jask.core.util.SizeOf.estimate(doubles.slice(Slice.of(0, 1), Slice.all()))).isBetween(8_016L, 8_200L);
  }

  private static NDArray random(SplittableRandom r, int... shape) {
    double[] v = new double[NDArray.product(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble() * 10 - 5;
    }
    return NDArray.of(v, shape);
  }

  @Test
  void addBroadcastsLikeLoops() {
    SplittableRandom r = new SplittableRandom(1);
    NDArray a = random(r, 3, 1, 4);
    NDArray b = random(r, 5, 1);
    NDArray c = a.add(b);
    assertThat(c.shape()).containsExactly(3, 5, 4);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        for (int k = 0; k < 4; k++) {
          assertThat(c.getDouble(i, j, k)).isEqualTo(a.getDouble(i, 0, k) + b.getDouble(j, 0));
        }
      }
    }
  }

  @Test
  void broadcastingPropertyOverRandomShapes() {
    SplittableRandom r = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      int nd = 1 + r.nextInt(4);
      int[] full = new int[nd];
      for (int d = 0; d < nd; d++) {
        full[d] = 1 + r.nextInt(4);
      }
      int[] sa = full.clone();
      int[] sb = full.clone();
      for (int d = 0; d < nd; d++) {
        if (r.nextInt(3) == 0) {
          sa[d] = 1;
        } else if (r.nextInt(3) == 0) {
          sb[d] = 1;
        }
      }
      int dropB = r.nextInt(nd);
      int[] sbShort = java.util.Arrays.copyOfRange(sb, dropB, nd);
      NDArray a = random(r, sa);
      NDArray b = random(r, sbShort);
      // Transposed operands go through the strided paths.
      NDArray at = a.transpose().copy().transpose();
      NDArray c = at.multiply(b).subtract(a);
      int[] expectedShape = NDArray.broadcastShapes(sa, sbShort);
      assertThat(c.shape()).containsExactly(expectedShape);
      int[] idx = new int[nd];
      for (int flat = 0; flat < c.size(); flat++) {
        int rem = flat;
        for (int d = nd - 1; d >= 0; d--) {
          idx[d] = rem % expectedShape[d];
          rem /= expectedShape[d];
        }
        int[] ia = new int[nd];
        for (int d = 0; d < nd; d++) {
          ia[d] = sa[d] == 1 ? 0 : idx[d];
        }
        int[] ib = new int[sbShort.length];
        for (int d = 0; d < ib.length; d++) {
          ib[d] = sbShort[d] == 1 ? 0 : idx[d + dropB];
        }
        double expected = a.getDouble(ia) * b.getDouble(ib) - a.getDouble(ia);
        assertThat(c.getDouble(idx)).isEqualTo(expected);
      }
    }
  }

  @Test
  void operandsInOppositeOrdersGoThroughTilesCorrectly() {
    SplittableRandom r = new SplittableRandom(9);
    NDArray a = random(r, 130, 70);
    NDArray b = random(r, 70, 130);
    for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MAXIMUM, BinaryOp.LESS}) {
      NDArray c = a.apply(op, b.transpose());
      NDArray d = b.transpose().apply(op, a);
      for (int i = 0; i < 130; i++) {
        for (int j = 0; j < 70; j++) {
          double x = a.getDouble(i, j);
          double y = b.getDouble(j, i);
          double expected = switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MAXIMUM -> Math.max(x, y);
            default -> x < y ? 1 : 0;
          };
          double reversed = switch (op) {
            case ADD -> y + x;
            case SUBTRACT -> y - x;
            case MAXIMUM -> Math.max(y, x);
            default -> y < x ? 1 : 0;
          };
          assertThat(c.getDouble(i, j)).isEqualTo(expected);
          assertThat(d.getDouble(i, j)).isEqualTo(reversed);
        }
      }
    }
  }

  @Test
  void reductionsAlongEveryAxisSetMatchLoops() {
    SplittableRandom r = new SplittableRandom(7);
    NDArray a = random(r, 3, 4, 5);
    double[] v = a.toDoubleArray();
    int[][] axesSets = {{0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {}};
    for (int[] axes : axesSets) {
      boolean[] red = new boolean[3];
      for (int ax : axes) {
        red[ax] = true;
      }
      if (axes.length == 0) {
        java.util.Arrays.fill(red, true);
      }
      int[] kept = {red[0] ? 1 : 3, red[1] ? 1 : 4, red[2] ? 1 : 5};
      double[] sum = new double[kept[0] * kept[1] * kept[2]];
      double[] max = new double[sum.length];
      double[] cnt = new double[sum.length];
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          for (int k = 0; k < 5; k++) {
            int o = ((red[0] ? 0 : i) * kept[1] + (red[1] ? 0 : j)) * kept[2] + (red[2] ? 0 : k);
            double x = v[(i * 4 + j) * 5 + k];
            sum[o] += x;
            max[o] = Math.max(max[o], x);
            cnt[o]++;
          }
        }
      }
      double[] var = new double[sum.length];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          for (int k = 0; k < 5; k++) {
            int o = ((red[0] ? 0 : i) * kept[1] + (red[1] ? 0 : j)) * kept[2] + (red[2] ? 0 : k);
            double d = v[(i * 4 + j) * 5 + k] - sum[o] / cnt[o];
            var[o] += d * d / cnt[o];
          }
        }
      }
      double[] gotSum = a.reduce(ReduceOp.SUM, true, axes).toDoubleArray();
      double[] gotMean = a.reduce(ReduceOp.MEAN, true, axes).toDoubleArray();
      double[] gotMax = a.reduce(ReduceOp.MAX, true, axes).toDoubleArray();
      double[] gotVar = a.reduce(ReduceOp.VAR, true, axes).toDoubleArray();
      for (int o = 0; o < sum.length; o++) {
        assertThat(gotSum[o]).isCloseTo(sum[o], within(1e-12));
        assertThat(gotMean[o]).isCloseTo(sum[o] / cnt[o], within(1e-12));
        assertThat(gotMax[o]).isEqualTo(max[o]);
        assertThat(gotVar[o]).isCloseTo(var[o], within(1e-12));
      }
      assertThat(a.reduce(ReduceOp.SUM, false, axes).ndim()).isEqualTo(3 - (axes.length == 0 ? 3 : axes.length));
    }
  }

  @Test
  void nanSkippingReductions() {
    NDArray a = NDArray.of(new double[] {1, Double.NaN, 3, Double.NaN, Double.NaN, 6}, 2, 3);
    assertThat(a.sum().getDouble()).isNaN();
    assertThat(a.nansum().getDouble()).isEqualTo(10);
    assertThat(a.nanmean(1).toDoubleArray()).containsExactly(2, 6);
    assertThat(a.count(0).toLongArray()).containsExactly(1, 0, 2);
    assertThat(a.reduce(ReduceOp.NANMAX, false, 0).toDoubleArray()).containsExactly(1, Double.NaN, 6);
    assertThat(a.reduce(ReduceOp.NANMIN, false).getDouble()).isEqualTo(1);
    assertThat(a.reduce(ReduceOp.NANSTD, false, 1).toDoubleArray()).containsExactly(1, 0);
    assertThat(a.argmax().getLong()).isEqualTo(1); // the first NaN, as NumPy
    assertThat(a.reduce(ReduceOp.NANARGMAX, false).getLong()).isEqualTo(5);
    assertThatThrownBy(() -> a.reduce(ReduceOp.NANARGMAX, false, 0))
        .hasMessageContaining("all-NaN slice");
  }

  @Test
  void argminAlongAxesAndIntegerReductions() {
    NDArray a = NDArray.of(new long[] {5, 2, 9, 1, 7, 1}, 2, 3);
    assertThat(a.argmin(1).toLongArray()).containsExactly(1, 0);
    assertThat(a.argmax(0).toLongArray()).containsExactly(0, 1, 0);
    assertThat(a.argmin().getLong()).isEqualTo(3);
    assertThat(a.sum(0).toLongArray()).containsExactly(6, 9, 10);
    assertThat(a.sum().dtype()).isEqualTo(DType.INT64);
    assertThat(a.mean().getDouble()).isCloseTo(25.0 / 6, within(1e-15));
    assertThat(a.reduce(ReduceOp.PROD, false).getLong()).isEqualTo(630);
    assertThat(a.gt(4).any(1).toBooleanArray()).containsExactly(true, true);
    assertThat(a.gt(4).all(0).toBooleanArray()).containsExactly(false, false, false);
    assertThat(NDArray.of(new int[] {1, 2, 3}).sum().dtype()).isEqualTo(DType.INT64);
    assertThat(NDArray.of(new float[] {1, 2}).mean().dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void slicingWithStepsIsAViewWithTheRightElements() {
    NDArray a = NDArray.arange(60).reshape(6, 10);
    NDArray s = a.slice(Slice.of(1, 6, 2), Slice.step(-3));
    assertThat(s.shape()).containsExactly(3, 4);
    long[] got = s.toLongArray();
    int p = 0;
    for (int i = 1; i < 6; i += 2) {
      for (int j = 9; j >= 0; j -= 3) {
        assertThat(got[p++]).isEqualTo(i * 10L + j);
      }
    }
    assertThat(a.slice(Slice.index(-1)).toLongArray()).containsExactly(50, 51, 52, 53, 54, 55, 56, 57, 58, 59);
    assertThat(a.slice(Slice.all(), Slice.index(2)).toLongArray()).containsExactly(2, 12, 22, 32, 42, 52);
    assertThat(a.slice(Slice.of(3, 3)).shape()).containsExactly(0, 10);
  }

  @Test
  void transposeReshapeConcatenateStack() {
    NDArray a = NDArray.arange(6).reshape(2, 3);
    assertThat(a.transpose().toLongArray()).containsExactly(0, 3, 1, 4, 2, 5);
    assertThat(a.transpose().reshape(-1).toLongArray()).containsExactly(0, 3, 1, 4, 2, 5);
    NDArray c = NDArray.concatenate(List.of(a, a.multiply(10L)), 1);
    assertThat(c.shape()).containsExactly(2, 6);
    assertThat(c.toLongArray()).containsExactly(0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50);
    NDArray s = NDArray.stack(List.of(a, a), 2);
    assertThat(s.shape()).containsExactly(2, 3, 2);
    assertThat(s.toLongArray()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    NDArray t = NDArray.arange(24).reshape(2, 3, 4).transpose(1, 2, 0);
    assertThat(t.shape()).containsExactly(3, 4, 2);
    assertThat(t.getLong(2, 1, 1)).isEqualTo(12 + 2 * 4 + 1);
  }

  @Test
  void astypeWhereIsnanAndMath() {
    NDArray a = NDArray.of(new double[] {-1.5, 0, 2.7, Double.NaN, 300});
    assertThat(a.astype(DType.INT64).toLongArray()).containsExactly(-1, 0, 2, 0, 300);
    assertThat(a.astype(DType.UINT8).getLong(4)).isEqualTo(44);
    assertThat(a.astype(DType.BOOL).toBooleanArray()).containsExactly(true, false, true, true, true);
    assertThat(a.isnan().toBooleanArray()).containsExactly(false, false, false, true, false);
    NDArray w = NDArray.where(a.isnan(), NDArray.scalar(0), a);
    assertThat(w.toDoubleArray()).containsExactly(-1.5, 0, 2.7, 0, 300);
    assertThat(a.abs().sqrt().getDouble(2)).isCloseTo(Math.sqrt(2.7), within(1e-15));
    assertThat(NDArray.of(new int[] {4, 9}).sqrt().dtype()).isEqualTo(DType.FLOAT64);
    assertThat(NDArray.of(new int[] {7, -7}).apply(BinaryOp.FLOOR_DIVIDE, 2L, false).toLongArray()).containsExactly(3, -4);
    assertThat(NDArray.of(new int[] {7, -7}).apply(BinaryOp.MOD, 3L, false).toLongArray()).containsExactly(1, 2);
    assertThat(NDArray.of(new double[] {7, -7}).apply(BinaryOp.MOD, 3.0, false).toDoubleArray()).containsExactly(1, 2);
    assertThat(NDArray.arange(5).cumsum(0).toLongArray()).containsExactly(0, 1, 3, 6, 10);
  }

  @Test
  void dtypePromotionFollowsNumpy() {
    NDArray i8 = NDArray.of(new byte[] {100, -100}, DType.INT8);
    NDArray u8 = NDArray.of(new byte[] {(byte) 200, 1}, DType.UINT8);
    NDArray sum = i8.add(u8);
    assertThat(sum.dtype()).isEqualTo(DType.INT16);
    assertThat(sum.toLongArray()).containsExactly(300, -99);
    assertThat(u8.add(u8).toLongArray()).containsExactly(144, 2); // wraps, as NumPy
    assertThat(NDArray.of(new float[] {1}).add(NDArray.of(new int[] {1})).dtype()).isEqualTo(DType.FLOAT64);
    assertThat(NDArray.of(new float[] {1}).add(NDArray.of(new short[] {1})).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(NDArray.of(new float[] {1}).add(2.5).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(NDArray.of(new int[] {1}).add(2.5).dtype()).isEqualTo(DType.FLOAT64);
    assertThat(NDArray.of(new int[] {1}).divide(NDArray.of(new int[] {2})).getDouble(0)).isEqualTo(0.5);
    assertThat(NDArray.of(new boolean[] {true}).add(NDArray.of(new boolean[] {true})).dtype()).isEqualTo(DType.BOOL);
  }

  @Test
  void matmulMatchesLoops() {
    SplittableRandom r = new SplittableRandom(3);
    NDArray a = random(r, 4, 3);
    NDArray b = random(r, 3, 5);
    NDArray c = a.matmul(b);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += a.getDouble(i, k) * b.getDouble(k, j);
        }
        assertThat(c.getDouble(i, j)).isCloseTo(s, within(1e-12));
      }
    }
  }

  @Test
  void badInputIsNamed() {
    NDArray a = NDArray.zeros(DType.FLOAT64, 2, 3);
    assertThatThrownBy(() -> a.add(NDArray.zeros(DType.FLOAT64, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
    assertThatThrownBy(() -> a.sum(2)).hasMessageContaining("axis 2").hasMessageContaining("2 dimensions");
    assertThatThrownBy(() -> a.sum(1, -1)).hasMessageContaining("repeated axis");
    assertThatThrownBy(() -> a.slice(Slice.of(0, 5))).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("stop 5").hasMessageContaining("axis 0 of length 2");
    assertThatThrownBy(() -> a.slice(Slice.all(), Slice.index(3))).hasMessageContaining("index 3");
    assertThatThrownBy(() -> a.reshape(4, 2)).hasMessageContaining("size 6").hasMessageContaining("[4, 2]");
    assertThatThrownBy(() -> a.apply(BinaryOp.BITWISE_AND, a)).hasMessageContaining("bitwise_and")
        .hasMessageContaining("float64");
    NDArray b = NDArray.of(new boolean[] {true});
    assertThatThrownBy(() -> b.subtract(b)).hasMessageContaining("subtract").hasMessageContaining("bool");
    assertThatThrownBy(() -> NDArray.of(new double[] {1, 2, 3}, 2, 2)).hasMessageContaining("[2, 2]");
    assertThatThrownBy(() -> DType.of("complex128")).hasMessageContaining("complex128");
    assertThatThrownBy(() -> a.matmul(a)).hasMessageContaining("[2, 3]");
    assertThatThrownBy(() -> Slice.of(0, 1, 0)).hasMessageContaining("zero");
  }
}
