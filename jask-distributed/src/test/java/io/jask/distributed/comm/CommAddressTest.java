package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommAddressTest {
  @ParameterizedTest
  @CsvSource({
    "tcp://10.0.0.5:8786,    TCP,    10.0.0.5,  8786, tcp://10.0.0.5:8786",
    "tcp://:0,               TCP,    127.0.0.1, 0,    tcp://127.0.0.1:0",
    "TLS://node-1:443,       TLS,    node-1,    443,  tls://node-1:443",
    "10.0.0.5:8786,          TCP,    10.0.0.5,  8786, tcp://10.0.0.5:8786",
    "tcp://[::1]:8786,       TCP,    ::1,       8786, tcp://[::1]:8786",
    "inproc://scheduler,     INPROC, scheduler, -1,   inproc://scheduler",
    "inproc://,              INPROC, '',        -1,   inproc://",
  })
  void parses(String text, Scheme scheme, String host, int port, String canonical) {
    CommAddress address = CommAddress.parse(text);
    assertThat(address.scheme()).isEqualTo(scheme);
    assertThat(address.host()).isEqualTo(host);
    assertThat(address.port()).isEqualTo(port);
    assertThat(address).hasToString(canonical);
    assertThat(CommAddress.parse(address.toString())).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "udp://host:1",
        "tcp://host",
        "tcp://host:http",
        "tcp://host:70000",
        "tcp://::1:80",
        "tcp://[::1:80"
      })
  void refusesBadAddressesNamingThem(String text) {
    assertThatThrownBy(() -> CommAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }
}
