package io.jask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryMonitorPartsTest {
  @Test
  void thePauseGatePausesAboveAndResumesAtOrBelowTheThreshold() {
    PauseGate gate = new PauseGate(800);
    assertThat(gate.observe(500)).isEqualTo(PauseGate.Decision.NONE);
    assertThat(gate.observe(801)).isEqualTo(PauseGate.Decision.PAUSE);
    assertThat(gate.paused()).isTrue();
    assertThat(gate.observe(900)).isEqualTo(PauseGate.Decision.NONE);
    assertThat(gate.observe(800)).isEqualTo(PauseGate.Decision.RESUME);
    assertThat(gate.observe(100)).isEqualTo(PauseGate.Decision.NONE);
    assertThat(new PauseGate(Long.MAX_VALUE).observe(Long.MAX_VALUE - 1)).isEqualTo(PauseGate.Decision.NONE);
  }

  @Test
  void thresholdsTurnIntoBytesAndZeroTurnsThemOff() {
    MemoryThresholds t = MemoryThresholds.defaults();
    assertThat(t.targetBytes(1000)).isEqualTo(600);
    assertThat(t.pauseBytes(1000)).isEqualTo(800);
    assertThat(t.terminateBytes(1000)).isEqualTo(950);
    assertThat(t.withTarget(0).targetBytes(1000)).isEqualTo(Long.MAX_VALUE);
    assertThat(t.pauseBytes(0)).isEqualTo(Long.MAX_VALUE); // no limit: never
  }

  @Test
  void badThresholdsAreRefusedByName() {
    assertThatThrownBy(() -> MemoryThresholds.defaults().withPause(1.5)).hasMessageContaining("pause");
    assertThatThrownBy(() -> MemoryThresholds.defaults().withTarget(0.9)).hasMessageContaining("spill target");
    assertThatThrownBy(() -> MemoryThresholds.defaults().withTerminate(0.5)).hasMessageContaining("terminate");
    assertThatThrownBy(() -> new MemoryThresholds(Double.NaN, 0, 0)).hasMessageContaining("target");
    assertThatThrownBy(() -> WorkerArguments.parse("tcp://x:1", "--memory-pause", "lots"))
        .hasMessageContaining("--memory-pause").hasMessageContaining("lots");
    assertThat(WorkerArguments.parse("tcp://x:1", "--memory-target", "0", "--memory-pause", "0.5").thresholds())
        .isEqualTo(new MemoryThresholds(0, 0.5, 0.95));
  }

  @Test
  void residentMemoryIsParsedFromProcStatus() {
    assertThat(ProcessMemory.parseResidentBytes("Name:\tjava\nVmRSS:\t  123456 kB\nThreads: 9\n"))
        .isEqualTo(123456L * 1024);
    assertThat(ProcessMemory.parseResidentBytes("Name:\tjava\n")).isEqualTo(-1);
    assertThatThrownBy(() -> ProcessMemory.parseResidentBytes("VmRSS: 12 MB\n")).hasMessageContaining("VmRSS");
    long own = ProcessMemory.residentBytes(ProcessHandle.current().pid());
    assertThat(own).isGreaterThan(10L << 20); // a JVM is never this small
    assertThat(ProcessMemory.inUse()).isPositive();
    assertThat(ProcessMemory.residentBytes(Long.MAX_VALUE)).isEqualTo(-1);
  }
}
