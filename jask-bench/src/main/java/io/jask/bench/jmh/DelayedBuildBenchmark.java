package io.jask.bench.jmh;

import io.jask.bench.Workloads;
import io.jask.core.Delayed;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a tree of 9,999 {@code Delayed} tasks (5,000 {@code inc}s summed by {@code add}s), in
 * nanoseconds per task: the {@code build_us_per_task} of {@code jask bench delayed}.
 *
 * <p>{@code java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main DelayedBuildBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DelayedBuildBenchmark {
  static final int LEAVES = 5_000;
  static final int TASKS = 2 * LEAVES - 1;

  /** The delayed tree; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public Delayed<Long> buildTree10k() {
    return Workloads.incTree(LEAVES);
  }
}
