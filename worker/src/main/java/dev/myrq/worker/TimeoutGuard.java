package dev.myrq.worker;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs job bodies on named threads ({@code myrq-job-N}), at most {@code concurrency} at once, each against its
 * deadline. At the deadline the job ends as timed out, its thread is interrupted and its slot is free at once. A
 * thread still busy {@code stuckAfter} later is stuck: abandoned (a new thread takes its place) and counted;
 * past {@code maxStuck} stuck threads the owner is told to exit, so systemd restarts a clean process.
 *
 * <p>Deadlines are kept by one sweep on the timer thread, not by a timer task per job: the sweep runs at the
 * earliest deadline it knows of, expires the bodies past theirs and sets itself for the next. A body whose deadline
 * is later than the sweep already set (with one timeout for all, every body) neither schedules nor wakes the timer
 * thread; a body that ends only leaves the set. A task per job woke the timer thread at each start (its deadline was
 * the queue's new head) just as the job thread was woken, and took the timer's lock twice.
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
  /** Bodies not yet ended, each with its deadline. */
  private final Set<Slot> armed = ConcurrentHashMap.newKeySet();
  /** {@link System#nanoTime} of the next sweep set, {@link #NO_SWEEP} when none is. */
  private final AtomicLong nextSweep = new AtomicLong(NO_SWEEP);
  private static final long NO_SWEEP = Long.MAX_VALUE;
  /** Longest deadline kept exactly (about 73 years), so that adding it to {@link System#nanoTime} cannot overflow. */
  private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;
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
   * handle that stops the body early (cancel): its slot is free at once, as at a timeout. The body goes to
   * {@code where} to run: {@link #onJobThread}, or a thread of the caller's that runs it next; its deadline runs
   * from now all the same.
   */
  Runnable run(
      Callable<Object> body, Duration timeout, ClassLoader contextLoader, Listener listener, Executor where) {
    Slot slot = new Slot(listener, System.nanoTime() + timeoutNanos(timeout));
    running.incrementAndGet();
    armed.add(slot);
    sweepBy(slot.deadline);
    where.execute(() -> slot.runBody(body, contextLoader));
    return slot::expire;
  }

  private static long timeoutNanos(Duration timeout) {
    return timeout.compareTo(Duration.ofNanos(MAX_TIMEOUT_NANOS)) > 0 ? MAX_TIMEOUT_NANOS : timeout.toNanos();
  }

  /** Make sure a sweep runs at {@code deadline} or before; schedule one only if none is set that early. */
  private void sweepBy(long deadline) {
    for (long set = nextSweep.get(); set == NO_SWEEP || set - deadline > 0; set = nextSweep.get()) {
      if (nextSweep.compareAndSet(set, deadline)) {
        try {
          timer.schedule(this::sweep, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          // shut down: no deadline is enforced any more
        }
        return;
      }
    }
  }

  /**
   * Expire the bodies past their deadline and set the next sweep by the earliest left. The set mark is cleared
   * first, so a body added meanwhile is either seen here or sets its own sweep.
   */
  private void sweep() {
    nextSweep.set(NO_SWEEP);
    long now = System.nanoTime();
    long earliest = NO_SWEEP;
    for (Slot s : armed) {
      if (s.deadline - now <= 0) {
        s.expire();
      } else if (earliest == NO_SWEEP || s.deadline - earliest < 0) {
        earliest = s.deadline;
      }
    }
    if (earliest != NO_SWEEP) {
      sweepBy(earliest);
    }
  }

  /**
   * Run {@code task} on one of the job threads (one left idle by an ended job if there is one); it takes no slot.
   *
   * @throws RejectedExecutionException once {@link #interruptAll} or {@link #shutdown} ran
   */
  void onJobThread(Runnable task) {
    threads.execute(task);
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
    final long deadline;

    Slot(Listener listener, long deadline) {
      this.listener = listener;
      this.deadline = deadline;
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
        armed.remove(this);
        finish(ending);
      }
    }

    void expire() {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        armed.remove(this);
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
