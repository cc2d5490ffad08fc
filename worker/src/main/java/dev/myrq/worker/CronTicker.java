package dev.myrq.worker;

import dev.myrq.core.CronEntry;
import dev.myrq.core.MyrqClient;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues the jobs of recurring entries, once a second in every worker. Every worker may try a tick; the enqueue
 * script claims it in Redis, so exactly one job is enqueued per tick whatever the number of workers. After a time
 * with no worker, the latest missed tick runs once (earlier missed ticks are not run). It remembers the ticks it has
 * seen claimed, so it calls Redis again only when an entry's next tick comes.
 */
final class CronTicker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CronTicker.class);

  private final MyrqClient client;
  private final Clock clock;
  private final Outage outage;
  private final Map<String, Instant> seen = new HashMap<>();

  CronTicker(MyrqClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.outage = new Outage("Enqueueing recurring jobs");
  }

  @Override
  public void run() {
    outage.attempt(this::tick);
  }

  /** Enqueue the due tick of every entry that this worker has not yet seen claimed. */
  void tick() {
    Instant now = clock.instant();
    for (CronEntry e : client.cronEntries()) {
      Optional<Instant> due = e.dueTick(now);
      if (due.isEmpty() || due.get().equals(seen.get(key(e)))) {
        continue;
      }
      Optional<String> id = client.enqueueCronTick(e, due.get());
      id.ifPresent(jobId -> LOG.info("Recurring entry {}: tick {} enqueued as job {} in queue {}", e.name(),
          due.get(), jobId, e.job().queueOrDefault()));
      seen.put(key(e), due.get());
    }
  }

  /** An entry replaced under the same name may have a new schedule: the key covers what decides its ticks. */
  private static String key(CronEntry e) {
    return e.name() + " " + e.schedule().expression() + " " + e.schedule().zone() + " " + e.addedAt();
  }
}
