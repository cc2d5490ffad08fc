package dev.myrq.core;

import java.util.Locale;

/** Where a job stands. On the wire each status is its lower-case name. */
public enum JobStatus {
  /** Waiting for a time: a delayed job, or a retry waiting out its backoff. */
  SCHEDULED,
  /** In its queue, waiting for a worker. */
  QUEUED,
  /** Leased by a worker and running. */
  STARTED,
  /** Ran and returned; the result is stored. */
  FINISHED,
  /** Threw on its last attempt, could not run at all, or its workers died too often. */
  FAILED,
  /** Ran past its timeout and was stopped. */
  TIMEOUT,
  /** Canceled by an operator: never ran, or was interrupted; not retried. */
  CANCELED;

  /** Return the wire word, e.g. {@code finished}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Return true when the job will not run again by itself. */
  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == TIMEOUT || this == CANCELED;
  }

  /**
   * Parse a wire word.
   *
   * @throws IllegalArgumentException when the word is not a status
   */
  public static JobStatus fromWord(String word) {
    for (JobStatus s : values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + word + "'");
  }
}
