package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log appender writes every line, whole and in each thread's order, and a lone line without waiting for more. */
class StdoutBatcherTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;
  private final LoggerContext context = new LoggerContext();
  private StdoutBatcher appender;

  @BeforeEach
  void capture() {
    original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    TextLayout layout = new TextLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    appender = new StdoutBatcher();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.start();
  }

  @AfterEach
  void restore() {
    System.setOut(original);
  }

  @Test
  void lines_from_many_threads_all_come_out_whole_and_in_each_threads_order() throws Exception {
    int threads = 8;
    int perThread = 2000;
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts.add(new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          appender.doAppend(event("t" + id + " n" + i));
        }
      }));
    }
    ts.forEach(Thread::start);
    for (Thread t : ts) {
      t.join();
    }
    List<String> lines = awaitLines(threads * perThread);
    int[] next = new int[threads];
    for (String line : lines) {
      String msg = line.substring(line.indexOf(" - ") + 3);
      int t = Integer.parseInt(msg.substring(1, msg.indexOf(' ')));
      assertEquals("t" + t + " n" + next[t], msg, line);
      next[t]++;
    }
    for (int t = 0; t < threads; t++) {
      assertEquals(perThread, next[t]);
    }
  }

  @Test
  void a_lone_line_is_written_without_more_lines_after_it() throws Exception {
    appender.doAppend(event("alone"));
    List<String> lines = awaitLines(1);
    assertTrue(lines.get(0).endsWith(" - alone"), lines.get(0));
  }

  private LoggingEvent event(String message) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(context);
    e.setLoggerName("myrq.jobs");
    e.setLevel(Level.INFO);
    e.setMessage(message);
    e.setThreadName(Thread.currentThread().getName());
    e.setTimeStamp(System.currentTimeMillis());
    e.setMDCPropertyMap(java.util.Map.of());
    return e;
  }

  /** The lines written so far once there are {@code n}; a limit that only catches a hang. */
  private List<String> awaitLines(int n) throws InterruptedException {
    long end = System.nanoTime() + 20_000_000_000L;
    while (true) {
      String text = captured.toString(StandardCharsets.UTF_8);
      List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
      if (lines.size() >= n || System.nanoTime() > end) {
        assertEquals(n, lines.size(), "lines written; status: " + context.getStatusManager().getCopyOfStatusList());
        return lines;
      }
      Thread.sleep(5);
    }
  }
}
