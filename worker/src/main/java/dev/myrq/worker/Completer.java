package dev.myrq.worker;

import dev.myrq.core.Broker;
import dev.myrq.core.JobEnding;
import dev.myrq.core.RedisCommandException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ends of attempts to Redis on its own thread ({@code myrq-completer}): whatever has piled up goes in
 * one script call per queue, so completions are batched under load and sent at once when idle. On a standalone
 * server the call goes over a blocking socket on this thread (the ends that pile up meanwhile go in the next
 * batch); over Lettuce it is sent without waiting and pipelined. An end that could not be written (Redis down) is kept and sent again when Redis answers;
 * until then its lease stays held and renewed. An end Redis refuses (an error reply, e.g. a result over its
 * proto-max-bulk-len) never holds back another: its batch is split and each end sent alone; the one refused
 * alone is replaced by a failure giving the reason (ResultError), and dropped if even that is refused.
 */
final class Completer {
  private static final Logger LOG = LoggerFactory.getLogger(Completer.class);
  private static final int MAX_BATCH = 256;
  private static final long LINGER_NANOS = 200_000;

  /**
   * One attempt's end on its way to Redis.
   *
   * @param alone send it in a call of its own (its batch was refused)
   * @param replacement it replaces an end Redis refused; if refused too, it is dropped
   */
  private record Item(String queue, JobEnding ending, boolean alone, boolean replacement) {
    Item sentAlone() {
      return new Item(queue, ending, true, replacement);
    }

    Item replacedAfter(Throwable refusal) {
      JobEnding e = ending;
      String error = "ResultError: Redis refused to store this job's end (" + ErrorText.oneLine(refusal)
          + "); its result was dropped";
      String history = e.historyEntry() != null && e.historyEntry().length() < 8192 ? e.historyEntry() : "";
      return new Item(queue, new JobEnding(e.id(), e.token(), JobEnding.Outcome.FAILED, error, "", history,
          0), true, true);
    }
  }

  private final Broker broker;
  private final HeldLeases held;
  private final Outage outage;
  private final LinkedBlockingQueue<Item> pending = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Item> toRetry = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Item> toSendAlone = new ConcurrentLinkedQueue<>();
  /**
   * Ends submitted and neither written nor dropped yet, wherever they are: queued, taken by the loop but not yet
   * sent, sent and unanswered, waiting to be sent again. {@link #flush} waits for this to reach 0; an end the loop
   * has taken out of a queue but not yet sent is counted here, where no queue shows it.
   */
  private final AtomicInteger unwritten = new AtomicInteger();
  private final AtomicInteger staleWrites = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile RuntimeException lastError;
  private volatile boolean wroteSome;
  /** Counted down once the first batch of ends is written. */
  private final CountDownLatch firstWrite = new CountDownLatch(1);
  /** Ends in the last batch sent (completer thread only). */
  private int lastBatch;

  Completer(Broker broker, HeldLeases held) {
    this.broker = broker;
    this.held = held;
    this.outage = new Outage("Writing job results");
    this.thread = new Thread(this::loop, "myrq-completer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void submit(String queue, JobEnding ending) {
    unwritten.incrementAndGet(); // counted before it is queued, so that flush cannot miss it
    pending.add(new Item(queue, ending, false, false));
  }

  /** True while some end submitted is not written yet. */
  boolean hasUnwritten() {
    return unwritten.get() > 0;
  }

  /** Wait up to {@code max} until the first batch of ends is written. */
  void awaitFirstWrite(Duration max) throws InterruptedException {
    firstWrite.await(max.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Completions refused because this worker had lost the lease. */
  int staleWrites() {
    return staleWrites.get();
  }

  /**
   * Wait up to {@code max} until every end submitted so far is written (or dropped after Redis refused it); return
   * true if all were.
   */
  boolean flush(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (unwritten.get() > 0) {
      if (System.nanoTime() >= end) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
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
        Item single;
        while ((single = toSendAlone.poll()) != null) {
          send(List.of(single));
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
        if (pending.isEmpty() && lastBatch > 1) {
          // under load, a short linger lets ends that finish together share one script call (fewer Redis calls);
          // a lone end after a lone end (a quiet queue) goes at once: no timed wake-up per job, less jitter
          java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
        }
        List<Item> batch = new ArrayList<>();
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        lastBatch = batch.size();
        send(batch);
      } catch (InterruptedException e) {
        if (stopping) {
          return;
        }
      } catch (Throwable e) {
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
          List<JobEnding> endings = new ArrayList<>(items.size());
          items.forEach(i -> endings.add(i.ending()));
          endings.forEach(e -> held.markSent(e.token()));
          completeAsync(queue, endings)
              .whenComplete(
                  (stale, error) -> {
                    if (error != null) {
                      failed(items, error);
                    } else {
                      wroteSome = true;
                      written(queue, items, stale);
                    }
                  });
        });
  }

  private java.util.concurrent.CompletableFuture<List<String>> completeAsync(
      String queue, List<JobEnding> endings) {
    try {
      return broker.complete(queue, endings);
    } catch (Throwable e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** Redis down: keep the ends for later. Redis refused the call: split it, then replace, then drop. */
  private void failed(List<Item> items, Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (!(cause instanceof RedisCommandException refusal && refusal.refused())) {
      lastError = cause instanceof RuntimeException re ? re : new RuntimeException(cause);
      toRetry.addAll(items);
      return;
    }
    for (Item it : items) {
      if (items.size() > 1) {
        toSendAlone.add(it.sentAlone());
      } else if (!it.replacement()) {
        LOG.warn("Job {}: Redis refused its end ({}); failing it with that reason", it.ending().id(),
            ErrorText.oneLine(cause));
        toSendAlone.add(it.replacedAfter(cause));
      } else {
        held.remove(it.queue(), it.ending().token());
        unwritten.decrementAndGet();
        LOG.error("Job {}: Redis refused even a short failure for it ({}); its lease expires and it runs again",
            it.ending().id(), ErrorText.oneLine(cause));
      }
    }
  }

  private void written(String queue, List<Item> items, List<String> stale) {
    for (Item it : items) {
      held.remove(queue, it.ending().token());
    }
    unwritten.addAndGet(-items.size());
    firstWrite.countDown();
    for (String id : stale) {
      staleWrites.incrementAndGet();
      LOG.warn(
          "Job {}: result refused, this worker no longer held its lease (it ran past a lost lease); "
              + "the job's current owner decides its outcome",
          id);
    }
  }
}
