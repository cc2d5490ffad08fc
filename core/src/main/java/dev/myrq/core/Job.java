package dev.myrq.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A job as stored in Redis. Optional fields are null when absent. {@code expired} is true when only the job's
 * registry record remains (its hash expired): then only id, queue, status and endedAt are known.
 *
 * @param args JSON array text
 * @param result JSON text of the return value, once finished
 * @param error one line, {@code ExceptionClass: message}, after a failed attempt
 * @param excInfo the full stack trace of that error
 * @param history JSON array of earlier attempts that did not finish (failed, timed out, crashed)
 * @param kwargs JSON object text of named arguments, or null
 * @param priority -10 to 10, higher runs first (0 when not set)
 */
public record Job(
    String id,
    String queue,
    String func,
    String args,
    JobStatus status,
    Instant createdAt,
    Instant enqueuedAt,
    Instant dueAt,
    Instant startedAt,
    Instant endedAt,
    Duration timeout,
    int retries,
    Duration backoff,
    int attempt,
    int crashes,
    String worker,
    String result,
    String error,
    String excInfo,
    String history,
    String kwargs,
    int priority,
    boolean expired) {

  /** A record of a job whose hash expired: what the queue's registry still knows. */
  public static Job expired(String id, String queue, JobStatus status, Instant endedAt) {
    return new Job(
        id, queue, null, null, status, null, null, null, null, endedAt, null, 0, null, 0, 0, null,
        null, null, null, null, null, 0, true);
  }

  /** A job whose hash exists but cannot be read: what a listing knows, and why in {@code error}. */
  public static Job unreadable(String id, String queue, JobStatus listed, String why) {
    return new Job(
        id, queue, null, null, listed, null, null, null, null, null, null, 0, null, 0, 0, null,
        null, "corrupt job hash: " + why, null, null, null, 0, false);
  }
}
