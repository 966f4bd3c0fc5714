package io.jask.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "2GB, 2000000000",
    "2 gb, 2000000000",
    "1.5GiB, 1610612736",
    "500MB, 500000000",
    "512MiB, 536870912",
    "1kB, 1000",
    "1KiB, 1024",
    "123, 123",
    "1e9, 1000000000",
    "0, 0",
    "3TB, 3000000000000",
  })
  void parsesLikeDask(String text, long bytes) {
    assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GB", "two GB", "-1GB", "1..5GB"})
  void rejectsWhatIsNotASize(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2XB", "3 bananas"})
  void namesAnUnknownUnit(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown unit")
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.00 KiB", "2000000000, 1.86 GiB"})
  void formatsInBinaryUnits(long bytes, String text) {
    assertThat(ByteSize.ofBytes(bytes).toHumanString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE})
  void rejectsNegativeSizes(long bytes) {
    assertThatThrownBy(() -> ByteSize.ofBytes(bytes)).hasMessageContaining(String.valueOf(bytes));
  }
}
