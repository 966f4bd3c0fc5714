package io.jask.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code jask} command. */
@Command(
    name = "jask",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Parallel computing for the JVM: task graphs, schedulers, chunked arrays.",
    subcommands = {DemoCommand.class, SchedulerCommand.class, WorkerCommand.class, SshCommand.class,
        JobqueueCommand.class, ClasspathCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    quietLogsForInteractiveCommands(args);
    CommandLine commandLine = new CommandLine(new Main());
    for (JaskSubcommand plugin : ServiceLoader.load(JaskSubcommand.class)) {
      commandLine.addSubcommand(plugin.command());
    }
    return commandLine.execute(args);
  }

  /**
   * The demo and the benchmarks print what the user asked for on standard output; the cluster's
   * start-up and shutdown lines would only bury it, so they log warnings only (unless the user
   * chose a level with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel}). Servers keep info.
   */
  private static void quietLogsForInteractiveCommands(String[] args) {
    String level = "org.slf4j.simpleLogger.defaultLogLevel";
    if (args.length > 0 && (args[0].equals("demo") || args[0].equals("bench")) && System.getProperty(level) == null) {
      System.setProperty(level, "warn");
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"jask " + (version == null ? "(development build)" : version),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
