package io.jask.deploy;

/** What an SSH connection does with the server's host key. */
public enum KnownHosts {
  /** The key must already be in the known-hosts file (OpenSSH's {@code StrictHostKeyChecking yes}). */
  STRICT,
  /**
   * An unknown host's key is added to the known-hosts file; a key that differs from the one on
   * file is refused (OpenSSH's {@code accept-new}). The default.
   */
  ACCEPT_NEW,
  /**
   * Any key is accepted and nothing is written: no protection against a host in the middle. Only
   * for throwaway hosts, such as a test sshd on loopback.
   */
  ACCEPT_ANY
}
