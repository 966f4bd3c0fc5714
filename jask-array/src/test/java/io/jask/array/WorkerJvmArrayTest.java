package io.jask.array;

import static io.jask.array.Array.chunks;
import static io.jask.array.Array.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jask.core.scheduler.Schedulers;
import io.jask.distributed.client.Client;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Array graphs on worker JVMs: blocks cross process boundaries as bytes. */
@Tag("slow")
class WorkerJvmArrayTest {
  @Test
  void blocksTravelBetweenWorkerProcesses() {
    Array x = Array.random(shape(300, 200), chunks(50, 40), 5);
    NDArray expectedSum = x.add(x.slice(Slice.index(0))).sum(0).compute(Schedulers.sync());
    double expectedStd = x.slice(Slice.step(2), Slice.step(3)).std().compute(Schedulers.sync()).getDouble();
    try (Client client = Client.local(c -> c.processes(true).nWorkers(2).threadsPerWorker(1).memoryLimit("512MB")
        .jvmOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")))) {
      assertThat(x.add(x.slice(Slice.index(0))).sum(0).compute(client)).isEqualTo(expectedSum);
      assertThat(x.slice(Slice.step(2), Slice.step(3)).std().compute(client).getDouble()).isCloseTo(expectedStd, within(1e-15));
      // A rechunk reads blocks made on the other worker.
      assertThat(x.rechunk(300, 7).compute(client)).isEqualTo(x.compute(Schedulers.sync()));
    }
  }
}
