package dev.myrq.worker;

import dev.myrq.core.Broker;
import dev.myrq.core.Reaped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping every worker shares for its queues: put back jobs whose lease expired (their worker died),
 * failing those whose workers died too often, and move due scheduled jobs into their queue. Any live worker on a
 * queue recovers the jobs of a dead one; the scripts are atomic, so workers may run this at the same time.
 */
final class Reaper implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
  private static final int BATCH = 500;

  private final WorkerConfig config;
  private final Broker broker;
  private final Outage outage;
  private long lastRunNanos;

  Reaper(WorkerConfig config, Broker broker) {
    this.config = config;
    this.broker = broker;
    this.outage = new Outage("Reaping expired leases");
  }

  @Override
  public void run() {
    outage.attempt(this::houseKeep);
  }

  private void houseKeep() {
    // Right after a Redis outage every lease may look expired: give live workers two beats to renew theirs,
    // so that only the jobs of dead workers are put back.
    boolean paused = wasPaused();
    boolean reap = !paused && !Outage.failedWithin(config.beat().multipliedBy(2).toNanos());
    for (String q : config.queues()) {
      if (reap) {
        reap(q);
      }
      while (broker.promote(q, BATCH) == BATCH) {
        LOG.trace("promoted a full batch of scheduled jobs in {}", q);
      }
    }
  }

  /**
   * True when this process was paused (GC, SIGSTOP, a suspended VM) for more than two beats since the last round:
   * its own leases may then look expired although its jobs still run. Reaping waits one round, so the heartbeat
   * renews them first; a lease another worker reaped meanwhile is then found lost and that attempt's end refused.
   */
  private boolean wasPaused() {
    long now = System.nanoTime();
    long gap = lastRunNanos == 0 ? 0 : now - lastRunNanos;
    lastRunNanos = now;
    long allowed = Math.min(1000, config.beat().toMillis()) * 1_000_000L + config.beat().multipliedBy(2).toNanos();
    if (gap > allowed) {
      LOG.warn("This worker was paused for {} ms; reaping waits a round so that its own leases are renewed first",
          gap / 1_000_000);
      return true;
    }
    return false;
  }

  private void reap(String q) {
    Reaped r;
    do {
      r = broker.reap(q, config.maxCrashes(), BATCH);
      if (!r.requeued().isEmpty()) {
        LOG.warn("Queue {}: {} job(s) of dead workers put back: {}", q, r.requeued().size(), r.requeued());
      }
      if (!r.failed().isEmpty()) {
        LOG.error("Queue {}: {} job(s) failed, their workers died {} times: {}", q, r.failed().size(),
            config.maxCrashes(), r.failed());
      }
    } while (r.requeued().size() + r.failed().size() == BATCH);
  }
}
