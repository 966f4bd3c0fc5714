package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jask.core.graph.Graph;
import io.jask.core.graph.Task;
import io.jask.core.scheduler.Schedulers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reduction shortcuts (sums of sums and differences reduced operand by operand, views reduced
 * in memory order, one-pass moments) against plain loops over the elements.
 */
class ReductionKernelsTest {
  private static double[][] values(NDArray a) {
    int r = a.shape(0);
    int c = a.shape(1);
    double[][] v = new double[r][c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        v[i][j] = a.getDouble(i, j);
      }
    }
    return v;
  }

  private static void assertCloseTo(NDArray actual, double[] expected) {
    assertThat(actual.size()).isEqualTo(expected.length);
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertThat(a[i]).as("element %d", i).isNaN();
      } else {
        assertThat(a[i]).as("element %d", i).isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
      }
    }
  }

  @Test
  void sumOfXPlusXTransposedAlongEitherAxisMatchesLoops() {
    Array x = Array.random(shape(37, 37), chunks(8, 8), 7);
    double[][] v = values(x.compute());
    double[] col = new double[37];
    double[] row = new double[37];
    double[] diffMean = new double[37];
    for (int i = 0; i < 37; i++) {
      for (int j = 0; j < 37; j++) {
        col[j] += v[i][j] + v[j][i];
        row[i] += v[i][j] + v[j][i];
        diffMean[j] += (v[i][j] - v[j][i]) / 37;
      }
    }
    for (Array a : new Array[] {x, x.persist()}) {
      assertCloseTo(a.add(a.transpose()).sum(0).compute(), col);
      assertCloseTo(a.add(a.transpose()).sum(1).compute(), row);
      assertCloseTo(a.subtract(a.transpose()).mean(0).compute(), diffMean);
      assertThat(a.add(a.transpose()).sum().computeDouble()).isCloseTo(sum(col), within(1e-9));
    }
  }

  @Test
  void theFusedTaskReducesTheOperandsWithoutTheSumBlock() {
    Array x = Array.random(shape(20, 20), chunks(10, 10), 3).persist();
    Array s = x.add(x.transpose()).sum(0);
    Graph g = BlockwiseFusion.fuse(s.graph().cull(s.blockKeys()), s.blockKeys());
    long rewritten = 0;
    for (Task t : g) {
      if (t.function() instanceof BlockwiseFusion.FusedBlocks f) {
        rewritten += f.nodes().stream().filter(n -> n.function() instanceof ReducedBinary.ReduceOfBinary).count();
      }
    }
    assertThat(rewritten).isEqualTo(4);
  }

  @Test
  void generatedBlocksReducedAtOnceReuseBuffersWithoutMixingThemUp() {
    Array x = Array.random(shape(40, 30), chunks(10, 10), 21);
    Array y = Array.random(shape(40, 30), chunks(10, 10), 22);
    double[][] xv = values(x.compute());
    double[][] yv = values(y.compute());
    double[] col = new double[30];
    double[] prod = new double[30];
    double all = 0;
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 30; j++) {
        col[j] += xv[i][j] + yv[i][j];
        prod[j] += xv[i][j] * yv[i][j];
        all += xv[i][j];
      }
    }
    // Both operands of each fused task are generated into lent buffers, which must be distinct.
    Array s = x.add(y).sum(0);
    long borrowing = 0;
    for (Task t : BlockwiseFusion.fuse(s.graph().cull(s.blockKeys()), s.blockKeys())) {
      if (t.function() instanceof BlockwiseFusion.FusedBlocks f) {
        borrowing += f.nodes().stream().filter(n -> n.function() instanceof BlockTasks.ScratchRandomBlock).count();
      }
    }
    assertThat(borrowing).isEqualTo(2 * 12);
    for (int round = 0; round < 3; round++) {
      assertCloseTo(s.compute(Schedulers.threads()), col);
      assertCloseTo(x.multiply(y).sum(0).compute(Schedulers.sync()), prod);
      assertThat(x.mean().computeDouble()).isCloseTo(all / 1200, within(1e-12));
    }
    // Blocks that are kept are never lent buffers: computing them twice gives the same blocks.
    NDArray kept = x.transpose().compute(Schedulers.threads());
    x.sum(1).compute(Schedulers.threads());
    assertThat(kept).isEqualTo(x.compute(Schedulers.sync()).transpose().copy());
  }

  @Test
  void operandsThatDoNotDistributeTakeThePlainPath() {
    // int64 + float64 and a broadcast row: the plain operation, then the reduction.
    Array i = Array.arange(12, 5).multiply(3L);
    Array f = Array.linspace(0, 1, 12, 4);
    double[] expected = new double[1];
    for (int k = 0; k < 12; k++) {
      expected[0] += 3 * k - k / 11.0;
    }
    assertCloseTo(i.subtract(f).sum().compute().reshape(1), expected);
    Array m = Array.random(shape(6, 9), chunks(4, 4), 1);
    Array r = Array.random(shape(9), chunks(4), 2);
    double[][] mv = values(m.compute());
    double[] rv = r.compute().toDoubleArray();
    double[] col = new double[9];
    for (int a = 0; a < 6; a++) {
      for (int b = 0; b < 9; b++) {
        col[b] += (mv[a][b] + rv[b]) / 6;
      }
    }
    assertCloseTo(m.add(r).mean(0).compute(), col);
    // A sum with NaN skipped does not distribute over the sum either; it still gives the loop's answer.
    Array withNan = Array.where(m.gt(0.7), Array.full(shape(6, 9), chunks(4, 4), Double.NaN, DType.FLOAT64), m);
    double[] nansum = new double[9];
    for (int a = 0; a < 6; a++) {
      for (int b = 0; b < 9; b++) {
        double e = mv[a][b] > 0.7 ? Double.NaN : mv[a][b];
        nansum[b] += Double.isNaN(e) ? 0 : e + mv[a][b];
      }
    }
    assertCloseTo(withNan.add(m).nansum(0).compute(), nansum);
  }

  @Test
  void momentsOfViewsMatchTwoPassLoops() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int round = 0; round < 20; round++) {
      int rows = 1 + rnd.nextInt(60);
      int cols = 1 + rnd.nextInt(5000);
      double[] data = new double[rows * cols];
      for (int k = 0; k < data.length; k++) {
        data[k] = 1e6 + rnd.nextDouble() * (rnd.nextInt(4) == 0 ? 1e3 : 1) + (rnd.nextInt(50) == 0 ? Double.NaN : 0);
      }
      NDArray a = NDArray.of(data, rows, cols);
      int rs = 1 + rnd.nextInt(3);
      int cs = 1 + rnd.nextInt(3);
      NDArray view = rnd.nextBoolean() ? a.slice(Slice.step(rs), Slice.step(cs)) : a.transpose();
      double[][] v = values(view);
      int r = v.length;
      int c = v[0].length;
      int ddof = rnd.nextInt(2);
      // All elements, along axis 1 (rows), along axis 0 (columns), skipping NaN or not.
      assertCloseTo(Reductions.reduce(ReduceOp.NANVAR, view, new int[0], false, ddof), new double[] {loopVar(v, -1, 0, true, ddof)});
      assertCloseTo(view.var(ddof, false), new double[] {loopVar(v, -1, 0, false, ddof)});
      double[] byRow = new double[r];
      for (int i = 0; i < r; i++) {
        byRow[i] = Math.sqrt(loopVar(v, 0, i, true, ddof));
      }
      assertCloseTo(Reductions.reduce(ReduceOp.NANSTD, view, new int[] {1}, false, ddof), byRow);
      double[] byCol = new double[c];
      for (int j = 0; j < c; j++) {
        byCol[j] = loopVar(v, 1, j, true, ddof);
      }
      assertCloseTo(Reductions.reduce(ReduceOp.NANVAR, view, new int[] {0}, false, ddof), byCol);
    }
  }

  /** The variance of a row ({@code axis} 0), a column (1) or everything (-1), by two passes. */
  private static double loopVar(double[][] v, int axis, int at, boolean skipNaN, int ddof) {
    double s = 0;
    double n = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v[0].length; j++) {
        if ((axis == 0 && i != at) || (axis == 1 && j != at) || (skipNaN && Double.isNaN(v[i][j]))) {
          continue;
        }
        s += v[i][j];
        n++;
      }
    }
    double mean = s / n;
    double q = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v[0].length; j++) {
        if ((axis == 0 && i != at) || (axis == 1 && j != at) || (skipNaN && Double.isNaN(v[i][j]))) {
          continue;
        }
        q += (v[i][j] - mean) * (v[i][j] - mean);
      }
    }
    return n - ddof <= 0 ? Double.NaN : q / (n - ddof);
  }

  @Test
  void stridedStdOfAChunkedArrayMatchesLoops() {
    Array x = Array.random(shape(301, 257), chunks(64, 50), 5);
    double[][] v = values(x.compute());
    double[][] s = new double[151][129];
    for (int i = 0; i < 151; i++) {
      for (int j = 0; j < 129; j++) {
        s[i][j] = v[2 * i][2 * j];
      }
    }
    double expected = Math.sqrt(loopVar(s, -1, 0, false, 0));
    assertThat(x.slice(Slice.step(2), Slice.step(2)).std().compute(Schedulers.threads()).getDouble())
        .isCloseTo(expected, within(1e-12));
    assertThat(x.persist().slice(Slice.step(2), Slice.step(2)).std().computeDouble()).isCloseTo(expected, within(1e-12));
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s;
  }
}
