package io.jask.cli;

import io.jask.distributed.comm.TlsConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The PEM files for {@code tls://}, shared by {@code jask scheduler} and {@code jask worker}. */
final class TlsOptions {
  @Option(names = "--tls-cert", paramLabel = "FILE", description = "This process's certificate chain (PEM).")
  Path cert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Its private key (PEM, PKCS#8).")
  Path key;

  @Option(names = "--tls-ca", paramLabel = "FILE",
      description = "The certificate authority that signs every certificate of the cluster (PEM).")
  Path ca;

  /**
   * The TLS configuration, or null when no file was given.
   *
   * @throws IllegalArgumentException if only some of the three were given, or one is unreadable
   */
  TlsConfig config() {
    if (cert == null && key == null && ca == null) {
      return null;
    }
    if (cert == null || key == null || ca == null) {
      throw new IllegalArgumentException("TLS needs all three of --tls-cert, --tls-key and --tls-ca");
    }
    return TlsConfig.fromPem(cert, key, ca);
  }
}
