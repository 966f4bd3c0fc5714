package io.jask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.comm.AuthToken;
import io.jask.distributed.comm.Comm;
import io.jask.distributed.comm.CommOptions;
import io.jask.distributed.comm.Listener;
import io.jask.distributed.comm.Transports;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReceiveLoopTest {
  @Test
  void aBurstOfQueuedMessagesIsHandledInOrderWithoutDeepRecursion() throws Exception {
    CommOptions options = Protocol.commOptions(AuthToken.generate(), null);
    CompletableFuture<Comm> accepted = new CompletableFuture<>();
    try (Listener listener = Transports.listen("inproc://receive-loop-test", options, accepted::complete);
        Comm sender = Transports.connect(listener.address(), options)) {
      int n = 50_000;
      CompletableFuture<Void> lastSent = null;
      for (int i = 0; i < n; i++) {
        lastSent = sender.send(new Messages.Heartbeat(i, 0, 0, 0, 0, 0, 0, 0, 0, java.util.List.of()));
      }
      lastSent.get(30, TimeUnit.SECONDS);
      try (Comm receiver = accepted.get(10, TimeUnit.SECONDS)) {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> all = new CompletableFuture<>();
        ReceiveLoop.start(receiver, message -> {
          seen.add(((Messages.Heartbeat) message).executing());
          if (seen.size() == n) {
            all.complete(null);
          }
        });
        all.get(60, TimeUnit.SECONDS);
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
          assertThat(seen.get(i)).isEqualTo(i);
        }
      }
    }
  }
}
