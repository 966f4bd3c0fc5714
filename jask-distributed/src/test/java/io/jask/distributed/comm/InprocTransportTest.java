package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The transport contract in process, plus what is particular to names. */
class InprocTransportTest extends TransportContractTest {
  @Override
  String listenAddress() {
    return "inproc://";
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
  String addressNobodyListensOn() {
    return "inproc://nobody-" + UUID.randomUUID();
  }

  @Test
  void aChosenNameIsKeptAndCannotBeTakenTwice() {
    String name = "inproc://scheduler-" + UUID.randomUUID();
    try (Listener listener = Transports.listen(name, serverOptions(), Comm::close)) {
      assertThat(listener.address()).isEqualTo(name);
      assertThatThrownBy(() -> Transports.listen(name, serverOptions(), Comm::close))
          .isInstanceOf(CommException.class)
          .hasMessageContaining(name);
    }
    try (Listener again = Transports.listen(name, serverOptions(), Comm::close)) {
      assertThat(again.address()).as("the name is free once closed").isEqualTo(name);
    }
  }
}
