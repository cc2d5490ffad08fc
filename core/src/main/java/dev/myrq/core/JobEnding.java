package dev.myrq.core;

/**
 * The end of one attempt, named by job id and lease token, as a worker reports it through {@link Broker#complete}.
 *
 * @param value the result JSON when finished, else the one-line error
 * @param excInfo the stack trace of a failure, or empty
 * @param historyEntry a JSON object appended to the job's history (failures only; see {@link JobFields.History}),
 *     or empty
 * @param delayMillis for {@link Outcome#RETRY}, how long the job waits in the schedule
 */
public record JobEnding(
    String id, String token, Outcome outcome, String value, String excInfo, String historyEntry, long delayMillis) {
  /** How an attempt ended. */
  public enum Outcome {
    /** Returned; the result is stored. */
    FINISHED,
    /** Threw with no retries left, or could not run at all. */
    FAILED,
    /** Ran past its timeout. */
    TIMEOUT,
    /** Threw with retries left: scheduled again after {@code delayMillis}. */
    RETRY,
    /** Stopped by the worker's shutdown: back in its queue, as if never started. */
    REQUEUE
  }
}
