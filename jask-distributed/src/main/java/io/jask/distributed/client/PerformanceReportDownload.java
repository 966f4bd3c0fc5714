package io.jask.distributed.client;

import io.jask.core.JaskException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Fetches the performance report from the dashboard, presenting the token of its link as a bearer
 * token (never in a URL that a log could keep), and writes it to a file.
 */
final class PerformanceReportDownload {
  private PerformanceReportDownload() {}

  static void fetch(String dashboardLink, Instant since, Path path) {
    URI link = URI.create(dashboardLink);
    String token = tokenOf(link);
    URI report = link.resolve("/performance-report?since=" + since.toEpochMilli());
    HttpRequest request = HttpRequest.newBuilder(report)
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new JaskException("the dashboard at " + link.getScheme() + "://" + link.getAuthority()
            + " answered " + response.statusCode() + " for the performance report: " + response.body().strip());
      }
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(path, response.body(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JaskException("could not write the performance report to " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaskException("interrupted while fetching the performance report", e);
    }
  }

  private static String tokenOf(URI link) {
    String query = link.getRawQuery();
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("token=")) {
          return URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
        }
      }
    }
    throw new JaskException("the dashboard link carries no token");
  }
}
