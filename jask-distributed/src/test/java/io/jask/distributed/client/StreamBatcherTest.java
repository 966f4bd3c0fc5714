package io.jask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import io.jask.distributed.scheduler.SchedulerEvent;
import io.jask.distributed.scheduler.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How queued events are merged before they go to the scheduler. */
class StreamBatcherTest {
  private static SchedulerEvent.GraphSubmitted submit(String client, String... keys) {
    List<TaskSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      specs.add(TaskSpec.of(Key.of(keys[i]), new byte[0]).withOrder(i));
    }
    return new SchedulerEvent.GraphSubmitted(client, specs, specs.stream().map(TaskSpec::key).toList(), "s-" + keys[0]);
  }

  private static SchedulerEvent.KeysReleased release(String... keys) {
    return new SchedulerEvent.KeysReleased("c", java.util.Arrays.stream(keys).map(Key::of).toList(), "r-" + keys[0]);
  }

  @Test
  void consecutiveSubmissionsMergeAndKeepTheirOrder() {
    List<Object> merged = StreamBatcher.merge(List.of(submit("c", "a", "b"), submit("c", "x"), submit("c", "y", "z")));

    assertThat(merged).hasSize(1);
    SchedulerEvent.GraphSubmitted one = (SchedulerEvent.GraphSubmitted) merged.get(0);
    assertThat(one.tasks()).extracting(t -> t.key().name() + t.order()).containsExactly("a0", "b1", "x2", "y3", "z4");
    assertThat(one.wanted()).extracting(Key::name).containsExactly("a", "b", "x", "y", "z");
    assertThat(one.stimulusId()).isEqualTo("s-a");
  }

  @Test
  void otherEventsAndOtherClientsBreakARun() {
    List<Object> events = List.of(submit("c", "a"), release("a"), release("b"), submit("c", "b"),
        submit("fire-and-forget", "b"), submit("c", "d"));

    List<Object> merged = StreamBatcher.merge(events);

    assertThat(merged).hasSize(5);
    assertThat(((SchedulerEvent.KeysReleased) merged.get(1)).keys()).extracting(Key::name).containsExactly("a", "b");
    assertThat(merged.get(0)).isEqualTo(events.get(0));
    assertThat(merged.subList(2, 5)).isEqualTo(events.subList(3, 6));
  }

  @Test
  void onlyASubmissionInABurstWaitsAndNeverLongerThanTheLinger() {
    assertThat(StreamBatcher.lingerAfter(StreamBatcher.BURST_NANOS)).isZero();
    assertThat(StreamBatcher.lingerAfter(10 * StreamBatcher.BURST_NANOS)).isZero();
    assertThat(StreamBatcher.lingerAfter(0)).isEqualTo(StreamBatcher.LINGER_NANOS);
    assertThat(StreamBatcher.lingerAfter(100_000)).isEqualTo(StreamBatcher.LINGER_NANOS - 100_000);
  }
}
