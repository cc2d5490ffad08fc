package dev.myrq.worker;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs job bodies on named threads ({@code myrq-job-N}), at most {@code concurrency} at once, each against its
 * deadline. At the deadline the job ends as timed out, its thread is interrupted and its slot is free at once. A
 * thread still busy {@code stuckAfter} later is stuck: abandoned (a new thread takes its place) and counted;
 * past {@code maxStuck} stuck threads the owner is told to exit, so systemd restarts a clean process.
 */
final class TimeoutGuard {
  private static final Logger LOG = LoggerFactory.getLogger(TimeoutGuard.class);

  /** How a body ended. Exactly one of result/error is set unless timedOut. */
  record Ending(Object result, Throwable error, boolean timedOut) {}

  /** Receives the one ending of each submitted body. */
  interface Listener {
    void ended(Ending ending);
  }

  private final Semaphore slots;
  private final int concurrency;
  private final int maxStuck;
  private final Duration stuckAfter;
  private final Runnable onTooManyStuck;
  private final ExecutorService threads;
  private final ScheduledExecutorService timer;
  private final AtomicInteger stuck = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  TimeoutGuard(int concurrency, int maxStuck, Duration stuckAfter, Runnable onTooManyStuck) {
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.maxStuck = maxStuck;
    this.stuckAfter = stuckAfter;
    this.onTooManyStuck = onTooManyStuck;
    this.threads = Executors.newCachedThreadPool(named("myrq-job-", true));
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, named("myrq-timeout-", true));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
  }

  /** Take up to {@code max} free slots without waiting; return how many were taken. */
  int acquireUpTo(int max) {
    int n = 0;
    while (n < max && slots.tryAcquire()) {
      n++;
    }
    return n;
  }

  /** Wait up to {@code max} for a free slot and take it; return false if none came. */
  boolean acquire(Duration max) throws InterruptedException {
    return slots.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Give back slots taken but not used. */
  void release(int n) {
    slots.release(n);
  }

  /** Jobs whose body is running and not yet ended. */
  int running() {
    return running.get();
  }

  /** Threads abandoned because they ignored their interrupt. */
  int stuck() {
    return stuck.get();
  }

  /**
   * Run a body in a slot already taken, against {@code timeout}; the listener hears its one ending. Return a
   * handle that stops the body early (cancel): its slot is free at once, as at a timeout.
   */
  Runnable run(Callable<Object> body, Duration timeout, ClassLoader contextLoader, Listener listener) {
    Slot slot = new Slot(listener);
    running.incrementAndGet();
    slot.timeout = timer.schedule(() -> slot.expire(), timeout.toMillis(), TimeUnit.MILLISECONDS);
    threads.execute(() -> slot.runBody(body, contextLoader));
    return slot::expire;
  }

  /** Interrupt every running body (shutdown past its grace). */
  void interruptAll() {
    threads.shutdownNow();
  }

  /** Wait up to {@code max} for running bodies to end; return true if none is left. */
  boolean awaitIdle(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (running.get() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return running.get() == 0;
  }

  void shutdown() {
    timer.shutdownNow();
    threads.shutdownNow();
  }

  private final class Slot {
    private final Listener listener;
    private Thread thread;
    private boolean bodyRunning;
    private boolean ended;
    private boolean countedStuck;
    volatile ScheduledFuture<?> timeout;

    Slot(Listener listener) {
      this.listener = listener;
    }

    void runBody(Callable<Object> body, ClassLoader contextLoader) {
      synchronized (this) {
        if (ended) {
          return;
        }
        thread = Thread.currentThread();
        bodyRunning = true;
      }
      thread.setContextClassLoader(contextLoader);
      Ending ending;
      try {
        ending = new Ending(body.call(), null, false);
      } catch (Throwable t) {
        ending = new Ending(null, t, false);
      }
      boolean first;
      synchronized (this) {
        bodyRunning = false;
        first = !ended;
        ended = true;
        if (countedStuck) {
          int left = stuck.decrementAndGet();
          LOG.info("A stuck job thread finally returned; {} stuck thread(s) left", left);
        }
      }
      Thread.interrupted();
      if (first) {
        timeout.cancel(false);
        finish(ending);
      }
    }

    void expire() {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        timeout.cancel(false);
        if (bodyRunning) {
          thread.interrupt();
        }
      }
      finish(new Ending(null, null, true));
      timer.schedule(this::checkStuck, stuckAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkStuck() {
      int now;
      synchronized (this) {
        if (!bodyRunning) {
          return;
        }
        countedStuck = true;
        now = stuck.incrementAndGet();
      }
      LOG.error(
          "Job thread {} ignored its interrupt for {} s and is abandoned; {} stuck of at most {}",
          thread.getName(), stuckAfter.toSeconds(), now, maxStuck);
      if (now > maxStuck) {
        onTooManyStuck.run();
      }
    }

    private void finish(Ending ending) {
      try {
        listener.ended(ending);
      } catch (Throwable e) {
        LOG.error("Recording a job's end failed: {}; worker keeps running", e.toString(), e);
      } finally {
        running.decrementAndGet();
        slots.release();
      }
    }
  }

  private static ThreadFactory named(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }

  int concurrency() {
    return concurrency;
  }
}
