package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthTokenTest {
  @Test
  void generatedTokensAreLongRandomAndNeverShown() {
    AuthToken a = AuthToken.generate();
    AuthToken b = AuthToken.generate();
    assertThat(a.value()).hasSize(43).isNotEqualTo(b.value());
    assertThat(a.toString()).doesNotContain(a.value()).contains("****");
  }

  @Test
  void matchesOnlyItsOwnBytes() {
    AuthToken token = AuthToken.of("s3cret");
    assertThat(token.matches("s3cret".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(token.matches("s3cre".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(token.matches("s3cret!".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(token.matches(new byte[0])).isFalse();
  }

  @Test
  void sameSecretComparesTheSecretsNotTheObjects() {
    AuthToken token = AuthToken.of("s3cret");
    assertThat(token.sameSecret(AuthToken.of("s3cret"))).isTrue();
    assertThat(token.sameSecret(AuthToken.of("s3cre"))).isFalse();
    assertThat(token.sameSecret(AuthToken.generate())).isFalse();
    assertThatThrownBy(() -> token.sameSecret(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesEmptyAndOverlongTokensWithoutRepeatingThem() {
    assertThatThrownBy(() -> AuthToken.of("")).isInstanceOf(IllegalArgumentException.class);
    String tooLong = "x".repeat(AuthToken.MAX_BYTES + 1);
    assertThatThrownBy(() -> AuthToken.of(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(tooLong);
  }

  @Test
  void theLongestTokenFitsInTheFirstFrame() {
    int authFrame = 1 + 4 + 2 + AuthToken.MAX_BYTES;
    assertThat(authFrame).isLessThanOrEqualTo(Frames.PRE_AUTH_MAX_FRAME);
  }
}
