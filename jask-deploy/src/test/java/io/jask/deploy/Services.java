package io.jask.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real services the launcher tests run against: a single-node SLURM and an sshd on loopback,
 * which {@code .ci/run} starts. Without them the tests are skipped, saying why; with {@code
 * JASK_REQUIRE_SLURM=1} or {@code JASK_REQUIRE_SSHD=1} (as in CI) they fail instead.
 */
final class Services {
  static final String SSH_HOST = env("JASK_TEST_SSH_HOST", "127.0.0.1");
  static final int SSH_PORT = Integer.parseInt(env("JASK_TEST_SSH_PORT", "2222"));
  static final String SSH_USER = env("JASK_TEST_SSH_USER", "root");
  /** The client key that .ci/start-sshd.sh generates. */
  static final Path SSH_KEY = Path.of(env("JASK_TEST_SSH_KEY", "/var/lib/ci-sshd/id_ed25519"));

  private Services() {}

  /** Skips the test (fails it in CI) unless a local SLURM answers {@code squeue}. */
  static void requireSlurm() {
    String why = null;
    try {
      CommandResult r = LocalCommand.run(List.of("squeue", "-h"), null, Duration.ofSeconds(15));
      if (!r.ok()) {
        why = "squeue failed: " + r.output();
      }
    } catch (RuntimeException e) {
      why = e.getMessage();
    }
    require("JASK_REQUIRE_SLURM", why == null,
        "SLURM is not running on this machine (start it with .ci/start-slurm.sh as root): " + why);
  }

  /** Skips the test (fails it in CI) unless the test sshd listens and its key is readable. */
  static void requireSshd() {
    boolean listening;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(SSH_HOST, SSH_PORT), 2000);
      listening = true;
    } catch (IOException e) {
      listening = false;
    }
    require("JASK_REQUIRE_SSHD", listening && Files.isReadable(SSH_KEY),
        "no test sshd on " + SSH_HOST + ":" + SSH_PORT + " with the key " + SSH_KEY
            + " (start it with .ci/start-sshd.sh as root)");
  }

  static SshConnectOptions ssh() {
    return SshConnectOptions.defaults().withUser(SSH_USER).withPort(SSH_PORT).withIdentityFile(SSH_KEY)
        .withKnownHosts(KnownHosts.ACCEPT_ANY);
  }

  private static void require(String variable, boolean ok, String message) {
    if (!ok && "1".equals(System.getenv(variable))) {
      throw new AssertionError(variable + "=1 but " + message);
    }
    assumeTrue(ok, message);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
