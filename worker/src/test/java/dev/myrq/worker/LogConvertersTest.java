package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text log's converters print what the patterns they replace printed. */
class LogConvertersTest {
  private static final DateTimeFormatter PATTERN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  @Test
  void log_time_is_the_utc_millisecond_timestamp_of_the_old_pattern() {
    LogTime time = new LogTime();
    long base = Instant.parse("2026-11-27T23:59:59Z").toEpochMilli();
    for (long ms : new long[] {base, base + 5, base + 42, base + 999, base + 1000, base + 1001, base + 86_400_123L,
        0, -1, 1_795_823_913_056L}) {
      assertEquals(PATTERN.format(Instant.ofEpochMilli(ms)), time.convert(event(ms, Map.of())), "at " + ms);
    }
  }

  @Test
  void job_id_shows_only_while_a_job_is_in_the_mdc() {
    LogJobId jobId = new LogJobId();
    assertEquals(" job=7f3a", jobId.convert(event(0, Map.of(JobMdc.JOB, "7f3a"))));
    assertEquals("", jobId.convert(event(0, Map.of())));
    assertEquals("", jobId.convert(event(0, Map.of(JobMdc.JOB, ""))));
  }

  private static LoggingEvent event(long ms, Map<String, String> mdc) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(new LoggerContext());
    e.setLevel(Level.INFO);
    e.setMessage("m");
    e.setTimeStamp(ms);
    e.setMDCPropertyMap(mdc);
    return e;
  }
}
