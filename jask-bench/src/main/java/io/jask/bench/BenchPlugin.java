package io.jask.bench;

import io.jask.cli.JaskSubcommand;

/**
 * Adds {@code jask bench} to the {@code jask} command, found by {@link java.util.ServiceLoader}
 * through {@code META-INF/services/io.jask.cli.JaskSubcommand}.
 */
public final class BenchPlugin implements JaskSubcommand {
  /** The constructor {@link java.util.ServiceLoader} calls. */
  public BenchPlugin() {}

  @Override
  public Object command() {
    return new BenchCommand();
  }
}
