package io.jask.bench.jmh;

import io.jask.bench.Workloads;
import io.jask.core.Delayed;
import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two steps every {@code compute()} takes before running a task, on a 99,999-task tree, in
 * nanoseconds per task: collecting the graph of a {@code Delayed} ({@link Delayed#graph()}) and
 * {@link ExecutionPlan#of} (culling, checking, numbering and ordering it).
 *
 * <p>{@code java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main ExecutionPlanBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ExecutionPlanBenchmark {
  static final int LEAVES = 50_000;
  static final int TASKS = 2 * LEAVES - 1;

  private Delayed<Long> root;
  private Graph graph;
  private List<Key> outputs;

  /** Builds the tree and its graph once. */
  @Setup(Level.Trial)
  public void setUp() {
    root = Workloads.incTree(LEAVES);
    graph = root.graph();
    outputs = List.of(root.key());
    if (graph.size() != TASKS) {
      throw new IllegalStateException("expected " + TASKS + " tasks, got " + graph.size());
    }
  }

  /** {@code ExecutionPlan.of} on the 100k-task graph; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public ExecutionPlan plan100k() {
    return ExecutionPlan.of(graph, outputs);
  }

  /** Collecting the graph from the delayed values; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public Graph collectGraph100k() {
    return root.graph();
  }
}
