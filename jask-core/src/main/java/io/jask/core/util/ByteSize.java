package io.jask.core.util;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, parsed once from text such as {@code "2GB"}, {@code "1.5 GiB"} or {@code
 * "500MB"}, as Dask's {@code parse_bytes} reads them: decimal units (kB, MB, GB, TB, PB) are powers
 * of 1000, binary units (KiB, MiB, GiB, TiB, PiB) powers of 1024, units are case-insensitive, and a
 * bare number is bytes.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
  private static final Pattern SIZE =
      Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*([a-zA-Z]*)\\s*");
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  /**
   * A size of {@code bytes} bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes + " bytes");
    }
  }

  /** A size of {@code bytes} bytes. */
  public static ByteSize ofBytes(long bytes) {
    return new ByteSize(bytes);
  }

  /**
   * Parses a size.
   *
   * @throws IllegalArgumentException naming the text if it is not a size, or its unit is unknown
   */
  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size: write a number and a unit, such as 2GB, 512MiB or 1e9");
    }
    double number = Double.parseDouble(m.group(1));
    double bytes = number * multiplier(m.group(2), text);
    if (bytes > Long.MAX_VALUE) {
      throw new IllegalArgumentException("size '" + text + "' is too large");
    }
    return new ByteSize(Math.round(bytes));
  }

  private static double multiplier(String unit, String text) {
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "":
      case "b":
        return 1;
      case "k":
      case "kb":
        return 1e3;
      case "m":
      case "mb":
        return 1e6;
      case "g":
      case "gb":
        return 1e9;
      case "t":
      case "tb":
        return 1e12;
      case "p":
      case "pb":
        return 1e15;
      case "kib":
        return 0x1p10;
      case "mib":
        return 0x1p20;
      case "gib":
        return 0x1p30;
      case "tib":
        return 0x1p40;
      case "pib":
        return 0x1p50;
      default:
        throw new IllegalArgumentException("unknown unit '" + unit + "' in size '" + text
            + "': use B, kB, MB, GB, TB, PB or KiB, MiB, GiB, TiB, PiB");
    }
  }

  /** The size in binary units with two decimals at most, such as {@code "1.86 GiB"}. */
  public String toHumanString() {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0) {
      return bytes + " B";
    }
    return String.format(Locale.ROOT, "%.2f %s", value, BINARY[unit]);
  }

  @Override
  public int compareTo(ByteSize other) {
    return Long.compare(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toHumanString();
  }
}
