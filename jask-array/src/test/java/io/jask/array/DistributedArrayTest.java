package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jask.core.TaskFailedException;
import io.jask.core.scheduler.Schedulers;
import io.jask.distributed.client.Client;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same array graphs on a distributed cluster of in-process workers: results equal the synchronous scheduler's. */
class DistributedArrayTest {
  private static Client client;

  @BeforeAll
  static void start() {
    client = Client.local(c -> c.processes(false).nWorkers(2).threadsPerWorker(2).memoryLimit("1GB"));
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void reductionsTransposesAndSlicesMatchTheSyncScheduler() {
    Array x = Array.random(shape(60, 50), chunks(16, 20), 3);
    assertThat(x.mean().compute(client)).isEqualTo(x.mean().compute(Schedulers.sync()));
    Array y = x.slice(Slice.all(), Slice.of(0, 50)).rechunk(20, 20);
    Array sq = y.slice(Slice.of(0, 50));
    assertThat(sq.add(sq.transpose()).sum(0).compute(client)).isEqualTo(sq.add(sq.transpose()).sum(0).compute(Schedulers.sync()));
    Array strided = x.slice(Slice.step(2), Slice.step(2)).std();
    assertThat(strided.compute(client).getDouble()).isCloseTo(strided.compute(Schedulers.sync()).getDouble(), within(1e-15));
    assertThat(x.argmax(1).compute(client)).isEqualTo(x.compute().argmax(1));
    assertThat(x.cumsum(0).compute(client)).isEqualTo(x.cumsum(0).compute(Schedulers.sync()));
    assertThat(x.matmul(x.transpose()).compute(client).getDouble(3, 4))
        .isCloseTo(x.compute().matmul(x.compute().transpose()).getDouble(3, 4), within(1e-12));
  }

  @Test
  void partialsOfTheirOwnKindTravelBetweenWorkers() {
    Array x = Array.random(shape(90, 30), chunks(5, 10), 4);
    Array threshold = Array.fromNDArray(NDArray.of(new double[] {0.5}, 1), 1);
    Chunks out = Chunks.explicit(shape(1, 30), new int[][] {{1}, {10, 10, 10}});
    Array means = x.reduceBlocks(0, new ReduceBlocksTest.MeanAbove(), DType.FLOAT64, out, 4, threshold);
    assertThat(means.compute(client)).isEqualTo(means.compute(Schedulers.sync()));
  }

  @Test
  void theClientIsTheDefaultSchedulerWhileOpenAndPersistKeepsResults() {
    Array x = Array.random(shape(40, 40), chunks(10, 10), 8).multiply(2.0);
    Array p = x.persist();
    assertThat(p.sum().computeDouble()).isCloseTo(x.compute(Schedulers.sync()).sum().getDouble(), within(1e-9));
    Array mapped = p.mapBlocks(b -> b.subtract(1.0).abs());
    assertThat(mapped.compute()).isEqualTo(x.compute(Schedulers.sync()).subtract(1.0).abs());
  }

  @Test
  void persistOnTheClientLeavesTheBlocksOnTheWorkers() {
    Array x = Array.random(shape(50, 50), chunks(20, 20), 13);
    NDArray expected = x.compute(Schedulers.sync());
    Array p = x.persist(client);
    // The persisted array's graph holds no data: one task per block standing for it on the cluster.
    for (io.jask.core.graph.Task t : p.graph()) {
      assertThat(t.isConstant()).as("task %s", t.key()).isFalse();
      assertThat(t.dependencyCount()).isZero();
    }
    assertThat(client.whoHasKeys(p.blockKeys()).values()).hasSize(9).allSatisfy(w -> assertThat(w).isNotEmpty());
    assertThat(p.compute(client)).isEqualTo(expected);
    assertThat(p.add(p.transpose()).sum(0).compute(client).toDoubleArray())
        .containsExactly(expected.add(expected.transpose()).sum(0).toDoubleArray(), within(1e-12));
    assertThat(p.slice(Slice.step(2), Slice.step(2)).std().compute(client).getDouble())
        .isCloseTo(expected.slice(Slice.step(2), Slice.step(2)).std().getDouble(), within(1e-12));
    // Elsewhere, the blocks are fetched from the cluster.
    assertThat(p.mean().compute(Schedulers.threads()).getDouble()).isCloseTo(expected.mean().getDouble(), within(1e-12));
  }

  @Test
  void storeWritesFromTheWorkersAndFailuresNameTheTask(@TempDir Path dir) throws Exception {
    Array x = Array.arange(100, 7).multiply(3L);
    RawFileTarget target = RawFileTarget.of(dir.resolve("x.i8"), x);
    assertThat(x.store(target, client)).isEqualTo(800);
    assertThat(target.read()).isEqualTo(NDArray.arange(100).multiply(3L));
    Array bad = x.mapBlocks(b -> b.slice(Slice.of(0, 1)));
    assertThatThrownBy(() -> bad.compute(client)).isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("lambda");
  }

  @Test
  void manyBlocks() {
    Array x = Array.random(shape(400, 300), chunks(10, 10), 21);
    List<Object> both = List.of(x.nanmean(0).compute(client), x.nanmean(0).compute(Schedulers.threads()));
    assertThat(both.get(0)).isEqualTo(both.get(1));
  }
}
