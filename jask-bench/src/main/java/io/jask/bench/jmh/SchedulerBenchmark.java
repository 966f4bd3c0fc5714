package io.jask.bench.jmh;

import io.jask.bench.Workloads;
import io.jask.core.Delayed;
import io.jask.core.graph.ExecutionPlan;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.scheduler.Schedulers;
import io.jask.core.scheduler.ThreadedScheduler;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Running a 9,999-task {@code inc}/{@code add} tree, in nanoseconds per task: Jask's threaded
 * scheduler (plan included, as {@code compute()} pays it) and its synchronous one, against the
 * {@link ForkJoinFloor}, a bare dependency-counting executor on a {@link ForkJoinPool} of as many
 * threads. The gap between {@code jaskThreads} and {@code forkJoinFloor} is Jask's own overhead.
 *
 * <p>{@code java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main SchedulerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SchedulerBenchmark {
  static final int LEAVES = 5_000;
  static final int TASKS = 2 * LEAVES - 1;

  private ThreadedScheduler jask;
  private ForkJoinPool pool;
  private Graph graph;
  private List<Key> outputs;
  private ForkJoinFloor floor;

  /** Builds the graph and the floor's copy of it, starts both pools, and checks all three agree. */
  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    int threads = Runtime.getRuntime().availableProcessors();
    jask = new ThreadedScheduler(threads);
    pool = new ForkJoinPool(threads);
    Delayed<Long> root = Workloads.incTree(LEAVES);
    graph = root.graph();
    outputs = List.of(root.key());
    floor = ForkJoinFloor.of(ExecutionPlan.of(graph, outputs));
    long expected = Workloads.incTreeExpected(LEAVES);
    check("jaskThreads", jaskThreads(), expected);
    check("jaskSync", jaskSync(), expected);
    check("forkJoinFloor", forkJoinFloor(), expected);
  }

  private static void check(String what, long got, long expected) {
    if (got != expected) {
      throw new IllegalStateException(what + " computed " + got + ", expected " + expected);
    }
  }

  /** Stops both pools. */
  @TearDown(Level.Trial)
  public void tearDown() {
    jask.close();
    pool.shutdownNow();
  }

  /** Jask's threaded scheduler, one thread per core; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long jaskThreads() {
    return (Long) jask.get(graph, outputs).get(0);
  }

  /** Jask's synchronous scheduler; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long jaskSync() {
    return (Long) Schedulers.sync().get(graph, outputs).get(0);
  }

  /** The bare fork/join dependency-counting executor, same threads, plan precomputed; per task. */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long forkJoinFloor() throws InterruptedException {
    return floor.run(pool);
  }
}
