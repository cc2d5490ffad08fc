package dev.myrq.core;

import java.time.Instant;

/**
 * A job leased to a worker: the attempt is named by the job id and the lease token. Exactly one of {@code job}
 * and {@code unreadable} is set, unless the id had no job hash at all ({@link #missing()}): then the id was
 * dropped from the queue and there is nothing to run.
 *
 * @param job the job, when its hash could be read
 * @param unreadable what is known of a job whose hash breaks the job format
 */
public record LeasedJob(String id, String token, Job job, Unreadable unreadable) {
  /**
   * A leased job whose hash could not be read as a {@link Job}.
   *
   * @param func the func field, or {@code ?} when absent
   * @param attempt the attempt field, 0 when unreadable
   * @param startedAtMillis the started_at field in epoch ms, 0 when unreadable
   * @param problem why the hash is not a valid job
   */
  public record Unreadable(String func, int attempt, long startedAtMillis, InvalidJobException problem) {}

  /** Return true when the id had no job hash (it was dropped; nothing to run or report). */
  public boolean missing() {
    return job == null && unreadable == null;
  }
}
