package io.jask.distributed.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stack trace as {@link Throwable#printStackTrace()} writes it back into frames and
 * causes, so that a remote failure prints here with its remote frames.
 *
 * <pre>
 * java.lang.IllegalStateException: boom          header: class and message (may span lines)
 * 	at app/com.example.Lesson.fail(Lesson.java:12) frames: one tab, "at"
 * 	Suppressed: ...                               skipped, with its deeper-indented lines
 * Caused by: java.lang.ArithmeticException: / by zero
 * 	at ...
 * 	... 3 more                                     the last 3 frames of the enclosing trace
 * </pre>
 */
final class StackTraceText {
  private static final String CAUSED_BY = "Caused by: ";

  /** One section of the text: an exception's header and frames. */
  record Section(String className, String message, List<StackTraceElement> frames, String text) {}

  private StackTraceText() {}

  /**
   * The sections of {@code text}: the exception itself first, then each cause in order. Empty if
   * the text holds no recognisable header.
   */
  static List<Section> parse(String text) {
    List<Section> sections = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    List<StackTraceElement> enclosing = List.of();
    while (i < lines.length && !lines[i].isBlank()) {
      int start = i;
      String header = lines[i].startsWith(CAUSED_BY) ? lines[i].substring(CAUSED_BY.length()) : lines[i];
      StringBuilder headerText = new StringBuilder(header);
      i++;
      while (i < lines.length && !isFrame(lines[i]) && !isMore(lines[i]) && !isCause(lines[i]) && !isIndented(lines[i])) {
        headerText.append('\n').append(lines[i++]); // a message of several lines
      }
      List<StackTraceElement> frames = new ArrayList<>();
      while (i < lines.length && !isCause(lines[i]) && !lines[i].isEmpty()) {
        String line = lines[i++];
        if (isFrame(line)) {
          StackTraceElement frame = frame(line.substring(4));
          if (frame != null) {
            frames.add(frame);
          }
        } else if (isMore(line)) {
          int shared = more(line);
          frames.addAll(enclosing.subList(Math.max(0, enclosing.size() - shared), enclosing.size()));
        }
        // anything else (a suppressed exception and its lines) is skipped
      }
      String full = String.join("\n", java.util.Arrays.copyOfRange(lines, start, i));
      int colon = headerText.indexOf(": ");
      String className = colon < 0 ? headerText.toString().trim() : headerText.substring(0, colon);
      String message = colon < 0 ? "" : headerText.substring(colon + 2);
      sections.add(new Section(className, message, List.copyOf(frames), full));
      enclosing = frames;
      if (i < lines.length && !isCause(lines[i])) {
        break;
      }
    }
    return sections;
  }

  private static boolean isFrame(String line) {
    return line.startsWith("\tat ");
  }

  private static boolean isMore(String line) {
    return line.startsWith("\t... ") && line.endsWith(" more");
  }

  private static boolean isCause(String line) {
    return line.startsWith(CAUSED_BY);
  }

  private static boolean isIndented(String line) {
    return line.startsWith("\t");
  }

  private static int more(String line) {
    try {
      return Integer.parseInt(line.substring(5, line.length() - 5).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * One frame, as {@link StackTraceElement#toString()} writes it: {@code
   * [loader/][module[@version]/]declaringClass.method(source)}. Null if it does not parse.
   */
  static StackTraceElement frame(String text) {
    int open = text.lastIndexOf('(');
    if (open < 0 || !text.endsWith(")")) {
      return null;
    }
    String where = text.substring(0, open);
    String source = text.substring(open + 1, text.length() - 1);
    String[] parts = where.split("/", -1);
    String qualified = parts[parts.length - 1];
    int dot = qualified.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String loader = null;
    String module = null;
    String version = null;
    if (parts.length == 3) {
      loader = parts[0].isEmpty() ? null : parts[0];
      module = parts[1].isEmpty() ? null : parts[1];
    } else if (parts.length == 2) {
      module = parts[0].isEmpty() ? null : parts[0];
    }
    if (module != null && module.contains("@")) {
      version = module.substring(module.indexOf('@') + 1);
      module = module.substring(0, module.indexOf('@'));
    }
    String file = null;
    int line = -1;
    if (source.equals("Native Method")) {
      line = -2;
    } else if (!source.equals("Unknown Source")) {
      int colon = source.lastIndexOf(':');
      if (colon >= 0) {
        file = source.substring(0, colon);
        try {
          line = Integer.parseInt(source.substring(colon + 1));
        } catch (NumberFormatException e) {
          file = source;
        }
      } else {
        file = source;
      }
    }
    return new StackTraceElement(loader, module, version, qualified.substring(0, dot), qualified.substring(dot + 1), file, line);
  }
}
