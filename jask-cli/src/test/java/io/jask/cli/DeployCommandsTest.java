package io.jask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jask.distributed.client.Client;
import io.jask.distributed.client.Future;
import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.deploy.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jask jobqueue}, {@code jask ssh} and {@code jask worker --lifetime}, inside this JVM. */
class DeployCommandsTest {
  @TempDir Path dir;

  static int twice(int x) {
    return 2 * x;
  }

  @Test
  void jobqueuePrintsTheScriptItWouldSubmit() {
    Output run = run("jobqueue", "slurm", "--cores", "4", "--processes", "2", "--memory", "8GiB",
        "--walltime", "01:00:00", "--partition", "debug", "--account", "proj", "--directive", "--exclusive",
        "--prologue", "module load java", "--job-name", "analysis");
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).startsWith("#!/usr/bin/env bash\n").contains(
        "#SBATCH -J analysis", "#SBATCH -p debug", "#SBATCH -A proj", "#SBATCH --cpus-per-task=4",
        "#SBATCH --mem=8192M", "#SBATCH -t 01:00:00", "#SBATCH --exclusive", "module load java",
        "--nthreads 2", "--lifetime 3300000ms", "io.jask.distributed.worker.WorkerMain", "wait");
    Output pbs = run("jobqueue", "pbs", "--queue", "workq");
    assertThat(pbs.exit).as(pbs.err).isZero();
    assertThat(pbs.out).contains("#PBS -q workq", "#PBS -l select=1:ncpus=1:mem=1024MB", "exec ");
  }

  @Test
  void jobqueueNamesWhatIsWrong() {
    Output unknown = run("jobqueue", "lsf");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.err).contains("slurm or pbs", "lsf");
    Output badWalltime = run("jobqueue", "slurm", "--walltime", "soon");
    assertThat(badWalltime.exit).isEqualTo(2);
    assertThat(badWalltime.err).contains("walltime", "soon");
    Output noToken = run("jobqueue", "slurm", "--submit", "1");
    assertThat(noToken.exit).isEqualTo(2);
    assertThat(noToken.err).contains("--token-file");
  }

  @Test
  void aWorkerWithALifetimeRetiresGracefullyAndExits() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(c -> c.nWorkers(0));
        Client client = Client.connect(cluster.schedulerAddress(), cluster.commOptions())) {
      // Waiting for a worker before there is one, so it runs as soon as the worker joins.
      Future<Integer> f = client.submit(DeployCommandsTest::twice, 21);
      Path tokenFile = dir.resolve("token");
      TokenFiles.write(tokenFile, cluster.token());
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Thread worker = new Thread(() -> exit.complete(Main.run("worker", cluster.schedulerAddress(),
          "--token-file", tokenFile.toString(), "--nthreads", "1", "--memory-limit", "256MiB",
          "--lifetime", "3s", "--lifetime-stagger", "500ms")));
      worker.start();
      assertThat(f.result(Duration.ofSeconds(120))).isEqualTo(42);
      f.release(); // nothing left on the worker for the scheduler to move elsewhere
      assertThat(exit.get(120, TimeUnit.SECONDS)).isZero();
      // the worker stops once the scheduler closes its connection; the scheduler forgets it just after
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.workers()).isEmpty());
    }
    assertThat(run("worker", "tcp://127.0.0.1:1", "--lifetime-stagger", "1s").err).contains("needs --lifetime");
    assertThat(run("worker", "tcp://127.0.0.1:1", "--lifetime", "forever").err).contains("--lifetime", "forever");
    assertThat(run("worker", "tcp://127.0.0.1:1", "--nanny", "--lifetime", "1m").err)
        .contains("--lifetime cannot be combined with --nanny");
  }

  @Test
  @Tag("slow")
  void sshStartsAClusterThatServesUntilInterruptedThenCleansUp() throws Exception {
    Path key = Path.of(System.getenv().getOrDefault("JASK_TEST_SSH_KEY", "/var/lib/ci-sshd/id_ed25519"));
    boolean sshd = Files.isReadable(key) && listening(2222);
    if (!sshd && "1".equals(System.getenv("JASK_REQUIRE_SSHD"))) {
      throw new AssertionError("JASK_REQUIRE_SSHD=1 but no test sshd on 127.0.0.1:2222 with " + key);
    }
    Assumptions.assumeTrue(sshd, "no test sshd on 127.0.0.1:2222 (start it with .ci/start-sshd.sh as root)");
    Path tokenFile = dir.resolve("token");
    Path schedulerFile = dir.resolve("scheduler.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      thread = new Thread(() -> exit.complete(Main.run("ssh", "127.0.0.1", "-p", "2222", "-l", "root",
          "-i", key.toString(), "--known-hosts", "accept-any", "-n", "2", "--memory-limit", "256MiB",
          "--token-file", tokenFile.toString(), "--scheduler-file", schedulerFile.toString())));
      thread.start();
      await().atMost(Duration.ofMinutes(2)).until(() -> out.toString(StandardCharsets.UTF_8).contains("Ctrl-C")
          || exit.isDone());
    } finally {
      System.setOut(original);
    }
    try {
      assertThat(exit).isNotDone();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
      AuthToken token = TokenFiles.read(tokenFile);
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("ssh -L 8787:127.0.0.1:8787 -p 2222 root@127.0.0.1",
          "http://localhost:8787/status?token=" + token.value(), "Token in " + tokenFile);
      try (Client client = Client.connect(SchedulerFile.read(schedulerFile), token.value())) {
        List<Future<Integer>> doubled = client.map(DeployCommandsTest::twice, List.of(1, 2, 3));
        assertThat(client.gather(doubled, Duration.ofMinutes(1))).containsExactly(2, 4, 6);
      }
    } finally {
      thread.interrupt(); // the command then closes the cluster, whatever happened above
    }
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(tokenFile).doesNotExist();
    assertThat(schedulerFile).doesNotExist();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private record Output(int exit, String out, String err) {}

  private static Output run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = Main.run(args);
      return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
