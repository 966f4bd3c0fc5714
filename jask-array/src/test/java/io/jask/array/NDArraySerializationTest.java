package io.jask.array;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.protocol.Payloads;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NDArrays cross process boundaries through the distributed payload codec. */
class NDArraySerializationTest {
  @Test
  void everyDTypeRoundTrips() {
    NDArray base = NDArray.arange(24).reshape(2, 3, 4);
    for (DType t : DType.values()) {
      NDArray a = base.astype(t);
      NDArray back = (NDArray) Payloads.decode(Payloads.encode(a), "an array");
      assertThat(back).isEqualTo(a);
      assertThat(back.dtype()).isEqualTo(t);
    }
  }

  @Test
  void largeBlocksTravelAsRawBytesAndViewsOnlyTheirElements() {
    double[] v = new double[1_000_000];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble();
    }
    NDArray big = NDArray.of(v, 1000, 1000);
    byte[] bytes = Payloads.encode(big);
    // Eight bytes per element plus a small header: the data is not re-encoded element by element.
    assertThat(bytes.length).isBetween(8_000_000, 8_000_200);
    assertThat(Payloads.decode(bytes, "a block")).isEqualTo(big);
    // A slice task keeps only its elements, so its result travels small.
    NDArray view = (NDArray) new BlockTasks.SliceBlock(new Slice[] {Slice.step(10), Slice.step(10)}, true)
        .call(new Object[] {big});
    byte[] viewBytes = Payloads.encode(view);
    assertThat(viewBytes.length).isLessThan(81_000);
    NDArray back = (NDArray) Payloads.decode(viewBytes, "a view");
    assertThat(back).isEqualTo(big.slice(Slice.step(10), Slice.step(10)).copy());
    NDArray transposed = (NDArray) Payloads.decode(Payloads.encode(big.transpose()), "a transpose");
    assertThat(transposed).isEqualTo(big.transpose().copy());
  }

  @Test
  void partialReductionsRoundTrip() {
    NDArray a = NDArray.arange(12).reshape(3, 4).astype(DType.FLOAT64);
    for (ReduceOp op : new ReduceOp[] {ReduceOp.MEAN, ReduceOp.VAR, ReduceOp.ARGMIN, ReduceOp.SUM}) {
      Object partial = Reductions.partial(op, a, new boolean[] {true, false}, 0, null);
      Object back = Payloads.decode(Payloads.encode(partial), "a partial");
      assertThat(back).usingRecursiveComparison().isEqualTo(partial);
    }
  }

  @Test
  void partialsDecodeInAnotherThread() throws Exception {
    NDArray a = NDArray.arange(12).reshape(3, 4).astype(DType.FLOAT64);
    for (int round = 0; round < 3000; round++) {
      Object partial = Reductions.partial(ReduceOp.MEAN, a, new boolean[] {true, true}, 0, null);
      byte[][] bytes = new byte[1][];
      Thread t = new Thread(() -> bytes[0] = Payloads.encode(partial));
      t.start();
      t.join();
      Object[] back = new Object[1];
      Thread u = new Thread(() -> back[0] = Payloads.decode(bytes[0], "a partial"));
      u.start();
      u.join();
      assertThat(back[0]).as("round %d", round).usingRecursiveComparison().isEqualTo(partial);
    }
  }
}
