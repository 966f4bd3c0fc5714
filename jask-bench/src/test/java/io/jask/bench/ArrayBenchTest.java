package io.jask.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jask.cli.JaskSubcommand;
import io.jask.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code jask bench array} at a tiny scale: the lines it prints, not its timings. */
class ArrayBenchTest {
  @Test
  void warmUpBoundsThatContradictEachOtherAreRefused() {
    CommandLine commandLine = command();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute("bench", "array", "--scale", "0.01", "--warmup", "3", "--max-warmup", "2");
    assertThat(status).isNotZero();
    assertThat(err.toString()).contains("--warmup").contains("--max-warmup");
  }

  private static CommandLine command() {
    CommandLine commandLine = new CommandLine(new Main());
    for (JaskSubcommand plugin : ServiceLoader.load(JaskSubcommand.class)) {
      commandLine.addSubcommand(plugin.command());
    }
    return commandLine;
  }

  @Test
  void printsTheSpecifiedResultLines() {
    CommandLine commandLine = new CommandLine(new Main());
    for (JaskSubcommand plugin : ServiceLoader.load(JaskSubcommand.class)) {
      commandLine.addSubcommand(plugin.command());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute("bench", "array", "--scale", "0.01", "--repeat", "1");
    assertThat(status).as(err.toString()).isZero();
    List<Map<String, String>> results = Arrays.stream(out.toString().split("\\R"))
        .filter(l -> l.startsWith("RESULT ")).map(DaskScript::fields).toList();
    assertThat(results).extracting(f -> f.get("name") + " " + f.getOrDefault("scheduler", "-"))
        .containsExactly(
            "array_mean threads", "array_xpxT_sum0 threads", "array_strided_std threads",
            "array_mean_persisted threads", "array_xpxT_sum0_persisted threads", "array_strided_std_persisted threads",
            "array_mean dist-inproc", "array_xpxT_sum0 dist-inproc", "array_strided_std dist-inproc",
            "array_mean_persisted dist-inproc", "array_xpxT_sum0_persisted dist-inproc",
            "array_strided_std_persisted dist-inproc",
            "membw_one -", "membw_all -");
    for (Map<String, String> f : results) {
      if (f.get("name").startsWith("membw")) {
        assertThat(Double.parseDouble(f.get("gb_per_s"))).isPositive();
      } else {
        assertThat(Double.parseDouble(f.get("seconds"))).isPositive();
        assertThat(Double.parseDouble(f.get("peak_rss_mb"))).isPositive();
        assertThat(Integer.parseInt(f.get("warmups"))).isBetween(1, 10);
        assertThat(Long.parseLong(f.get("jit_ms"))).isGreaterThanOrEqualTo(-1);
      }
    }
  }
}
