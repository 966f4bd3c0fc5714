package io.jask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboundQueueTest {
  private final AtomicInteger backpressureChanges = new AtomicInteger();
  private final InboundQueue queue = new InboundQueue(backpressureChanges::incrementAndGet);

  private static Inbound message(Object value, long size) {
    return new Inbound.Delivered(value, size);
  }

  @Test
  void servesMessagesAndReceiversInOrderWhicheverComesFirst() {
    CompletableFuture<Object> first = queue.take();
    CompletableFuture<Object> second = queue.take();
    queue.offer(message("a", 1));
    queue.offer(message("b", 1));
    queue.offer(message("c", 1));
    assertThat(first).isCompletedWithValue("a");
    assertThat(second).isCompletedWithValue("b");
    assertThat(queue.take()).isCompletedWithValue("c");
  }

  @Test
  void aCancelledReceiveDoesNotSwallowAMessage() {
    CompletableFuture<Object> cancelled = queue.take();
    CompletableFuture<Object> next = queue.take();
    cancelled.cancel(false);
    queue.offer(message("kept", 1));
    assertThat(next).isCompletedWithValue("kept");
  }

  @Test
  void anUndecodableMessageFailsOnlyItsReceive() {
    queue.offer(new Inbound.Undecodable(new SerializationException("bad"), 1));
    queue.offer(message("good", 1));
    assertThat(queue.take()).isCompletedExceptionally();
    assertThat(queue.take()).isCompletedWithValue("good");
  }

  @Test
  void whenThePeerClosesQueuedMessagesAreStillDelivered() {
    queue.offer(message("last", 1));
    queue.close(new CommClosedException("peer left"), false);
    assertThat(queue.take()).isCompletedWithValue("last");
    assertThatThrownBy(() -> queue.take().join())
        .hasCauseInstanceOf(CommClosedException.class)
        .hasMessageContaining("peer left");
    queue.offer(message("too late", 1));
    assertThat(queue.size()).isZero();
  }

  @Test
  void aLocalCloseDropsQueuedMessagesAndFailsWaitingReceivers() {
    CompletableFuture<Object> waiting = queue.take();
    queue.close(new CommClosedException("closed here"), true);
    assertThat(waiting).isCompletedExceptionally();
    queue.offer(message("dropped", 1));
    assertThat(queue.take()).isCompletedExceptionally();
  }

  @Test
  void stopsReadingAboveTheHighMarkAndResumesBelowTheLowMark() {
    long chunk = InboundQueue.HIGH_WATER_BYTES / 4;
    for (int i = 0; i < 4; i++) {
      queue.offer(message(i, chunk));
    }
    assertThat(queue.shouldRead()).isTrue();
    queue.offer(message(4, chunk));
    assertThat(queue.shouldRead()).isFalse();
    assertThat(backpressureChanges).hasValue(1);

    queue.take();
    queue.take();
    assertThat(queue.shouldRead()).as("between the marks").isFalse();
    queue.take();
    queue.take();
    assertThat(queue.shouldRead()).isTrue();
    assertThat(backpressureChanges).hasValue(2);
  }

  @Test
  void manySmallMessagesAlsoStopReading() {
    for (int i = 0; i <= InboundQueue.HIGH_WATER_COUNT; i++) {
      queue.offer(message(i, 0));
    }
    assertThat(queue.shouldRead()).isFalse();
  }
}
