package dev.myrq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The command's logging, set up in code (found by Logback as a service) instead of from a logback.xml, whose
 * parsing cost a one-shot command a tenth of its CPU: stdout carries the command's data only, so anything logged
 * goes to stderr as {@code LEVEL Logger - message}, and only when it matters (WARN; the Redis client library ERROR).
 * -Dlogback.configurationFile wins: then Logback reads that file as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LayoutBase<ILoggingEvent> layout = new Line();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    for (String name : dev.myrq.core.MyrqClient.REDIS_CLIENT_LOGGERS) {
      context.getLogger(name).setLevel(Level.ERROR);
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code %-5level %logger{0} - %msg%n}, then the exception's frames if any. */
  private static final class Line extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent e) {
      StringBuilder b = new StringBuilder(120);
      String level = e.getLevel().toString();
      b.append(level);
      for (int i = level.length(); i < 5; i++) {
        b.append(' ');
      }
      String logger = e.getLoggerName();
      b.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length());
      b.append(" - ").append(e.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = e.getThrowableProxy();
      if (thrown != null) {
        b.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
      }
      return b.toString();
    }
  }
}
