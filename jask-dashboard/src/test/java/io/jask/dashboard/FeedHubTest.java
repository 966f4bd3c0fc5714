package io.jask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.distributed.protocol.Messages;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the feed thread sends a status page, given what the scheduler told it. */
class FeedHubTest {
  private final Inbox inbox = new Inbox(1_000);
  private final FeedHub hub = new FeedHub(inbox, "tcp://127.0.0.1:8786", Map::of);
  /** A page not subscribed, so that only this test asks for its messages. */
  private final FeedHub.Subscriber page = new FeedHub.Subscriber(null, "status", null);

  @AfterEach
  void close() {
    hub.close();
  }

  private String next() {
    return hub.query(m -> hub.messageFor(page));
  }

  @Test
  void aStatusPageIsSentNothingWhileNothingChanges() {
    assertThat(next()).as("the first message").contains("\"workers\":[]");
    assertThat(next()).isNull();
    assertThat(next()).isNull();

    inbox.offer(new Messages.RegisterWorker("tcp://127.0.0.1:4001", "worker-0", 2, 1 << 30, Map.of()));
    assertThat(next()).contains("\"name\":\"worker-0\"");
    assertThat(next()).isNull();

    inbox.offer(new DashboardPlugin.Beat("tcp://127.0.0.1:4001",
        new Messages.Heartbeat(0, 0, 0, 12_345, 1 << 20, 0.5, 0, 0, 0, java.util.List.of()), 1_000));
    assertThat(next()).contains("\"managed\":12345");
    assertThat(next()).isNull();
  }

  @Test
  void droppedEventsAreAChangeToo() {
    Inbox tiny = new Inbox(1);
    FeedHub small = new FeedHub(tiny, "tcp://127.0.0.1:8786", Map::of);
    try {
      FeedHub.Subscriber p = new FeedHub.Subscriber(null, "status", null);
      String first = small.query(m -> small.messageFor(p));
      assertThat(first).contains("\"dropped\":0");
      // Offered faster than the feed thread's tick takes them: one fits, the rest are dropped.
      for (int i = 0; i < 10; i++) {
        tiny.offer(new DashboardPlugin.LogLine(i, "INFO", "line " + i));
      }
      assertThat(tiny.dropped()).isPositive();
      String next = small.query(m -> small.messageFor(p));
      assertThat(next).contains("\"dropped\":" + tiny.dropped());
    } finally {
      small.close();
    }
  }
}
