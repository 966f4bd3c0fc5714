package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  @Test
  void equalByHeaderAndBufferContent() {
    Envelope a = Envelope.ofArrays("h", new byte[] {1, 2}, new byte[0]);
    Envelope b = Envelope.of("h", ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.allocate(0));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Envelope.ofArrays("h", new byte[] {1, 3}, new byte[0]));
    assertThat(a.bufferBytes()).isEqualTo(2);
  }

  @Test
  void showsBufferSizesNotContents() {
    Envelope envelope = Envelope.ofArrays("header", new byte[1000], new byte[3]);
    assertThat(envelope).hasToString("Envelope[header=header, buffers=[1000, 3] bytes]");
  }

  @Test
  void keepsItsOwnListAndRefusesAMissingHeader() {
    List<ByteBuffer> buffers = new ArrayList<>(List.of(ByteBuffer.allocate(1)));
    Envelope envelope = new Envelope("h", buffers);
    buffers.clear();
    assertThat(envelope.buffers()).hasSize(1);
    assertThatThrownBy(() -> Envelope.of(null)).isInstanceOf(NullPointerException.class);
  }
}
