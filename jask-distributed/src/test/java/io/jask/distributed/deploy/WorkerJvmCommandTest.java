package io.jask.distributed.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerJvmCommandTest {
  @Test
  void runsThisJavaWithThisClassPathAndAHeapSizedToTheLimit() {
    List<String> command = new WorkerJvmCommand("worker-3", "tcp://127.0.0.1:8786", 4, 2_000_000_000L,
        "tcp://127.0.0.1:0", Duration.ofMillis(500), null, List.of("-XX:+UseSerialGC")).toList();
    assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(command).containsSubsequence("-Xmx1430m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "io.jask.distributed.worker.WorkerMain", "tcp://127.0.0.1:8786");
    assertThat(String.join(" ", command)).contains("--name worker-3", "--nthreads 4", "--memory-limit 2000000000",
        "--heartbeat-interval 500", "--token-stdin").doesNotContain("--tls");
  }

  @Test
  void aTinyLimitStillGetsAWorkableHeap() {
    List<String> command = new WorkerJvmCommand("w", "tcp://127.0.0.1:1", 1, 1_000_000L, "tcp://127.0.0.1:0",
        Duration.ofSeconds(1), null, List.of()).toList();
    assertThat(command).contains("-Xmx64m");
  }

  @Test
  void passesCertificateFilesAsAbsolutePaths() {
    List<String> command = new WorkerJvmCommand("w", "tls://127.0.0.1:1", 1, 1L << 30, "tls://127.0.0.1:0",
        Duration.ofSeconds(1), new TlsFiles(Path.of("c.pem"), Path.of("k.pem"), Path.of("ca.pem")), List.of()).toList();
    assertThat(command).containsSubsequence("--tls-cert", Path.of("c.pem").toAbsolutePath().toString(),
        "--tls-key", Path.of("k.pem").toAbsolutePath().toString(),
        "--tls-ca", Path.of("ca.pem").toAbsolutePath().toString());
  }
}
