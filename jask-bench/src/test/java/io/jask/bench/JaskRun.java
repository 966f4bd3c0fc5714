package io.jask.bench;

import io.jask.cli.JaskSubcommand;
import io.jask.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;

/** {@code jask args...} run in this JVM as {@link Main#run} runs it, with its output captured. */
record JaskRun(int status, String out, String err) {
  static JaskRun of(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    for (JaskSubcommand plugin : ServiceLoader.load(JaskSubcommand.class)) {
      commandLine.addSubcommand(plugin.command());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute(args);
    return new JaskRun(status, out.toString(), err.toString());
  }

  /** The printed lines that start with {@code prefix} (such as {@code RESULT}). */
  List<String> lines(String prefix) {
    return Arrays.stream(out.split("\\R")).filter(l -> l.startsWith(prefix + " ")).toList();
  }

  /** The fields of those lines, {@code name=value} by name. */
  List<Map<String, String>> fields(String prefix) {
    return lines(prefix).stream().map(DaskScript::fields).toList();
  }
}
