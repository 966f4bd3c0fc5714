package io.jask.bench.jmh;

import io.jask.core.graph.Tokens;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keying a task: {@link Tokens#tokenize} of a small argument list (what a {@code pure} delayed
 * call pays), and {@link Tokens#unique()} (what a default, impure one pays).
 *
 * <p>{@code java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main TokenizeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TokenizeBenchmark {
  private final Object[] smallArguments = {"inc", 42, 2.5, 7L, List.of(1, 2, 3), Map.of("axis", 0)};

  /** A token of six small arguments: a string, numbers, a list and a map. */
  @Benchmark
  public String tokenizeSmallArguments() {
    return Tokens.tokenize(smallArguments);
  }

  /** A fresh unique token. */
  @Benchmark
  public String uniqueToken() {
    return Tokens.unique();
  }
}
