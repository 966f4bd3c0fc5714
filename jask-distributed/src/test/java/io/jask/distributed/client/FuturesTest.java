package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lesson's futures steps, and what futures do on a real cluster. */
class FuturesTest {
  private static TestCluster cluster;
  private Client client;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster(2, 2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void connect() {
    client = cluster.connect();
  }

  @AfterEach
  void close() {
    client.close();
  }

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  @Test
  void submitIncOfTenGivesEleven() {
    Future<Integer> f = client.submit(FuturesTest::inc, 10);

    assertThat(f.result()).isEqualTo(11);
    assertThat(f.status()).isEqualTo(FutureStatus.FINISHED);
    assertThat(f.done()).isTrue();
    assertThat(f.type()).isEqualTo("Integer");
  }

  @Test
  void mapThenGatherGivesTheResultsInOrder() {
    List<Future<Integer>> fs = client.map(FuturesTest::inc, List.of(1, 2, 3));

    assertThat(client.gather(fs)).containsExactly(2, 3, 4);
  }
}
