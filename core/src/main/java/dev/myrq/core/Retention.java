package dev.myrq.core;

import java.time.Duration;

/**
 * How long ended jobs are kept. A finished job's hash lives {@code resultTtl}; its id stays in the finished
 * registry (so {@code status} can answer "finished (result expired)") up to {@code finishedMax} entries and
 * {@code finishedAge}. Failed and timed-out jobs keep their hash and registry entry {@code failedTtl}, at most
 * {@code failedMax} per queue (the oldest are deleted first).
 */
public record Retention(
    Duration resultTtl, Duration finishedAge, int finishedMax, Duration failedTtl, int failedMax) {
  public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(1);
  public static final Duration DEFAULT_FINISHED_AGE = Duration.ofDays(7);
  public static final int DEFAULT_FINISHED_MAX = 100_000;
  public static final Duration DEFAULT_FAILED_TTL = Duration.ofDays(7);
  public static final int DEFAULT_FAILED_MAX = 10_000;

  /** The documented defaults. */
  public static Retention defaults() {
    return new Retention(
        DEFAULT_RESULT_TTL, DEFAULT_FINISHED_AGE, DEFAULT_FINISHED_MAX, DEFAULT_FAILED_TTL, DEFAULT_FAILED_MAX);
  }
}
