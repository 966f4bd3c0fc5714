package io.jask.distributed.comm;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates for {@code tls://}: this process's own certificate and key, and the certificate
 * authority (CA) that must have signed the peer's. Both sides present a certificate (mutual TLS): a
 * listener refuses clients without one from the CA, a client refuses listeners without one. The
 * shared token is still checked inside the encrypted connection.
 *
 * <p>As in dask.distributed, the CA is the cluster's own, so by default any certificate it signed
 * is accepted whatever host name it names: workers are mostly addressed by IP, and one certificate
 * often serves a whole cluster. {@link #withHostnameVerification(boolean)} also checks that a
 * listener's certificate names the host the client dialled.
 *
 * <p>Only TLS 1.3 and 1.2 are offered. The contexts are built once, when the config is made, so bad
 * files fail at once, and replaced files are not re-read.
 */
public final class TlsConfig {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final Material material;
  private final boolean hostnameVerification;
  private final SslContext serverContext;
  private final SslContext clientContext;

  private TlsConfig(Material material, boolean hostnameVerification) {
    this.material = material;
    this.hostnameVerification = hostnameVerification;
    try {
      this.serverContext =
          material.server().clientAuth(ClientAuth.REQUIRE).protocols(PROTOCOLS).build();
      this.clientContext =
          material
              .client()
              .protocols(PROTOCOLS)
              .endpointIdentificationAlgorithm(hostnameVerification ? "HTTPS" : null)
              .build();
    } catch (SSLException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS from " + material + ": " + e.getMessage(), e);
    }
  }

  /**
   * A config from PEM files, as written by {@code openssl} or exported from a keystore.
   *
   * @param certificateChain this process's certificate, then any intermediates
   * @param privateKey its private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
   * @param trustedAuthorities the CA certificates a peer's certificate must chain to
   * @throws IllegalArgumentException naming the file if one is missing or unreadable as PEM
   */
  public static TlsConfig fromPem(Path certificateChain, Path privateKey, Path trustedAuthorities) {
    for (Path file : new Path[] {certificateChain, privateKey, trustedAuthorities}) {
      Objects.requireNonNull(file, "file");
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("TLS file " + file + " does not exist or is unreadable");
      }
    }
    return new TlsConfig(new PemFiles(certificateChain, privateKey, trustedAuthorities), false);
  }

  /**
   * A config from JSSE factories, for keys kept in a {@link java.security.KeyStore} (PKCS#12,
   * hardware tokens, ...).
   *
   * @param keys initialised with this process's key and certificate chain
   * @param trust initialised with the CA certificates a peer's certificate must chain to
   */
  public static TlsConfig of(KeyManagerFactory keys, TrustManagerFactory trust) {
    return new TlsConfig(
        new Factories(Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(trust, "trust")),
        false);
  }

  /**
   * This config, but checking (or not) that a listener's certificate names the host dialled ({@code
   * HTTPS}-style endpoint identification). Off by default; see the class comment.
   */
  public TlsConfig withHostnameVerification(boolean verify) {
    return verify == hostnameVerification ? this : new TlsConfig(material, verify);
  }

  /** Whether clients check that the listener's certificate names the host they dialled. */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /** The context listeners use: presents our certificate, requires the client's. */
  SslContext serverContext() {
    return serverContext;
  }

  /** The context clients use: presents our certificate, checks the listener's. */
  SslContext clientContext() {
    return clientContext;
  }

  @Override
  public String toString() {
    return "TlsConfig[" + material + ", hostnameVerification=" + hostnameVerification + "]";
  }

  /** Where keys and trust come from; builds the two sides' context builders. */
  private interface Material {
    SslContextBuilder server();

    SslContextBuilder client();
  }

  private record PemFiles(Path chain, Path key, Path authorities) implements Material {
    @Override
    public SslContextBuilder server() {
      return SslContextBuilder.forServer(chain.toFile(), key.toFile())
          .trustManager(authorities.toFile());
    }

    @Override
    public SslContextBuilder client() {
      return SslContextBuilder.forClient()
          .keyManager(chain.toFile(), key.toFile())
          .trustManager(authorities.toFile());
    }

    @Override
    public String toString() {
      return "certificate " + chain + ", key " + key + ", authorities " + authorities;
    }
  }

  private record Factories(KeyManagerFactory keys, TrustManagerFactory trust) implements Material {
    @Override
    public SslContextBuilder server() {
      return SslContextBuilder.forServer(keys).trustManager(trust);
    }

    @Override
    public SslContextBuilder client() {
      return SslContextBuilder.forClient().keyManager(keys).trustManager(trust);
    }

    @Override
    public String toString() {
      return "key and trust manager factories";
    }
  }
}
