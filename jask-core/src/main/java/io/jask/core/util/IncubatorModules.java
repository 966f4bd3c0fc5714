package io.jask.core.util;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The incubating JDK modules this JVM runs with, such as {@code jdk.incubator.vector}, which
 * Jask's array readers use for their vector kernels: an incubating module is only resolved when a
 * JVM is started with {@code --add-modules}, so a JVM that Jask starts (a local worker, a
 * benchmark's child) is given the same ones to run the same code.
 */
public final class IncubatorModules {
  private IncubatorModules() {}

  /** The {@code --add-modules} option naming them, or nothing when this JVM runs none. */
  public static List<String> options() {
    String names = ModuleLayer.boot().modules().stream()
        .map(Module::getName)
        .filter(n -> n.startsWith("jdk.incubator."))
        .sorted()
        .collect(Collectors.joining(","));
    return names.isEmpty() ? List.of() : List.of("--add-modules", names);
  }
}
