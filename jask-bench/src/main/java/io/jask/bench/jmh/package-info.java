/**
 * JMH micro-benchmarks of Jask's per-task costs: tokenizing, building {@code Delayed} graphs,
 * planning, and running on the threaded scheduler against a bare fork/join floor.
 *
 * <p>Run them from the runnable jar (the shaded {@code jask.jar} carries JMH and its {@code
 * META-INF/BenchmarkList}), all or those matching a regular expression:
 *
 * <pre>
 * mvn -q -B -DskipTests package
 * java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main io.jask.bench.jmh
 * java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main SchedulerBenchmark -prof gc
 * java -cp jask-bench/target/jask.jar org.openjdk.jmh.Main -h     # JMH's own options
 * </pre>
 *
 * <p>Defaults are modest (one fork, two warm-up and three measured iterations); raise them with
 * {@code -f}, {@code -wi} and {@code -i} for numbers worth publishing.
 */
package io.jask.bench.jmh;
