package io.jask.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URL encoding for the few links the dashboard builds. */
final class Urls {
  private Urls() {}

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
