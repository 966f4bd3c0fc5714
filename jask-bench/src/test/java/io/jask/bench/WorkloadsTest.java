package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.Delayed;
import io.jask.core.scheduler.Schedulers;
import org.junit.jupiter.api.Test;

/** The benchmark graphs: their shape, and that they compute what the plain loops say. */
class WorkloadsTest {
  @Test
  void treeHasTwoNMinusOneTasksAndSumsTheIncs() {
    for (int leaves : new int[] {1, 2, 3, 7, 64, 1000}) {
      Delayed<Long> tree = Workloads.incTree(leaves);
      assertThat(tree.graph().size()).isEqualTo(Workloads.incTreeTasks(leaves));
      assertThat(tree.compute(Schedulers.sync())).isEqualTo(Workloads.incTreeExpected(leaves))
          .isEqualTo((long) leaves * (leaves + 1) / 2);
    }
  }

  @Test
  void chainHasOneTaskPerLink() {
    Delayed<Long> chain = Workloads.incChain(500);
    assertThat(chain.graph().size()).isEqualTo(500);
    assertThat(chain.compute(Schedulers.sync())).isEqualTo(Workloads.incChainExpected(500)).isEqualTo(500L);
  }

  @Test
  void sizesScaleAndStayPositive() {
    assertThat(DelayedWorkload.TREE.size(1)).isEqualTo(100_000);
    assertThat(DelayedWorkload.TREE.tasks(DelayedWorkload.TREE.size(1))).isEqualTo(199_999);
    assertThat(DelayedWorkload.CHAIN.size(0.01)).isEqualTo(100);
    assertThat(DelayedWorkload.CHAIN.size(1e-9)).isEqualTo(1);
    assertThat(DelayedWorkload.ofKind("chain")).isEqualTo(DelayedWorkload.CHAIN);
  }

  @Test
  void rejectsEmptyWorkloads() {
    assertThatThrownBy(() -> Workloads.incTree(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Workloads.incChain(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Timing.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Timing.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
