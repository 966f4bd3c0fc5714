package io.jask.deploy;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for POSIX shells: what Jask writes into remote commands and job scripts. */
final class Shell {
  private Shell() {}

  /** {@code text} as one shell word: single-quoted unless it needs no quoting. */
  static String quote(String text) {
    if (!text.isEmpty() && text.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return text;
    }
    return "'" + text.replace("'", "'\"'\"'") + "'";
  }

  /** The words quoted and joined by spaces. */
  static String join(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  /** The last {@code max} characters of {@code text}, marked when cut. */
  static String tail(String text, int max) {
    String t = text == null ? "" : text.stripTrailing();
    return t.length() <= max ? t : "…" + t.substring(t.length() - max);
  }
}
