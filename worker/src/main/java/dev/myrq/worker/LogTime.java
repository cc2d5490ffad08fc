package dev.myrq.worker;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text log's timestamp, {@code 2026-11-27T20:13:41.421Z} (UTC, milliseconds): the text of the pattern
 * {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC}}, which formatted every line anew (a sixth of a job line's cost); this
 * formats the date and time once per second and appends the milliseconds.
 */
final class LogTime {
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

  /** One second's formatted prefix; replaced whole, so any thread reads a consistent pair. */
  private record Second(long epochSecond, String text) {}

  private volatile Second last = new Second(Long.MIN_VALUE, "");

  /** Append the timestamp of {@code epochMillis} to {@code out}. */
  void append(long epochMillis, StringBuilder out) {
    long second = Math.floorDiv(epochMillis, 1000);
    Second s = last;
    if (s.epochSecond() != second) {
      s = new Second(second, SECOND.format(Instant.ofEpochSecond(second)));
      last = s;
    }
    int milli = (int) Math.floorMod(epochMillis, 1000);
    out.append(s.text());
    if (milli < 100) {
      out.append(milli < 10 ? "00" : "0");
    }
    out.append(milli).append('Z');
  }
}
