package dev.myrq.worker;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text log's timestamp, {@code 2026-11-27T20:13:41.421Z} (UTC, milliseconds), as {@code %logtime}: the same text
 * as {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC}}, which formatted every line anew (a sixth of a job line's cost); this
 * formats the date and time once per second and appends the milliseconds.
 */
public final class LogTime extends ClassicConverter {
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

  /** One second's formatted prefix; replaced whole, so any thread reads a consistent pair. */
  private record Second(long epochSecond, String text) {}

  private volatile Second last = new Second(Long.MIN_VALUE, "");

  @Override
  public String convert(ILoggingEvent event) {
    long ms = event.getTimeStamp();
    long second = Math.floorDiv(ms, 1000);
    Second s = last;
    if (s.epochSecond() != second) {
      s = new Second(second, SECOND.format(Instant.ofEpochSecond(second)));
      last = s;
    }
    int milli = (int) Math.floorMod(ms, 1000);
    StringBuilder b = new StringBuilder(s.text().length() + 4).append(s.text());
    if (milli < 100) {
      b.append(milli < 10 ? "00" : "0");
    }
    return b.append(milli).append('Z').toString();
  }
}
