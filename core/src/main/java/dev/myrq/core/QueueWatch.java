package dev.myrq.core;

import java.time.Duration;
import java.util.List;

/**
 * A worker's wait for work on its queues, without polling, on connections of its own that it opens on first use
 * and closes in {@link #close}. Obtained from {@link Broker#watch}. Used by one thread at a time.
 */
public interface QueueWatch extends AutoCloseable {
  /**
   * Wait up to the watch's block time for work. With one queue, the wait and a lease of up to {@code max} jobs
   * are one pipelined step: Redis leases a job the moment it arrives, and the leased jobs go to {@code starter} on
   * the thread that reads the answer (the caller's on a standalone server without TLS, which waits over a blocking
   * socket; elsewhere the client's I/O thread); return what the starter returns (0 when nothing came). With
   * several queues, only wait until one of the {@code open} ones (those not paused) has a job and return 0 (the
   * caller fetches in priority order).
   *
   * <p>If no answer comes within the block time plus the Redis timeout, throw {@link RedisUnavailableException};
   * jobs leased by an answer that comes later are never handed to the starter (their leases expire and they run
   * again).
   */
  int awaitAndStart(
      List<String> open, int max, String worker, String tokenPrefix, Duration lease, Starter starter)
      throws InterruptedException;

  /** Close the watch's connections. */
  @Override
  void close();

  /** Starts leased jobs; returns how many it took (each has used one of the caller's slots). */
  @FunctionalInterface
  interface Starter {
    int start(String queue, List<LeasedJob> jobs);
  }
}
