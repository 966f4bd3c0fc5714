package io.jask.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incubating modules a JVM was started with are named, and only those. */
class IncubatorModulesTest {
  @TempDir Path dir;

  @Test
  void aJvmStartedWithoutAnyNamesNone() {
    // the tests of this module run without --add-modules
    assertThat(IncubatorModules.options()).isEmpty();
  }

  @Test
  void aJvmStartedWithTheVectorModuleNamesIt() throws Exception {
    Path probe = dir.resolve("Probe.java");
    Files.writeString(probe, "public class Probe { public static void main(String[] a) {"
        + " System.out.println(String.join(\" \", io.jask.core.util.IncubatorModules.options())); } }");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), probe.toString()).redirectErrorStream(false).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
      assertThat(List.of(out.split(" "))).containsExactly("--add-modules", "jdk.incubator.vector");
    } finally {
      p.destroyForcibly();
    }
  }
}
