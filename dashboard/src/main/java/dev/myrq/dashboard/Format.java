package dev.myrq.dashboard;

import com.google.gson.JsonParseException;
import dev.myrq.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times, durations, counts and JSON; the templates call these. */
public final class Format {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final com.google.gson.Gson PRETTY = Json.GSON.newBuilder().setPrettyPrinting().create();

  private Format() {}

  /** {@code 2026-11-27 23:53:51Z}, or an empty string for null. */
  public static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  /** A short duration for people: {@code 850 ms}, {@code 42 s}, {@code 3 m 12 s}, {@code 5 h 3 m}, {@code 2 d 4 h}. */
  public static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = Math.max(0, d.toMillis());
    long s = ms / 1000;
    if (ms < 1000) {
      return ms + " ms";
    } else if (s < 60) {
      return s + " s";
    } else if (s < 3600) {
      return s / 60 + " m " + s % 60 + " s";
    } else if (s < 86400) {
      return s / 3600 + " h " + s % 3600 / 60 + " m";
    }
    return s / 86400 + " d " + s % 86400 / 3600 + " h";
  }

  /** How long ago {@code t} was, seen at {@code now}: {@code 3 m 12 s ago}; empty for null. */
  public static String ago(Instant t, Instant now) {
    return t == null ? "" : duration(Duration.between(t, now)) + " ago";
  }

  /** A count with thousands separators: {@code 100,000}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** JSON text indented for reading; the text itself when it is not JSON; empty for null. */
  public static String json(String text) {
    if (text == null) {
      return "";
    }
    try {
      return PRETTY.toJson(Json.parseStrict(text));
    } catch (JsonParseException | IllegalStateException e) {
      return text;
    }
  }

  /** One path segment of a URL, percent-encoded: job ids and queue names come from Redis. */
  public static String segment(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  /** The part after the last dot of a func, {@code Task.add} for {@code com.acme.Task.add}. */
  public static String shortFunc(String func) {
    if (func == null) {
      return "";
    }
    int method = func.lastIndexOf('.');
    int cls = method <= 0 ? -1 : func.lastIndexOf('.', method - 1);
    return func.substring(cls + 1);
  }

  /** At most {@code max} characters of one line of {@code s}, with an ellipsis when cut. */
  public static String abbreviate(String s, int max) {
    if (s == null) {
      return "";
    }
    String line = s.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
  }
}
