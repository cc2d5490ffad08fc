package dev.myrq.worker;

import dev.myrq.core.Broker;
import dev.myrq.core.Fetched;
import dev.myrq.core.LeasedJob;
import dev.myrq.core.QueueWatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's fetch loop, on one thread at a time ({@code myrq-fetcher}): take as many free slots as there are,
 * lease that many jobs from the queues in {@link QueueOrder} (strict or weighted) in one script call per queue,
 * start them; when every queue is empty, block on the broker's {@link QueueWatch} (at most 2 s a call, so a stop
 * is noticed), which with one queue leases the job in the same step as the wake-up. In burst mode it ends when the
 * queues are empty and nothing runs. Quiet (SIGTSTP), it leases nothing more and puts back at once, uncounted, any
 * job a wait in progress still leased.
 *
 * <p>The loop runs on the guard's job threads, and moves: the thread whose wait leased jobs hands the loop to an
 * idle job thread and runs the last of those jobs itself, so a job that arrives while the worker waits starts on
 * the thread that read it, without waking another thread first (a wake-up is tens of microseconds on a busy VM,
 * more when the other core is taken). The thread holding the loop is named {@code myrq-fetcher} meanwhile.
 */
final class Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  static final Duration BLOCK = Duration.ofSeconds(2);
  private static final String LOOP_THREAD_NAME = "myrq-fetcher";

  private final WorkerConfig config;
  private final Broker broker;
  private final TimeoutGuard guard;
  private final JobRunner runner;
  private final HeldLeases held;
  private final QueueWatch watch;
  private final PausedQueues paused;
  private final QueueOrder order;
  private final Outage outage;
  private final Runnable onBurstDone;
  /** Counted down when the loop has ended, on whichever thread held it. */
  private final CountDownLatch loopEnded = new CountDownLatch(1);
  /** The body of the job a wait started, to run on the waiting thread once the loop has moved on. */
  private final Deferred deferred = new Deferred();
  private volatile boolean started;
  private volatile boolean stopping;
  private volatile boolean quiet;
  private volatile long lastTurnNanos = System.nanoTime();
  /** Counted down once the first fetch has handed its jobs over (or found none, or failed). */
  private final CountDownLatch firstFetch = new CountDownLatch(1);
  /** The last wait leased fewer jobs than it had slots for: it emptied the queue, so the next turn waits again. */
  private boolean emptied;

  Fetcher(
      WorkerConfig config,
      Broker broker,
      TimeoutGuard guard,
      JobRunner runner,
      HeldLeases held,
      PausedQueues paused,
      Runnable onBurstDone) {
    this.config = config;
    this.broker = broker;
    this.guard = guard;
    this.runner = runner;
    this.held = held;
    this.paused = paused;
    this.onBurstDone = onBurstDone;
    this.outage = new Outage("Fetching jobs");
    this.watch = broker.watch(config.queues(), BLOCK);
    this.order = QueueOrder.of(config.queues(), config.weights(), new java.util.Random());
  }

  void start() {
    started = true;
    guard.onJobThread(this::loop);
  }

  /** Wait up to {@code max} until the first fetch has started its jobs, found none or failed. */
  void awaitFirstFetch(Duration max) {
    try {
      firstFetch.await(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lease no more jobs from now on; running jobs go on, and the loop keeps turning until {@link #stop}. */
  void quiet() {
    quiet = true;
  }

  /** True if the loop began a turn less than {@code max} ago (a stalled loop stops the systemd watchdog). */
  boolean turnedWithin(Duration max) {
    return System.nanoTime() - lastTurnNanos < max.toNanos();
  }

  /** Stop leasing new jobs; return once the loop has ended (at most about one block time). */
  void stop() throws InterruptedException {
    stopping = true;
    if (started) {
      loopEnded.await(BLOCK.toMillis() + 3000, TimeUnit.MILLISECONDS);
    }
    watch.close();
  }

  /** Hold the loop on this job thread until it ends or moves on; then run the job it left here, if any. */
  private void loop() {
    Thread self = Thread.currentThread();
    String ownName = self.getName();
    self.setName(LOOP_THREAD_NAME);
    Runnable body;
    try {
      body = turns();
    } finally {
      self.setName(ownName);
    }
    if (body != null) {
      body.run();
    }
  }

  /**
   * Turn the loop until a wait started a job here and another thread took the loop, or until the loop ends; return
   * the body of the job left to this thread (null if none).
   */
  private Runnable turns() {
    try {
      while (!stopping) {
        turn();
        Runnable body = deferred.take();
        if (body != null) {
          try {
            guard.onJobThread(this::loop);
            return body;
          } catch (RejectedExecutionException e) { // the job threads are shut down: run it here and go on
            body.run();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loopEnded.countDown();
    return deferred.take(); // a job a wait started just before the loop ended still runs, here
  }

  private void turn() throws InterruptedException {
    lastTurnNanos = System.nanoTime();
    try {
      if (quiet) {
        Thread.sleep(200);
        return;
      }
      // after a wait that emptied the queue, a fetch would find nothing: wait again (one round trip less per wake)
      int got;
      try {
        got = emptied ? 0 : fetchOnce();
      } finally {
        firstFetch.countDown();
      }
      emptied = false;
      outage.ok();
      if (got == 0 && !stopping) {
        idle();
      }
    } catch (RuntimeException e) {
      outage.failed(e); // an interrupt while it backs off ends the loop
    }
  }

  /** Lease and start up to the free slots' worth of jobs; return how many were leased. */
  private int fetchOnce() throws InterruptedException {
    int free = guard.acquireUpTo(guard.concurrency());
    if (free == 0) {
      if (!guard.acquire(Duration.ofMillis(200))) {
        return -1;
      }
      free = 1 + guard.acquireUpTo(guard.concurrency() - 1);
    }
    int got = 0;
    try {
      String tokenPrefix = tokenPrefix();
      for (String q : order.next()) {
        if (got == free || stopping) {
          break;
        }
        if (paused.skip(q)) {
          continue;
        }
        Fetched f = broker.fetch(q, free - got, config.name(), tokenPrefix, config.lease());
        if (f.paused()) {
          paused.paused(q);
        }
        got += start(q, f.jobs());
      }
    } finally {
      guard.release(free - got);
    }
    return got;
  }

  /** Start leased jobs, each in a slot already taken; a job that cannot start gives its slot back. */
  private int start(String queue, List<LeasedJob> jobs) {
    return start(queue, jobs, false);
  }

  /** {@link #start(String, List)} for jobs a wait leased: the last one is left to run on this thread. */
  private int startHere(String queue, List<LeasedJob> jobs) {
    return start(queue, jobs, true);
  }

  private int start(String queue, List<LeasedJob> jobs, boolean lastHere) {
    for (int i = 0; i < jobs.size(); i++) {
      LeasedJob j = jobs.get(i);
      if (!j.token().isEmpty()) {
        held.add(queue, j.id(), j.token());
      }
      try {
        if (quiet && !j.missing()) {
          runner.putBack(queue, j);
        } else {
          runner.start(queue, j, lastHere && i == jobs.size() - 1 ? deferred : null);
        }
      } catch (RuntimeException e) {
        guard.release(1);
        LOG.error("Job {} could not start: {}; its lease expires and it runs again", j.id(), e.toString(), e);
      }
    }
    return jobs.size();
  }

  private static String tokenPrefix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":";
  }

  /** Every queue is empty: in burst mode, end once nothing runs; else wait for work, leasing it as it comes. */
  private void idle() throws InterruptedException {
    if (config.burst()) {
      if (guard.running() == 0) {
        LOG.info("Burst mode: queues {} are empty and no job runs; stopping", config.queues());
        stopping = true;
        onBurstDone.run();
      } else {
        Thread.sleep(10);
      }
      return;
    }
    List<String> open = paused.open(config.queues());
    if (open.isEmpty()) {
      paused.awaitRecheck();
      return;
    }
    int free = guard.acquireUpTo(guard.concurrency());
    if (free == 0) {
      return;
    }
    int got = 0;
    try {
      got = watch.awaitAndStart(open, free, config.name(), tokenPrefix(), config.lease(), this::startHere);
    } finally {
      guard.release(free - got);
    }
    emptied = got > 0 && got < free;
  }

  /**
   * Keeps the body a wait started until the loop has moved to another thread. Set on the thread that read the
   * wait's answer (the loop's, or the client's I/O thread before the loop's wait returns), taken by the loop's.
   */
  private static final class Deferred implements Executor {
    private volatile Runnable body;

    @Override
    public void execute(Runnable r) {
      body = r;
    }

    Runnable take() {
      Runnable r = body;
      body = null;
      return r;
    }
  }
}
