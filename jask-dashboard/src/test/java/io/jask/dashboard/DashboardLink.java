package io.jask.dashboard;

import java.net.URI;

/** A dashboard link split into where it listens and its token, for tests. */
record DashboardLink(String base, String token) {
  static DashboardLink parse(String link) {
    URI uri = URI.create(link);
    String query = uri.getQuery();
    if (!uri.getPath().equals("/status") || query == null || !query.startsWith("token=")) {
      throw new IllegalArgumentException("not a dashboard link: " + link);
    }
    return new DashboardLink(uri.getScheme() + "://" + uri.getAuthority(), query.substring("token=".length()));
  }

  int port() {
    return URI.create(base).getPort();
  }
}
