package dev.myrq.worker;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * {@code " job=ID"} for a line logged while a job runs or ends (its {@link JobMdc} id), else nothing, as
 * {@code %jobid}: what {@code %replace( job=%X{job}){' job=$', ''}} printed, without a regular expression per line.
 */
public final class LogJobId extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String id = mdc == null ? null : mdc.get(JobMdc.JOB);
    return id == null || id.isEmpty() ? "" : " job=" + id;
  }
}
