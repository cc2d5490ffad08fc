package dev.myrq.worker;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * The worker's text log line (MYRQ_LOG_FORMAT=text), written out by hand: what the Logback pattern
 * {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0}%replace( job=%X{job}){' job=$', ''} - %msg%n}
 * printed, then the exception's frames if any, without a date format and a regular expression per line:
 * {@code 2026-11-27T20:13:41.433Z INFO  [myrq-job-1] jobs job=87a25a30-... - Job com.acme.Task.add finished in 15 ms}.
 */
final class TextLayout extends LayoutBase<ILoggingEvent> {
  private final LogTime time = new LogTime();

  @Override
  public String doLayout(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(160);
    time.append(e.getTimeStamp(), b);
    String level = e.getLevel().toString();
    b.append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      b.append(' ');
    }
    b.append(" [").append(e.getThreadName()).append("] ");
    String logger = e.getLoggerName();
    b.append(logger, logger.lastIndexOf('.') + 1, logger.length());
    Map<String, String> mdc = e.getMDCPropertyMap();
    String job = mdc == null ? null : mdc.get(JobMdc.JOB);
    if (job != null && !job.isEmpty()) {
      b.append(" job=").append(job);
    }
    b.append(" - ").append(e.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = e.getThrowableProxy();
    if (thrown != null) {
      b.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
    }
    return b.toString();
  }
}
