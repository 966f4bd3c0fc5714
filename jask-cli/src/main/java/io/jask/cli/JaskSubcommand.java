package io.jask.cli;

/**
 * A subcommand that a module below the CLI adds to {@code jask}, found with {@link
 * java.util.ServiceLoader}: {@code jask bench} comes from the benchmarks this way, so the CLI
 * does not depend on them.
 */
public interface JaskSubcommand {
  /** The picocli command object ({@code @Command}-annotated); its name is taken from the annotation. */
  Object command();
}
