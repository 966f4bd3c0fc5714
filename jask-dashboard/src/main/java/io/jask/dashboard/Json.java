package io.jask.dashboard;

import java.util.Locale;

/** A small JSON writer: the feeds are built by hand, once per tick, with no reflection. */
final class Json {
  private final StringBuilder out;
  private boolean first = true;

  Json(StringBuilder out) {
    this.out = out;
  }

  Json() {
    this(new StringBuilder(256));
  }

  Json beginObject() {
    comma();
    out.append('{');
    first = true;
    return this;
  }

  Json endObject() {
    out.append('}');
    first = false;
    return this;
  }

  Json beginArray() {
    comma();
    out.append('[');
    first = true;
    return this;
  }

  Json endArray() {
    out.append(']');
    first = false;
    return this;
  }

  Json name(String name) {
    comma();
    quote(out, name);
    out.append(':');
    first = true;
    return this;
  }

  Json value(String value) {
    comma();
    if (value == null) {
      out.append("null");
    } else {
      quote(out, value);
    }
    return this;
  }

  Json value(long value) {
    comma();
    out.append(value);
    return this;
  }

  Json value(double value) {
    comma();
    if (Double.isFinite(value)) {
      out.append(String.format(Locale.ROOT, "%.4f", value));
    } else {
      out.append("null");
    }
    return this;
  }

  Json value(boolean value) {
    comma();
    out.append(value);
    return this;
  }

  Json field(String name, String value) {
    return name(name).value(value);
  }

  Json field(String name, long value) {
    return name(name).value(value);
  }

  Json field(String name, double value) {
    return name(name).value(value);
  }

  Json field(String name, boolean value) {
    return name(name).value(value);
  }

  private void comma() {
    if (!first) {
      out.append(',');
    }
    first = false;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /**
   * Appends {@code s} as a JSON string. {@code <}, {@code >} and {@code &} are escaped too, so the
   * text is safe inside an HTML {@code <script>} block (the performance report inlines its data).
   */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
