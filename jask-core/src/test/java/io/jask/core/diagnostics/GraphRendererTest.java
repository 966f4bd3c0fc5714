package io.jask.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jask.core.Delayed;
import io.jask.core.Jask;
import io.jask.core.JaskException;
import io.jask.core.graph.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drawing task graphs as DOT text and, through Graphviz, as SVG. */
class GraphRendererTest {
  private static final String DOT_PROPERTY = "jask.graphviz.dot";
  private static final Pattern TASK_NODE = Pattern.compile("(t\\d+) \\[label=\"([^\"]*)\", shape=circle, tooltip=\"([^\"]*)\"\\]");
  private static final Pattern RESULT_NODE = Pattern.compile("(t\\d+)_r \\[label=\"([^\"]*)\", shape=box, tooltip=\"([^\"]*)\"\\]");
  private static final Pattern EDGE = Pattern.compile("(t\\d+)_r -> (t\\d+);");

  @TempDir
  Path dir;
  private String savedDot;

  static int inc(int x) {
    return x + 1;
  }

  static int add(int x, int y) {
    return x + y;
  }

  @BeforeEach
  void saveProperty() {
    savedDot = System.getProperty(DOT_PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (savedDot == null) {
      System.clearProperty(DOT_PROPERTY);
    } else {
      System.setProperty(DOT_PROPERTY, savedDot);
    }
  }

  private final Delayed<Integer> x = Jask.delayed(GraphRendererTest::inc, 1);
  private final Delayed<Integer> y = Jask.delayed(GraphRendererTest::inc, 2);
  private final Delayed<Integer> z = Jask.delayed(GraphRendererTest::add, x, y);

  @Test
  void dotHasANodePerTaskNamedAfterItsFunctionAndAnEdgePerDependency() {
    String dot = GraphRenderer.toDot(z.graph());
    assertThat(dot).startsWith("digraph jask {").endsWith("}\n");

    Map<Key, String> taskNodeByKey = new HashMap<>();
    Map<Key, String> labelByKey = new HashMap<>();
    Matcher task = TASK_NODE.matcher(dot);
    while (task.find()) {
      taskNodeByKey.put(Key.of(task.group(3)), task.group(1));
      labelByKey.put(Key.of(task.group(3)), task.group(2));
    }
    assertThat(taskNodeByKey).containsOnlyKeys(x.key(), y.key(), z.key());
    assertThat(labelByKey).containsEntry(x.key(), "inc").containsEntry(y.key(), "inc").containsEntry(z.key(), "add");

    Matcher result = RESULT_NODE.matcher(dot);
    int results = 0;
    while (result.find()) {
      results++;
      assertThat(result.group(2)).isEqualTo(Key.of(result.group(3)).group());
    }
    assertThat(results).as("a result box per task").isEqualTo(3);

    Matcher edge = EDGE.matcher(dot);
    List<String> edges = new ArrayList<>();
    while (edge.find()) {
      edges.add(edge.group(1) + "->" + edge.group(2));
    }
    String zNode = taskNodeByKey.get(z.key());
    assertThat(edges).containsExactlyInAnyOrder(
        taskNodeByKey.get(x.key()) + "->" + zNode, taskNodeByKey.get(y.key()) + "->" + zNode);
  }

  @Test
  void aConstantIsOnlyABox() {
    String dot = GraphRenderer.toDot(Jask.delayed(GraphRendererTest::inc, Jask.value(1)).graph());
    assertThat(TASK_NODE.matcher(dot).results().count()).isEqualTo(1);
    assertThat(RESULT_NODE.matcher(dot).results().count()).isEqualTo(2);
    assertThat(dot).contains("label=\"integer\"");
    assertThat(EDGE.matcher(dot).results().count()).isEqualTo(1);
  }

  @Test
  void quotesInKeysAreEscaped() {
    String dot = GraphRenderer.toDot(Jask.options().name("say \"hi\"").delayed(() -> 1).graph());
    assertThat(dot).contains("tooltip=\"say \\\"hi\\\"\"");
  }

  @Test
  void visualizeWritesDotFiles() throws IOException {
    Path file = z.visualize(dir.resolve("graph.dot"));
    assertThat(file).isEqualTo(dir.resolve("graph.dot"));
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(GraphRenderer.toDot(z.graph()));
    Path gv = Jask.visualize(dir.resolve("both.GV"), x, y);
    assertThat(Files.readString(gv)).contains("label=\"inc\"").doesNotContain("label=\"add\"");
  }

  @Test
  void visualizeWritesSvgThroughGraphviz() throws IOException {
    System.clearProperty(DOT_PROPERTY);
    Assumptions.assumeTrue(dotIsOnPath(), "Graphviz 'dot' is not on the PATH");
    Path file = z.visualize(dir.resolve("graph.svg"));
    String svg = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(svg.startsWith("<?xml") || svg.contains("<svg")).as("an SVG document").isTrue();
    assertThat(svg).contains("<svg").contains("inc").contains("add");
  }

  @Test
  void withoutGraphvizSvgIsAJaskExceptionNamingTheProgram() {
    String missing = dir.resolve("no-such-graphviz-dot").toString();
    System.setProperty(DOT_PROPERTY, missing);
    Path target = dir.resolve("graph.svg");
    assertThatThrownBy(() -> z.visualize(target))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("Graphviz")
        .hasMessageContaining(missing)
        .hasMessageContaining(".dot");
    assertThat(target).doesNotExist();
  }

  @Test
  void anUnknownExtensionIsAJaskException() {
    assertThatThrownBy(() -> z.visualize(dir.resolve("graph.txt")))
        .isInstanceOf(JaskException.class)
        .hasMessageContaining("graph.txt")
        .hasMessageContaining(".dot").hasMessageContaining(".svg");
    assertThatThrownBy(() -> z.visualize(dir.resolve("graph")))
        .isInstanceOf(JaskException.class).hasMessageContaining(".dot");
    assertThat(dir.resolve("graph.txt")).doesNotExist();
  }

  @Test
  void aFileThatCannotBeWrittenIsAJaskException() {
    Path inMissingDirectory = dir.resolve("missing").resolve("graph.dot");
    assertThatThrownBy(() -> z.visualize(inMissingDirectory))
        .isInstanceOf(JaskException.class).hasMessageContaining(inMissingDirectory.toString());
  }

  private static boolean dotIsOnPath() {
    try {
      Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
