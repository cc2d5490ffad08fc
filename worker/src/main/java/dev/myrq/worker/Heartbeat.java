package dev.myrq.worker;

import dev.myrq.core.Broker;
import dev.myrq.core.ControlListener;
import dev.myrq.core.JobStatus;
import dev.myrq.core.Lease;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import dev.myrq.core.WorkerInfo;
import dev.myrq.core.shell.Version;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every beat (lease / 4): renew the leases this worker holds and write its record, which expires after three
 * missed beats. A lease found lost (the worker stalled past it and the job was reaped) is dropped with a warning.
 */
final class Heartbeat implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

  private final WorkerConfig config;
  private final Broker broker;
  private final HeldLeases held;
  private final MyrqClient client;
  private final ControlListener controls;
  private final TimeoutGuard guard;
  private final Outage outage;
  private final String host;
  private final Instant startedAt = Instant.now();
  private final AtomicLong renewals = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();

  Heartbeat(
      WorkerConfig config, MyrqClient client, Broker broker, HeldLeases held, TimeoutGuard guard,
      ControlListener controls) {
    this.client = client;
    this.controls = controls;
    this.config = config;
    this.broker = broker;
    this.held = held;
    this.guard = guard;
    // after an outage, renew within a beat of Redis answering: reapers wait only two beats before putting back
    this.outage = new Outage("Heartbeat", config.beat().toMillis());
    this.host = WorkerMain.hostName();
  }

  @Override
  public void run() {
    outage.attempt(this::beat);
  }

  private void beat() {
    for (String q : config.queues()) {
      List<Lease> mine = held.of(q);
      if (!mine.isEmpty()) {
        List<String> notRenewed = broker.renew(q, mine, config.lease());
        renewals.addAndGet(mine.size() - notRenewed.size());
        for (String token : notRenewed) {
          String id = held.idOf(q, token);
          if (id == null || held.isSent(token)) {
            continue; // ended by this worker a moment ago; the completer hears (or heard) how that went
          }
          if (canceled(id)) {
            // the cancel message did not reach this worker (its connection was down): act on it now
            LOG.info("Job {} was canceled (found at its lease renewal); interrupting it", id);
            controls.canceled(q, id);
            continue;
          }
          held.remove(q, token);
          lost.incrementAndGet();
          LOG.warn("Job {}: lease {} lost (this worker stalled past it); another attempt may run it", id, token);
        }
      }
    }
    broker.heartbeat(info(), config.beat().multipliedBy(3));
    // keeps the queue list whole even if someone deleted it: job lookups search these queues
    broker.registerQueues(config.queues());
  }

  private boolean canceled(String id) {
    try {
      return client.status(id) == JobStatus.CANCELED;
    } catch (MyrqException e) {
      return false;
    }
  }

  /** Leases renewed so far. */
  long renewals() {
    return renewals.get();
  }

  /** Leases found lost at renewal so far. */
  long leasesLost() {
    return lost.get();
  }

  /** Remove this worker's record (clean shutdown). */
  void deregister() {
    try {
      broker.deregister(config.name());
    } catch (RuntimeException e) {
      LOG.warn("Could not remove the worker record: {}; it expires by itself", e.getMessage());
    }
  }

  private WorkerInfo info() {
    return new WorkerInfo(
        config.name(),
        host,
        ProcessHandle.current().pid(),
        config.queues(),
        held.ids(),
        config.concurrency(),
        guard.stuck(),
        startedAt,
        Instant.now(),
        Version.current());
  }
}
