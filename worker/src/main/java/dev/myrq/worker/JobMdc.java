package dev.myrq.worker;

import org.slf4j.MDC;

/**
 * A job's identity in the logging MDC (keys {@code job}, {@code queue}, {@code attempt}) while the worker runs or
 * ends it; the lines the job's own code logs through SLF4J carry it too. Opened and closed on one thread.
 */
final class JobMdc implements AutoCloseable {
  static final String JOB = "job";
  static final String QUEUE = "queue";
  static final String ATTEMPT = "attempt";

  private JobMdc() {}

  static JobMdc open(String queue, String id, int attempt) {
    MDC.put(JOB, id);
    MDC.put(QUEUE, queue);
    MDC.put(ATTEMPT, Integer.toString(attempt));
    return new JobMdc();
  }

  @Override
  public void close() {
    MDC.remove(JOB);
    MDC.remove(QUEUE);
    MDC.remove(ATTEMPT);
  }
}
