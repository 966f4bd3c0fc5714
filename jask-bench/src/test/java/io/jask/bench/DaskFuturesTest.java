package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The medians taken from the Dask futures script's lines (the script itself runs in {@link FuturesBenchTest}). */
class DaskFuturesTest {
  @Test
  void takesTheMedianOfEachWorkloadAndCluster() {
    List<DaskFutures.Figure> figures = DaskFutures.medians(List.of(
        DaskScript.fields("SAMPLE name=futures_submit cluster=dask-inproc tasks=100 seconds=3"),
        DaskScript.fields("SAMPLE name=futures_submit cluster=dask-inproc tasks=100 seconds=1"),
        DaskScript.fields("SAMPLE name=futures_submit cluster=dask-inproc tasks=100 seconds=2"),
        DaskScript.fields("SAMPLE name=futures_submit cluster=dask-2proc tasks=100 seconds=4"),
        DaskScript.fields("SAMPLE name=futures_roundtrip cluster=dask-inproc tasks=7 median_ms=2.5")));

    assertThat(figures).containsExactly(
        new DaskFutures.Figure("futures_submit", "dask-inproc", 100, 2.0),
        new DaskFutures.Figure("futures_submit", "dask-2proc", 100, 4.0),
        new DaskFutures.Figure("futures_roundtrip", "dask-inproc", 7, 2.5));
    assertThat(figures.get(0).tasksPerSecond()).isEqualTo(50.0);
  }

  @Test
  void aSampleWithoutItsClusterIsAnError() {
    assertThatThrownBy(() -> DaskFutures.medians(List.of(Map.of("name", "futures_map", "tasks", "3", "seconds", "1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no cluster");
  }

  @Test
  void anInterpreterThatDoesNotExistHasNoDask() {
    assertThat(new DaskFutures("/nonexistent/python3", new PrintWriter(new StringWriter())).available()).isFalse();
  }
}
