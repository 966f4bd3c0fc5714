package io.jask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.scheduler.Schedulers;
import org.junit.jupiter.api.Test;

/** mapBlocksAt sees each block's position and whole extra arrays; expandDims inserts a length-one axis. */
class MapBlocksAtTest {
  @Test
  void blocksKnowWhereTheyLieAndReadWholeArrays() {
    Array x = Array.arange(10, 3).astype(DType.FLOAT64);
    Array offsets = Array.fromNDArray(NDArray.of(new double[] {100, 200}, 2), 1);
    Array y = x.mapBlocksAt((block, where, wholes) -> {
      double[] v = block.toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        v[i] += where.offset()[0] * wholes[0].getDouble(1) + wholes[0].getDouble(0);
      }
      return NDArray.of(v, v.length);
    }, DType.FLOAT64, x.chunks(), offsets);
    double[] got = y.compute(Schedulers.threads()).toDoubleArray();
    int[] blockStart = {0, 0, 0, 3, 3, 3, 6, 6, 6, 9};
    for (int i = 0; i < 10; i++) {
      assertThat(got[i]).isEqualTo(i + blockStart[i] * 200.0 + 100);
    }
    assertThatThrownBy(() -> x.mapBlocksAt((b, w, a) -> b, DType.FLOAT64, Chunks.of(new long[] {10}, 5)))
        .hasMessageContaining("blocks per axis");
  }

  @Test
  void expandDimsInsertsALengthOneAxisAndBroadcasts() {
    Array x = Array.arange(6, 4).astype(DType.FLOAT64);
    Array col = x.expandDims(1);
    assertThat(col.shape()).containsExactly(6, 1);
    assertThat(col.numBlocks()).containsExactly(2, 1);
    NDArray sum = col.add(x).compute(Schedulers.sync());
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        assertThat(sum.getDouble(i, j)).isEqualTo(i + j);
      }
    }
    assertThatThrownBy(() -> x.expandDims(3)).hasMessageContaining("axis 3 outside 0..1");
  }
}
