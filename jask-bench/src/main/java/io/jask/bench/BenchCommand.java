package io.jask.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jask bench}: the parent of the benchmark workloads, one subcommand each ({@code bench
 * delayed}; further workloads are added to {@code subcommands} as siblings). Alone, it prints its
 * usage.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Jask's per-task overhead, and compare with Dask when it is installed.",
    subcommands = {DelayedBench.class, FuturesBench.class, ThreadsBench.class, DashboardBench.class,
        SpillBench.class, ArrayBench.class, XarrayBench.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
