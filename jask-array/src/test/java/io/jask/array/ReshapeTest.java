package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Array#reshape} against the elements read in row-major order by plain loops. */
class ReshapeTest {
  /** The elements of {@code a} in row-major order, by an explicit loop over every index. */
  private static double[] rowMajor(NDArray a) {
    int[] s = a.shape();
    double[] out = new double[a.size()];
    int[] idx = new int[s.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = a.getDouble(idx);
      for (int d = s.length - 1; d >= 0; d--) {
        if (++idx[d] < s[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  @Test
  void mergingAndSplittingAxesRechunkAsDask() {
    // The expected chunks are what Dask 2022.12 gives for the same reshapes.
    Array x = Array.random(shape(6, 5, 4), chunks(2, 2, 3), 1);
    // Merging axes 1 and 2: the inner one becomes whole, the outer one keeps its cuts.
    Array merged = x.reshape(6, 20);
    assertThat(merged.chunks().toString()).isEqualTo("((2, 2, 2), (4, 4, 4, 4, 4))");
    // Splitting: the split axis is cut at multiples of the inner new axis.
    Array y = Array.arange(120, 25);
    assertThat(y.reshape(6, 20).chunks().toString()).isEqualTo("((1, 1, 1, 2, 1), (20,))");
    assertThat(y.reshape(30, 4).chunks().toString()).isEqualTo("((6, 6, 6, 7, 5), (4,))");
    // Rows already cut one by one merge without rechunking.
    Array rows = Array.random(shape(4, 6), chunks(1, 3), 2);
    assertThat(rows.reshape(24).chunks().toString()).isEqualTo("((3, 3, 3, 3, 3, 3, 3, 3),)");
    assertThat(x.reshape(6, 5, 4)).isSameAs(x);
    assertThat(x.reshape(-1, 4).shape()).containsExactly(30, 4);
  }

  @Test
  void randomReshapesKeepTheRowMajorElements() {
    SplittableRandom rnd = new SplittableRandom(2026);
    long[][] shapes = {{6, 5, 4}, {120}, {30, 4}, {6, 20}, {2, 3, 5, 4}, {1, 120, 1}, {10, 12}, {4, 6, 5}, {8, 15}};
    for (int round = 0; round < 40; round++) {
      long[] from = shapes[rnd.nextInt(shapes.length)];
      long[] to = shapes[rnd.nextInt(shapes.length)];
      int[] cut = new int[from.length];
      for (int d = 0; d < cut.length; d++) {
        cut[d] = 1 + rnd.nextInt((int) from[d]);
      }
      Array x = Array.random(from, cut, round);
      NDArray whole = x.compute(Schedulers.sync());
      Array r = x.reshape(to);
      NDArray got = r.compute(Schedulers.threads());
      assertThat(got.shape()).as("%s -> %s", java.util.Arrays.toString(from), java.util.Arrays.toString(to))
          .containsExactly(toInts(to));
      assertThat(rowMajor(got)).as("chunks %s -> %s", x.chunks(), r.chunks()).containsExactly(rowMajor(whole));
      // Every block of the result has the shape its chunks say.
      for (int b = 0; b < r.chunks().blockCount(); b++) {
        int[] idx = r.chunks().blockIndex(b);
        assertThat(r.slice(Array.blockSlices(r.chunks(), idx)).compute().shape()).containsExactly(r.chunks().blockShape(idx));
      }
    }
  }

  @Test
  void reshapeComposesWithOtherOperationsAndIntegers() {
    Array i = Array.arange(24, 5);
    NDArray m = i.reshape(4, 6).sum(0).compute();
    List<Long> expected = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      long s = 0;
      for (int r = 0; r < 4; r++) {
        s += r * 6 + c;
      }
      expected.add(s);
    }
    assertThat(m.dtype()).isEqualTo(DType.INT64);
    assertThat(m.toLongArray()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    Array empty = Array.zeros(shape(0, 4), chunks(2, 2));
    assertThat(empty.reshape(2, 0, 3).compute().shape()).containsExactly(2, 0, 3);
  }

  @Test
  void impossibleShapesAreNamed() {
    Array x = Array.random(shape(6, 5, 4), chunks(2, 2, 2), 1);
    assertThatThrownBy(() -> x.reshape(7, 17)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot reshape array of size 120").hasMessageContaining("[7, 17]");
    assertThatThrownBy(() -> x.reshape(-1, 7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size 120").hasMessageContaining("[-1, 7]");
    assertThatThrownBy(() -> x.reshape(-1, -1, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only one dimension may be -1");
    assertThatThrownBy(() -> x.reshape(-2, 60)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none other negative");
  }

  private static int[] toInts(long[] s) {
    int[] r = new int[s.length];
    for (int d = 0; d < s.length; d++) {
      r[d] = (int) s[d];
    }
    return r;
  }
}
