package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommOptionsTest {
  private final AuthToken token = AuthToken.generate();

  @Test
  void hasSafeDefaults() {
    CommOptions options = CommOptions.builder(token).build();
    assertThat(options.token()).isSameAs(token);
    assertThat(options.serializer()).isNotNull();
    assertThat(options.tls()).isNull();
    assertThat(options.maxFrameSize()).isEqualTo(CommOptions.DEFAULT_MAX_FRAME_SIZE);
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.toString()).doesNotContain(token.value());
  }

  @Test
  void toBuilderKeepsEverything() {
    CommOptions options =
        CommOptions.builder(token)
            .maxFrameSize(8192)
            .handshakeTimeout(Duration.ofSeconds(3))
            .build();
    CommOptions copy = options.toBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    assertThat(copy.maxFrameSize()).isEqualTo(8192);
    assertThat(copy.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(copy.serializer()).isSameAs(options.serializer());
  }

  @Test
  void failsFastOnBadValuesNamingThem() {
    CommOptions.Builder builder = CommOptions.builder(token);
    assertThatThrownBy(() -> builder.maxFrameSize(100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFrameSize")
        .hasMessageContaining("100");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> builder.handshakeTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handshakeTimeout");
    assertThatThrownBy(() -> CommOptions.builder(null)).isInstanceOf(NullPointerException.class);
  }
}
