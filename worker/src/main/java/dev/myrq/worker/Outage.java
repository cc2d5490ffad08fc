package dev.myrq.worker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides what a loop does when Redis fails: log once, wait with growing backoff (100 ms to
 * 5 s, or a loop's own cap), try again; log once more when Redis answers again. No loop dies of a Redis outage.
 */
final class Outage {
  private static final Logger LOG = LoggerFactory.getLogger(Outage.class);
  private static final long MAX_WAIT_MS = 5000;
  /** When any loop of this process last saw Redis fail (System.nanoTime), or 0. */
  private static volatile long lastFailureNanos;
  /** Loops of this process that are failing now; Redis is up for the process when none is. */
  private static final AtomicInteger DOWN_LOOPS = new AtomicInteger();
  /** Times the first loop of this process found Redis failing while every other loop reached it. */
  private static final AtomicLong OUTAGES = new AtomicLong();

  private final String what;
  private final long maxWaitMs;
  private long waitMs;
  private boolean down;

  Outage(String what) {
    this(what, MAX_WAIT_MS);
  }

  /** A loop that must try again at least every {@code maxWaitMs} (the heartbeat: leases expire meanwhile). */
  Outage(String what, long maxWaitMs) {
    this.what = what;
    this.maxWaitMs = Math.max(100, maxWaitMs);
  }

  /** Record a failure of one try: log it the first time, then sleep before the next try. */
  void failed(RuntimeException e) throws InterruptedException {
    lastFailureNanos = System.nanoTime();
    if (!down) {
      down = true;
      if (DOWN_LOOPS.getAndIncrement() == 0) {
        OUTAGES.incrementAndGet();
      }
      LOG.warn("{}: {}; retrying with backoff until Redis answers", what, e.getMessage());
    } else {
      LOG.debug("{} still failing: {}", what, e.getMessage());
    }
    waitMs = Math.min(maxWaitMs, Math.max(100, waitMs * 2));
    Thread.sleep(waitMs);
  }

  /** Run one try of a periodic task: on success record it, on a Redis failure log it and back off. */
  void attempt(Runnable body) {
    try {
      body.run();
      ok();
    } catch (RuntimeException e) {
      try {
        failed(e);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Outages of Redis seen by this process: each began when one loop failed while no other was failing. */
  static long outages() {
    return OUTAGES.get();
  }

  /** True when no loop of this process is failing to reach Redis now. */
  static boolean redisUp() {
    return DOWN_LOOPS.get() == 0;
  }

  /** Return true if some loop of this process saw Redis fail less than {@code nanos} ago. */
  static boolean failedWithin(long nanos) {
    long last = lastFailureNanos;
    return last != 0 && System.nanoTime() - last < nanos;
  }

  /** Record a success: log the recovery once. */
  void ok() {
    if (down) {
      down = false;
      DOWN_LOOPS.decrementAndGet();
      LOG.info("{}: Redis answers again; carrying on", what);
    }
    waitMs = 0;
  }
}
