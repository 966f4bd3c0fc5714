package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Dask script, run for real at a tiny size where Debian's Dask is installed (skipped
 * elsewhere), and the parsing of its lines.
 */
class DaskComparisonTest {
  @Test
  void parsesKeyValueFields() {
    assertThat(DaskScript.fields("SAMPLE kind=tree scheduler=dask-sync tasks=3 build_s=0.5 seconds=1e-3"))
        .containsEntry("kind", "tree")
        .containsEntry("scheduler", "dask-sync")
        .containsEntry("tasks", "3")
        .containsEntry("seconds", "1e-3")
        .doesNotContainKey("SAMPLE");
  }

  @Test
  void anInterpreterThatDoesNotExistHasNoDask() {
    assertThat(new DaskComparison("/nonexistent/python3", new PrintWriter(new StringWriter())).available()).isFalse();
  }

  @Test
  @Tag("slow")
  void runsTheWorkloadsOnDaskWithTheSameTaskCounts() {
    StringWriter log = new StringWriter();
    DaskComparison dask = new DaskComparison(DaskComparison.DEFAULT_PYTHON, new PrintWriter(log, true));
    assumeThat(dask.available()).as("python3-dask is installed").isTrue();
    Map<DelayedWorkload, Integer> sizes = new EnumMap<>(DelayedWorkload.class);
    sizes.put(DelayedWorkload.TREE, 50);
    sizes.put(DelayedWorkload.CHAIN, 20);

    List<BenchResult> results = dask.run(sizes, 2, 0);

    assertThat(results).extracting(r -> r.name() + " " + r.scheduler() + " " + r.tasks())
        .containsExactlyInAnyOrder(
            "delayed_tree_100k dask-threads 99",
            "delayed_tree_100k dask-sync 99",
            "delayed_chain_10k dask-threads 20",
            "delayed_chain_10k dask-sync 20");
    assertThat(results).allSatisfy(r -> {
      assertThat(r.seconds()).isPositive();
      assertThat(r.buildSeconds()).isPositive();
    });
  }
}
