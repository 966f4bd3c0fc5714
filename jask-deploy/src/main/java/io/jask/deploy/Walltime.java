package io.jask.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A job's walltime as batch systems write it: {@code [D-]HH:MM:SS}, {@code MM:SS} or minutes. */
final class Walltime {
  private static final Pattern FORMAT =
      Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(?:(\\d+):)?(\\d+)");

  private Walltime() {}

  /**
   * Parses {@code 01:30:00}, {@code 1-00:00:00}, {@code 30:00} or {@code 90} (minutes, as SLURM).
   *
   * @throws IllegalArgumentException naming the text if it does not parse or is zero
   */
  static Duration parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("walltime must look like HH:MM:SS, got '" + text + "'");
    }
    long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long seconds;
    if (m.group(2) == null && m.group(3) == null) {
      seconds = Long.parseLong(m.group(4)) * 60; // a bare number is minutes
    } else if (m.group(3) == null) {
      seconds = Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(4)); // MM:SS
    } else {
      seconds = Long.parseLong(m.group(2)) * 3600 + Long.parseLong(m.group(3)) * 60 + Long.parseLong(m.group(4));
    }
    Duration d = Duration.ofDays(days).plusSeconds(seconds);
    if (d.isZero()) {
      throw new IllegalArgumentException("walltime must be more than zero, got '" + text + "'");
    }
    return d;
  }

  /** {@code HH:MM:SS}, hours beyond 24 included, rounded up to whole seconds. */
  static String format(Duration d) {
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
