package dev.myrq.worker;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A job's throwable as text for the job hash: one line ({@code Class: message}, at most 500 characters) and a
 * stack trace (at most 32 KB). Job code controls the throwable, so a {@code getMessage} or {@code printStackTrace}
 * that throws (or overflows the stack) falls back to what can still be read: the class name.
 */
final class ErrorText {
  private static final int MAX_LINE_CHARS = 500;
  private static final int MAX_TRACE_CHARS = 32 * 1024;

  private ErrorText() {}

  /** {@code Class: message} on one line, shortened to 500 characters. */
  static String oneLine(Throwable t) {
    String m;
    try {
      m = t.getMessage();
    } catch (Throwable e) {
      m = "(its getMessage threw " + e.getClass().getName() + ")";
    }
    String s = m == null ? t.getClass().getName() : t.getClass().getName() + ": " + m;
    s = printable(s.replace('\n', ' ').replace('\r', ' '));
    return s.length() <= MAX_LINE_CHARS ? s : s.substring(0, MAX_LINE_CHARS - 3) + "...";
  }

  /** Text a job controls, safe for a log line: control characters (line breaks, escapes) become '?'. */
  static String printable(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
    return b.toString();
  }

  /** The stack trace, shortened to 32 KB; if printing it fails, the one line and the top frames. */
  static String trace(Throwable t) {
    String s;
    try {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      s = w.toString();
    } catch (Throwable e) {
      StringBuilder b = new StringBuilder(oneLine(t)).append('\n');
      for (StackTraceElement f : t.getStackTrace()) {
        b.append("\tat ").append(f).append('\n');
      }
      s = b.toString();
    }
    return s.length() <= MAX_TRACE_CHARS ? s : s.substring(0, MAX_TRACE_CHARS) + "\n\t... (truncated)";
  }
}
