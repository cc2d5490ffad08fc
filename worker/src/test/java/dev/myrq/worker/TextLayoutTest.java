package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text log line is what the Logback pattern it replaces printed. */
class TextLayoutTest {
  private static final DateTimeFormatter PATTERN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
  private static final LoggerContext CONTEXT = new LoggerContext();

  @Test
  void timestamp_is_utc_to_the_millisecond() {
    LogTime time = new LogTime();
    long base = Instant.parse("2026-11-27T23:59:59Z").toEpochMilli();
    for (long ms : new long[] {base, base + 5, base + 42, base + 999, base + 1000, base + 1001, base + 86_400_123L,
        0, -1, 1_795_823_913_056L}) {
      StringBuilder b = new StringBuilder();
      time.append(ms, b);
      assertEquals(PATTERN.format(Instant.ofEpochMilli(ms)), b.toString(), "at " + ms);
    }
  }

  @Test
  void a_job_line_shows_level_thread_short_logger_job_id_and_message() {
    LoggingEvent e = event("myrq.jobs", Level.INFO, Map.of(JobMdc.JOB, "87a25a30", JobMdc.QUEUE, "q"),
        "Job {} finished in {} ms", "com.acme.Task.add", 15);
    assertEquals("2026-11-27T20:13:41.433Z INFO  [myrq-job-1] jobs job=87a25a30 - Job com.acme.Task.add finished in "
        + "15 ms" + System.lineSeparator(), new TextLayout().doLayout(e));
  }

  @Test
  void a_line_outside_a_job_has_no_job_id_and_an_exception_shows_its_frames() {
    LoggingEvent e = event("dev.myrq.worker.Worker", Level.ERROR, Map.of(), "Worker failed");
    e.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));
    String line = new TextLayout().doLayout(e);
    assertTrue(line.startsWith("2026-11-27T20:13:41.433Z ERROR [myrq-job-1] Worker - Worker failed"
        + System.lineSeparator() + "java.lang.IllegalStateException: boom"), line);
    assertTrue(line.contains("\tat dev.myrq.worker.TextLayoutTest."), line);
  }

  private static LoggingEvent event(String logger, Level level, Map<String, String> mdc, String msg, Object... args) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(CONTEXT);
    e.setLoggerName(logger);
    e.setLevel(level);
    e.setThreadName("myrq-job-1");
    e.setMessage(msg);
    e.setArgumentArray(args);
    e.setTimeStamp(Instant.parse("2026-11-27T20:13:41.433Z").toEpochMilli());
    e.setMDCPropertyMap(mdc);
    return e;
  }
}
