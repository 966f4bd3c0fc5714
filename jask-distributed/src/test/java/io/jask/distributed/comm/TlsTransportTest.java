package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract over TLS with mutual certificates, plus what only TLS does: refusing
 * certificates from another authority, in either direction.
 */
class TlsTransportTest extends TransportContractTest {
  @TempDir static Path certificateDir;

  static TestCertificates certs;

  /** Built once: each config parses its PEM files and builds two TLS contexts. */
  static TlsConfig serverTls;

  static TlsConfig clientTls;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TestCertificates.generate(certificateDir);
    // The listener's certificate names 127.0.0.1, so clients can check the host name too.
    serverTls = certs.pem("server", "ca").withHostnameVerification(true);
    clientTls = certs.pem("client", "ca").withHostnameVerification(true);
  }

  @Override
  String listenAddress() {
    return "tls://:0";
  }

  @Override
  CommOptions.Builder options(AuthToken token, Serializer serializer) {
    return CommOptions.builder(token).serializer(serializer).tls(serverTls);
  }

  @Override
  CommOptions clientOptions() {
    return clientOptionsWith(clientTls);
  }

  CommOptions clientOptionsWith(TlsConfig tls) {
    return CommOptions.builder(token).serializer(clientSerializer).tls(tls).build();
  }

  @Override
  RawClient rawClient(String address) throws Exception {
    return RawClient.connect(address, clientTls);
  }

  @Override
  String addressNobodyListensOn() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "tls://127.0.0.1:" + socket.getLocalPort();
    }
  }

  /**
   * Smaller than the other transports' 64 MiB: the frames are the same, and encrypting 64 MiB with
   * a JIT that has not warmed up takes several seconds on a small machine.
   */
  @Override
  int largeBufferBytes() {
    return 8 << 20;
  }

  /** Leaves the TLS handshake, itself bound by the same timeout, time to finish first. */
  @Override
  Duration shortHandshakeTimeout() {
    return Duration.ofSeconds(1);
  }

  @Test
  void aClientWithACertificateFromAnotherAuthorityIsRefused() throws Exception {
    Server server = server(serverOptions());
    // The stranger trusts our CA, so only its own certificate is at fault.
    CommOptions stranger = clientOptionsWith(certs.pem("stranger", "ca"));

    assertThatThrownBy(() -> Transports.connect(server.address(), stranger))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(server.address());

    assertThat(server.accepted()).isEmpty();
    assertThat(serverSerializer.deserializeCalls).hasValue(0);
    Comm member = connect(server.address(), clientOptions());
    member.send("still listening");
    assertThat(get(server.next().receive())).isEqualTo("still listening");
  }

  @Test
  void aClientRefusesAListenerWhoseCertificateItDoesNotTrust() {
    Server server = server(serverOptions());
    CommOptions trustsOthers = clientOptionsWith(certs.pem("client", "other-ca"));

    assertThatThrownBy(() -> Transports.connect(server.address(), trustsOthers))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(server.address());
    assertThat(server.accepted()).isEmpty();
  }

  @Test
  void aPlainTcpClientCannotTalkToATlsListener() {
    Server server = server(serverOptions());
    String plain = server.address().replace("tls://", "tcp://");
    CommOptions noTls = CommOptions.builder(token).serializer(clientSerializer).build();

    assertThatThrownBy(() -> Transports.connect(plain, noTls))
        .isInstanceOf(CommException.class)
        .hasMessageContaining(plain);
    assertThat(server.accepted()).isEmpty();
    assertThat(serverSerializer.deserializeCalls).hasValue(0);
  }

  @Test
  void keysFromJsseFactoriesWorkToo() throws Exception {
    Server server =
        server(options(token, serverSerializer).tls(certs.factories("server", "ca")).build());
    Comm client = connect(server.address(), clientOptionsWith(certs.factories("client", "ca")));
    client.send("over jsse");
    assertThat(get(server.next().receive())).isEqualTo("over jsse");
  }

  @Test
  void tlsWithoutCertificatesIsAConfigurationError() {
    CommOptions noTls = CommOptions.builder(token).build();
    assertThatThrownBy(() -> Transports.listen("tls://:0", noTls, Comm::close))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls://127.0.0.1:0")
        .hasMessageContaining("TlsConfig");
    assertThatThrownBy(
            () ->
                TlsConfig.fromPem(
                    certificateDir.resolve("missing.pem"),
                    certificateDir.resolve("client-key.pem"),
                    certificateDir.resolve("ca.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
  }
}
