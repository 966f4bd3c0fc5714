package io.jask.core.diagnostics;

import io.jask.core.JaskException;
import io.jask.core.graph.Graph;
import io.jask.core.graph.Key;
import io.jask.core.graph.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Draws task graphs: Graphviz DOT text, and SVG, PNG or PDF through Graphviz's {@code dot}
 * program. As in Dask, each task is a circle named after its function, each result a box named
 * after its key, and data flows upwards.
 *
 * <p>The {@code dot} program is looked up on the {@code PATH}, or taken from the {@code
 * jask.graphviz.dot} system property.
 */
public final class GraphRenderer {
  private GraphRenderer() {}

  /** The graph as Graphviz DOT text. */
  public static String toDot(Graph graph) {
    StringBuilder dot = new StringBuilder(64 + graph.size() * 96);
    dot.append("digraph jask {\n  graph [rankdir=BT];\n");
    int i = 0;
    for (Task task : graph) {
      String id = "t" + i++;
      String key = quote(task.key().toString());
      if (task.isConstant()) {
        dot.append("  ").append(id).append("_r [label=").append(quote(task.key().group()))
            .append(", shape=box, tooltip=").append(key).append("];\n");
        continue;
      }
      dot.append("  ").append(id).append(" [label=").append(quote(task.functionName()))
          .append(", shape=circle, tooltip=").append(key).append("];\n");
      dot.append("  ").append(id).append("_r [label=").append(quote(task.key().group()))
          .append(", shape=box, tooltip=").append(key).append("];\n");
      dot.append("  ").append(id).append(" -> ").append(id).append("_r;\n");
    }
    for (Task task : graph) {
      int to = graph.indexOf(task.key());
      for (int d = 0; d < task.dependencyCount(); d++) {
        Key dep = task.dependency(d);
        int from = graph.indexOf(dep);
        if (from >= 0) {
          dot.append("  t").append(from).append("_r -> t").append(to).append(";\n");
        }
      }
    }
    return dot.append("}\n").toString();
  }

  /**
   * Writes the graph to {@code path}, in the format its extension names: {@code .dot} or {@code
   * .gv} as text; {@code .svg}, {@code .png} or {@code .pdf} through Graphviz.
   *
   * @return {@code path}
   * @throws JaskException if the extension is unknown, Graphviz is missing or fails, or the file
   *     cannot be written
   */
  public static Path write(Graph graph, Path path) {
    String name = path.getFileName().toString();
    String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    String dot = toDot(graph);
    try {
      switch (format) {
        case "dot":
        case "gv":
          Files.writeString(path, dot, StandardCharsets.UTF_8);
          return path;
        case "svg":
        case "png":
        case "pdf":
          render(dot, format, path);
          return path;
        default:
          throw new JaskException("cannot tell the graph format of '" + path
              + "': use a name ending in .dot, .gv, .svg, .png or .pdf");
      }
    } catch (IOException e) {
      throw new JaskException("could not write the graph to '" + path + "': " + e.getMessage(), e);
    }
  }

  private static void render(String dot, String format, Path path) throws IOException {
    String program = System.getProperty("jask.graphviz.dot", "dot");
    Process process;
    try {
      process = new ProcessBuilder(program, "-T" + format, "-o", path.toString())
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new JaskException("writing '" + path + "' as " + format.toUpperCase(Locale.ROOT)
          + " needs Graphviz, but its '" + program + "' program was not found (" + e.getMessage()
          + "). Install Graphviz (Debian: apt-get install graphviz) or write a .dot file instead.", e);
    }
    try (var in = process.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new JaskException("Graphviz took over 5 minutes to draw '" + path + "'");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while Graphviz drew '" + path + "'", e);
    }
    if (process.exitValue() != 0) {
      throw new JaskException("Graphviz '" + program + "' failed with exit code " + process.exitValue()
          + " writing '" + path + "': " + output.strip());
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
