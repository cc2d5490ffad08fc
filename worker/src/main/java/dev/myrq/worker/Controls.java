package dev.myrq.worker;

import dev.myrq.core.ControlListener;
import dev.myrq.core.Broker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on an operator's controls for this worker's queues, heard on their control channels: a cancel interrupts
 * the job if it runs here (its lease is already gone in Redis, so nothing is written for it); pause and resume
 * steer the fetcher. Subscribes on first {@link #run} and, while Redis is away, on each later one.
 */
final class Controls implements ControlListener, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Controls.class);

  private final Broker broker;
  private final List<String> queues;
  private final JobRunner runner;
  private final HeldLeases held;
  private final PausedQueues paused;
  private volatile AutoCloseable subscription;
  private boolean warned;

  Controls(Broker broker, List<String> queues, JobRunner runner, HeldLeases held, PausedQueues paused) {
    this.broker = broker;
    this.queues = queues;
    this.runner = runner;
    this.held = held;
    this.paused = paused;
  }

  /** Subscribe if not subscribed yet. */
  @Override
  public synchronized void run() {
    if (subscription != null) {
      return;
    }
    try {
      subscription = broker.listenForControl(queues, this);
      if (warned) {
        LOG.info("Listening for cancel, pause and resume of queues {} again", queues);
      }
    } catch (RuntimeException e) {
      if (!warned) {
        LOG.warn("Cannot listen for cancel, pause and resume yet: {}; trying again each second", e.getMessage());
        warned = true;
      }
    }
  }

  @Override
  public void canceled(String queue, String id) {
    for (String token : runner.cancel(id)) {
      held.remove(queue, token);
    }
  }

  @Override
  public void paused(String queue) {
    LOG.info("Queue {} paused: no new jobs are taken from it; running ones go on", queue);
    paused.paused(queue);
  }

  @Override
  public void resumed(String queue) {
    LOG.info("Queue {} resumed", queue);
    paused.resumed(queue);
  }

  synchronized void close() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.debug("closing the control subscription: {}", e.toString());
      }
    }
  }
}
