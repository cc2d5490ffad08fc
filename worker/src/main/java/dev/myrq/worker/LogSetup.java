package dev.myrq.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The worker's logging, set up in code (found by Logback as a service) instead of from XML: parsing a logback.xml
 * was two fifths of the worker's start-up CPU before its first Redis call. One line per event on stdout, for
 * journald, written in batches by {@link StdoutBatcher} (nothing discarded): {@link TextLayout}, or with
 * MYRQ_LOG_FORMAT=json one JSON object per line by Logback's own JsonEncoder (timestamp, level, threadName,
 * loggerName, mdc, formattedMessage, throwable). Levels: MYRQ_LOG for everything (default INFO), MYRQ_JOB_LOG for
 * the per-job lines of logger {@code myrq.jobs} (default INFO), WARN for the Redis client library (MyrqClient.REDIS_CLIENT_LOGGERS). A logback-test.xml
 * on the class path, or -Dlogback.configurationFile, wins: then Logback reads that as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    StdoutBatcher stdout = new StdoutBatcher();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setEncoder(encoder(context, env(WorkerMain.LOG_FORMAT_ENV, "text")));
    stdout.start();
    context.getLogger("myrq.jobs").setLevel(Level.toLevel(env("MYRQ_JOB_LOG", "INFO"), Level.INFO));
    for (String name : dev.myrq.core.MyrqClient.REDIS_CLIENT_LOGGERS) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(env("MYRQ_LOG", "INFO"), Level.INFO));
    root.addAppender(stdout);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The encoder of a format; the worker refuses any format but text and json at start (exit 2). */
  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if (format.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    TextLayout layout = new TextLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
    text.setContext(context);
    text.setLayout(layout);
    text.start();
    return text;
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v.trim();
  }
}
