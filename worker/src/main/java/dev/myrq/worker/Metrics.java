package dev.myrq.worker;

import dev.myrq.core.JobEnding.Outcome;

/**
 * What the job runner tells the metrics, at the two places an attempt starts and ends. {@link #NONE} when the
 * worker serves no metrics (no --metrics-listen): then nothing is counted and no metrics library is loaded.
 */
interface Metrics {
  Metrics NONE = new Metrics() {};

  /** A job's body is about to run. */
  default void jobStarted(String queue, String func) {}

  /**
   * An attempt ended (a put-back at shutdown or quiet is not an end and is not reported).
   *
   * @param nanos how long it ran, or negative when it never ran (a job that cannot run)
   */
  default void jobEnded(String queue, String func, Outcome outcome, long nanos) {}
}
