package io.jask.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files the pages load, from the classpath: Jask's own pages, scripts and styles, and the
 * charting and graph libraries from their WebJars. Nothing comes from the internet.
 */
final class Assets {
  /** An asset's bytes and content type. */
  record Asset(byte[] bytes, String contentType) {}

  private static final String OWN = "io/jask/dashboard/static/";
  /** Public name → where the library lies inside its WebJar, below its version. */
  private static final Map<String, String[]> LIBRARIES = Map.of(
      "echarts.min.js", new String[] {"echarts", "dist/echarts.min.js"},
      "cytoscape.min.js", new String[] {"cytoscape", "dist/cytoscape.min.js"});

  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  /** {@code /static/status.js} or {@code /webjars/echarts.min.js}; empty if there is no such file. */
  Optional<Asset> find(String path) {
    return cache.computeIfAbsent(path, Assets::load);
  }

  private static Optional<Asset> load(String path) {
    String resource;
    if (path.startsWith("/static/")) {
      String name = path.substring("/static/".length());
      if (!name.matches("[a-z0-9-]+\\.(html|js|css|png|svg)")) {
        return Optional.empty();
      }
      resource = OWN + name;
    } else if (path.startsWith("/webjars/")) {
      String[] library = LIBRARIES.get(path.substring("/webjars/".length()));
      if (library == null) {
        return Optional.empty();
      }
      resource = "META-INF/resources/webjars/" + library[0] + "/" + webjarVersion(library[0]) + "/" + library[1];
    } else {
      return Optional.empty();
    }
    byte[] bytes = read(resource);
    return bytes == null ? Optional.empty() : Optional.of(new Asset(bytes, contentType(resource)));
  }

  /** The text of an asset that must exist (a page, a script the report inlines). */
  String text(String path) {
    return new String(find(path).orElseThrow(() -> new IllegalStateException("the dashboard lacks " + path)).bytes(),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String webjarVersion(String artifact) {
    Properties p = new Properties();
    try (InputStream in = Assets.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the WebJar org.webjars.npm:" + artifact + " is not on the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "image/png";
  }
}
