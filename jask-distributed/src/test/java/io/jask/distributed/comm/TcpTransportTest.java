package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The transport contract over plain TCP. */
class TcpTransportTest extends TransportContractTest {
  @Override
  String listenAddress() {
    return "tcp://:0";
  }

  @Override
  CommOptions.Builder options(AuthToken token, Serializer serializer) {
    return CommOptions.builder(token).serializer(serializer);
  }

  @Override
  RawClient rawClient(String address) throws Exception {
    return RawClient.connect(address, null);
  }

  @Override
  String addressNobodyListensOn() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "tcp://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void aPortInUseIsReportedNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "tcp://127.0.0.1:" + taken.getLocalPort();
      assertThatThrownBy(() -> Transports.listen(address, serverOptions(), Comm::close))
          .isInstanceOf(CommException.class)
          .hasMessageContaining("cannot listen on " + address);
    }
  }

  @Test
  void dialingPortZeroIsAConfigurationError() {
    assertThatThrownBy(() -> Transports.connect("tcp://:0", clientOptions()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tcp://127.0.0.1:0");
  }
}
