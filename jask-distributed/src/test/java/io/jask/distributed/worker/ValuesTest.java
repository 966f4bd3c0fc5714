package io.jask.distributed.worker;

import static io.jask.distributed.worker.WorkerDriver.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void prioritiesCompareLexicographicallyLowerFirst() {
    assertThat(Priority.of(0)).isLessThan(Priority.of(1));
    assertThat(Priority.of(1, 5)).isLessThan(Priority.of(2));
    assertThat(Priority.of(1)).isLessThan(Priority.of(1, 0));
    assertThat(Priority.of(1).then(-3)).isEqualTo(Priority.of(1, -3)).hasToString("[1, -3]");
    assertThat(Priority.of(1, -3).levels()).containsExactly(1, -3);
  }

  @Test
  void configRejectsBadSettingsByName() {
    assertThatThrownBy(() -> WorkerConfig.of(0)).hasMessageContaining("nthreads");
    assertThatThrownBy(() -> WorkerConfig.of(1).withTransferLimits(0, 1, 1))
        .hasMessageContaining("transferIncomingCountLimit");
    assertThatThrownBy(() -> WorkerConfig.of(1).withTransferLimits(1, 0, 1))
        .hasMessageContaining("transferIncomingBytesLimit");
    assertThatThrownBy(() -> WorkerConfig.of(1).withTransferLimits(1, 1, 0))
        .hasMessageContaining("transferMessageBytesLimit");
    assertThatThrownBy(() -> WorkerConfig.of(1).withStoryLimit(-1)).hasMessageContaining("storyLimit");
    assertThatThrownBy(() -> WorkerConfig.of(1).withResources(Map.of("GPU", -1.0))).hasMessageContaining("GPU");
    assertThat(WorkerConfig.of(4).validate()).isFalse();
    assertThat(WorkerConfig.of(4).withValidate(true).validate()).isTrue();
  }

  @Test
  void eventsCopyAndCheckWhatTheyCarry() {
    assertThatThrownBy(
            () -> new WorkerEvent.ComputeTask("s", key("x"), "run", Priority.of(0), Map.of(key("x"), DependencyInfo.on(1, "a"))))
        .hasMessageContaining("depend on itself");
    assertThatThrownBy(() -> new DependencyInfo(Set.of("a"), -1)).hasMessageContaining("nbytes");
    assertThatThrownBy(() -> new WorkerEvent.GatherDepBusy("s", "", Set.of())).hasMessageContaining("peer");

    Set<String> peers = new java.util.HashSet<>(Set.of("b", "a"));
    DependencyInfo info = new DependencyInfo(peers, 3);
    peers.add("c");
    assertThat(info.whoHas()).containsExactly("a", "b");
  }

  @Test
  void workerStateNeedsAnAddress() {
    assertThatThrownBy(() -> new WorkerState("", WorkerConfig.of(1))).hasMessageContaining("address");
    WorkerState state = new WorkerState("tcp://w:1", WorkerConfig.of(2));
    assertThat(state.address()).isEqualTo("tcp://w:1");
    assertThat(state.isRunning()).isTrue();
    assertThat(state).hasToString("WorkerState[tcp://w:1, 0 tasks, 0/2 executing, 0 transfers, running]");
  }
}
