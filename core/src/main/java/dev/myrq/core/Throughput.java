package dev.myrq.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Jobs of one queue that ended per time bucket, oldest bucket first, counted from the finished and failed
 * registries by end time. Counts stop at what the registries keep (by default 100,000 finished and 10,000 failed
 * jobs per queue, 7 days).
 *
 * @param end the Redis server time at which the last bucket ends
 * @param bucket the width of each bucket
 * @param finished jobs finished in each bucket
 * @param failed jobs failed or timed out in each bucket
 */
public record Throughput(Instant end, Duration bucket, long[] finished, long[] failed) {
  /** Return finished plus failed jobs of the whole span. */
  public long total() {
    long n = 0;
    for (int i = 0; i < finished.length; i++) {
      n += finished[i] + failed[i];
    }
    return n;
  }
}
