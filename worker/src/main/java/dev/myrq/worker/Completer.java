package dev.myrq.worker;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.storage.LeaseStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ends of attempts to Redis on its own thread ({@code myrq-completer}): whatever has piled up goes in
 * one script call per queue, sent without waiting, so completions are batched and pipelined under load and sent
 * at once when idle. An end that could not be written (Redis down) is kept and sent again when Redis answers;
 * until then its lease stays held and renewed.
 */
final class Completer {
  private static final Logger LOG = LoggerFactory.getLogger(Completer.class);
  private static final int MAX_BATCH = 256;
  private static final long LINGER_NANOS = 200_000;

  private record Item(String queue, LeaseStore.Ending ending) {}

  private final LeaseStore leases;
  private final HeldLeases held;
  private final Outage outage;
  private final LinkedBlockingQueue<Item> pending = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Item> toRetry = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger staleWrites = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile RuntimeException lastError;
  private volatile boolean wroteSome;

  Completer(LeaseStore leases, HeldLeases held, MyrqClient client) {
    this.leases = leases;
    this.held = held;
    this.outage = new Outage("Writing job results", client);
    this.thread = new Thread(this::loop, "myrq-completer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void submit(String queue, LeaseStore.Ending ending) {
    pending.add(new Item(queue, ending));
  }

  /** Completions refused because this worker had lost the lease. */
  int staleWrites() {
    return staleWrites.get();
  }

  /** Wait up to {@code max} until every submitted end is written; return true if all were. */
  boolean flush(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      if (pending.isEmpty() && toRetry.isEmpty() && inFlight.get() == 0) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  void stop() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(2000);
  }

  private void loop() {
    while (!stopping) {
      try {
        if (wroteSome && toRetry.isEmpty()) {
          wroteSome = false;
          outage.ok();
        }
        if (!toRetry.isEmpty()) {
          outage.failed(lastError);
          Item it;
          while ((it = toRetry.poll()) != null) {
            pending.add(it);
          }
        }
        Item first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        if (pending.isEmpty()) {
          // a short linger lets ends that finish together share one script call (fewer Redis calls under load)
          java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
        }
        List<Item> batch = new ArrayList<>();
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        send(batch);
      } catch (InterruptedException e) {
        if (stopping) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.error("Completer loop error: {}; it keeps running", e.toString(), e);
      }
    }
  }

  private void send(List<Item> batch) {
    Map<String, List<Item>> byQueue = new LinkedHashMap<>();
    for (Item it : batch) {
      byQueue.computeIfAbsent(it.queue(), q -> new ArrayList<>()).add(it);
    }
    byQueue.forEach(
        (queue, items) -> {
          List<LeaseStore.Ending> endings = new ArrayList<>(items.size());
          items.forEach(i -> endings.add(i.ending()));
          endings.forEach(e -> held.markSent(e.token()));
          inFlight.addAndGet(items.size());
          leases
              .complete(queue, endings)
              .whenComplete(
                  (stale, error) -> {
                    if (error != null) {
                      lastError = error instanceof RuntimeException re ? re : new RuntimeException(error);
                      toRetry.addAll(items);
                    } else {
                      wroteSome = true;
                      written(queue, items, stale);
                    }
                    inFlight.addAndGet(-items.size());
                  });
        });
  }

  private void written(String queue, List<Item> items, List<String> stale) {
    for (Item it : items) {
      held.remove(queue, it.ending().token());
    }
    for (String id : stale) {
      staleWrites.incrementAndGet();
      LOG.warn(
          "Job {}: result refused, this worker no longer held its lease (it ran past a lost lease); "
              + "the job's current owner decides its outcome",
          id);
    }
  }
}
