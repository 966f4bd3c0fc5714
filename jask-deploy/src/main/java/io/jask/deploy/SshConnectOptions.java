package io.jask.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to log in to the hosts of an {@link SshCluster}: user, port, private key and what to do
 * with host keys. Public-key login only: Jask never asks for or stores a password.
 *
 * @param user the login name (default: this process's user)
 * @param port the SSH port (default 22)
 * @param identityFile the private key, such as {@code ~/.ssh/id_ed25519} (OpenSSH or PEM format,
 *     unencrypted); null to use {@code ~/.ssh/id_ed25519}, {@code id_ecdsa} and {@code id_rsa},
 *     whichever exist
 * @param knownHosts what to do with host keys (default {@link KnownHosts#ACCEPT_NEW})
 * @param knownHostsFile the known-hosts file (default {@code ~/.ssh/known_hosts})
 * @param connectTimeout how long connecting may take (default 10 s)
 */
public record SshConnectOptions(
    String user, int port, Path identityFile, KnownHosts knownHosts, Path knownHostsFile, Duration connectTimeout) {

  /** @throws IllegalArgumentException naming the bad value */
  public SshConnectOptions {
    Objects.requireNonNull(user, "user");
    if (user.isBlank()) {
      throw new IllegalArgumentException("the SSH user must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the SSH port must be 1 to 65535, got " + port);
    }
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
  }

  /** The defaults: this user, port 22, the usual keys, {@link KnownHosts#ACCEPT_NEW}. */
  public static SshConnectOptions defaults() {
    return new SshConnectOptions(System.getProperty("user.name"), 22, null, KnownHosts.ACCEPT_NEW,
        Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), Duration.ofSeconds(10));
  }

  public SshConnectOptions withUser(String value) {
    return new SshConnectOptions(value, port, identityFile, knownHosts, knownHostsFile, connectTimeout);
  }

  public SshConnectOptions withPort(int value) {
    return new SshConnectOptions(user, value, identityFile, knownHosts, knownHostsFile, connectTimeout);
  }

  public SshConnectOptions withIdentityFile(Path value) {
    return new SshConnectOptions(user, port, Objects.requireNonNull(value, "identityFile"), knownHosts,
        knownHostsFile, connectTimeout);
  }

  public SshConnectOptions withKnownHosts(KnownHosts value) {
    return new SshConnectOptions(user, port, identityFile, value, knownHostsFile, connectTimeout);
  }

  public SshConnectOptions withKnownHostsFile(Path value) {
    return new SshConnectOptions(user, port, identityFile, knownHosts, value, connectTimeout);
  }

  public SshConnectOptions withConnectTimeout(Duration value) {
    return new SshConnectOptions(user, port, identityFile, knownHosts, knownHostsFile, value);
  }
}
