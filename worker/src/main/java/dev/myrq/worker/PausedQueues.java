package dev.myrq.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's queues that Redis answered "paused" for (see {@code myrq pause}). The fetcher skips such a queue
 * until {@link #RECHECK} has passed, then asks again; a {@code resume} message ends the skip at once.
 */
final class PausedQueues {
  /** How long a paused queue is skipped before the fetcher asks Redis again: a resume is seen within this. */
  static final Duration RECHECK = Duration.ofSeconds(1);

  private final Map<String, Long> skipUntilNanos = new ConcurrentHashMap<>();
  private final Object signal = new Object();

  /** Redis said the queue is paused: skip it for {@link #RECHECK}. */
  void paused(String queue) {
    skipUntilNanos.put(queue, System.nanoTime() + RECHECK.toNanos());
  }

  /** The queue was resumed: fetch from it again now. */
  void resumed(String queue) {
    if (skipUntilNanos.remove(queue) != null) {
      synchronized (signal) {
        signal.notifyAll();
      }
    }
  }

  boolean skip(String queue) {
    Long until = skipUntilNanos.get(queue);
    if (until == null) {
      return false;
    }
    if (System.nanoTime() - until >= 0) {
      skipUntilNanos.remove(queue, until);
      return false;
    }
    return true;
  }

  /** The queues of this list not skipped now, in their order. */
  List<String> open(List<String> queues) {
    return queues.stream().filter(q -> !skip(q)).toList();
  }

  /** Every queue is skipped: wait until the first recheck is due or a queue is resumed. */
  void awaitRecheck() throws InterruptedException {
    long now = System.nanoTime();
    long wait = skipUntilNanos.values().stream().mapToLong(u -> u - now).min().orElse(0);
    if (wait > 0) {
      synchronized (signal) {
        signal.wait(Math.max(1, wait / 1_000_000));
      }
    }
  }
}
