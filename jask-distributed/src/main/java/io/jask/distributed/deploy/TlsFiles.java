package io.jask.distributed.deploy;

import io.jask.distributed.comm.TlsConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files of a {@code tls://} cluster, kept as paths because worker processes load them
 * themselves: a certificate can be handed to another process only as a file.
 *
 * @param certificateChain this process's certificate, then any intermediates
 * @param privateKey its private key, unencrypted PKCS#8
 * @param trustedAuthorities the CA certificates a peer's certificate must chain to
 */
public record TlsFiles(Path certificateChain, Path privateKey, Path trustedAuthorities) {
  /** Checks that no path is missing. */
  public TlsFiles {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(trustedAuthorities, "trustedAuthorities");
  }

  /**
   * The TLS configuration these files make.
   *
   * @throws IllegalArgumentException naming the file if one is missing or unreadable
   */
  public TlsConfig toConfig() {
    return TlsConfig.fromPem(certificateChain, privateKey, trustedAuthorities);
  }
}
