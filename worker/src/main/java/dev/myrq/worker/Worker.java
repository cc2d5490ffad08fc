package dev.myrq.worker;

import dev.myrq.core.Broker;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.shell.ExitCodes;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the parts of a worker in a stated order, and reports why it ended. */
public final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Why a worker ended; each maps to a process exit code. */
  public enum Exit {
    STOPPED(0),
    BURST_DONE(0),
    TOO_MANY_STUCK(ExitCodes.TOO_MANY_STUCK);

    public final int code;

    Exit(int code) {
      this.code = code;
    }
  }

  /** A fetch loop silent this long is stalled; see {@link #responsive}. */
  static final Duration STALLED = Duration.ofSeconds(30);

  /**
   * The longest the housekeeping waits at start for the first fetch and the first ends it leads to (a Redis that
   * does not answer, long jobs); the first heartbeat then still comes well within a lease.
   */
  static final Duration FIRST_FETCH_WAIT = Duration.ofSeconds(1);

  /** How often the recurring entries are looked at: ticks are whole minutes, so a tick starts within a second. */
  static final Duration CRON_TICK = Duration.ofSeconds(1);

  private final WorkerConfig config;
  private final MyrqClient client;
  private final HeldLeases held;
  private final TimeoutGuard guard;
  private final JobLoader loader;
  private final Completer completer;
  private final JobRunner runner;
  private final Fetcher fetcher;
  private final Heartbeat heartbeat;
  private final Reaper reaper;
  private final Controls controls;
  private final CronTicker cron;
  private final ScheduledExecutorService housekeeping;
  /**
   * The heartbeat alone, on its own thread: held leases are renewed every beat whatever the other housekeeping
   * does. Sharing the pool, the cold first runs of the reaper, the cron ticker and the control subscription of a
   * worker starting on a loaded machine delayed the first renewals past the leases the first fetch had taken.
   */
  private final ScheduledExecutorService renewal;
  /** Null without --metrics-listen: then no metrics library is loaded and jobs report to {@link Metrics#NONE}. */
  private final MetricsServer metricsServer;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicReference<Exit> exit = new AtomicReference<>();
  private final AtomicInteger stopCalls = new AtomicInteger();

  /** A worker on this client: its {@link Broker} for the jobs, the client's read side for metrics and cancels. */
  public Worker(WorkerConfig config, MyrqClient client) {
    this.config = config;
    this.client = client;
    Broker broker = client.broker(config.retention());
    this.held = new HeldLeases(config.queues());
    this.guard =
        new TimeoutGuard(
            config.concurrency(), config.maxStuck(), config.stuckAfter(), () -> end(Exit.TOO_MANY_STUCK));
    this.loader = new JobLoader(config.jobsDir(), config.allowPackages());
    this.completer = new Completer(broker, held);
    this.metricsServer = config.metricsListen() == null ? null : newMetricsServer();
    this.runner =
        new JobRunner(config, loader, guard, completer, metricsServer == null ? Metrics.NONE : metricsServer.jobs());
    PausedQueues paused = new PausedQueues();
    this.fetcher = new Fetcher(config, broker, guard, runner, held, paused, () -> end(Exit.BURST_DONE));
    this.controls = new Controls(broker, config.queues(), runner, held, paused);
    this.heartbeat = new Heartbeat(config, client, broker, held, guard, controls);
    this.reaper = new Reaper(config, broker);
    this.cron = new CronTicker(client, java.time.Clock.systemUTC());
    this.housekeeping = Executors.newScheduledThreadPool(3, r -> daemon(r, "myrq-housekeeping"));
    this.renewal = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "myrq-renewal"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The metrics of every part; read only when Prometheus scrapes, so the parts may be built after this. */
  private MetricsServer newMetricsServer() {
    return new MetricsServer(config.metricsListen(), client, new WorkerMetrics.Sources(
        guard::running, config::concurrency, guard::stuck, () -> heartbeat.renewals(), () -> heartbeat.leasesLost(),
        completer::staleWrites, Outage::outages, () -> Outage.redisUp() ? 1 : 0));
  }

  /**
   * Start the parts: the metrics endpoint first (a taken port fails the start before any job is leased), then
   * the completer, so that every job the fetcher leases has a writer for its end, then the fetcher. The first
   * heartbeat (worker record, queue list), the control subscription and the housekeeping (reaper, cron) come once
   * the first fetch has found no job, or once the ends of the jobs it started are written, or after
   * {@link #FIRST_FETCH_WAIT} or a twentieth of the lease, whichever is shorter: none of them is needed for the
   * first jobs (a lease runs for several beats, the fetch script itself skips a paused queue, a missed cancel is
   * found at the next renewal). Their cold first runs (the first renewal opens the Redis client library's
   * connection: its classes, event loop and handshake) took the CPU of a starting worker on 2 cores from the first
   * jobs and their ends, delaying the first end written by about a tenth of a second. When this returns they are
   * all done or scheduled, as before. The heartbeat runs at a fixed rate on its own thread: a slow beat or slow
   * housekeeping does not push the next renewal back.
   */
  public void start() {
    if (metricsServer != null) {
      metricsServer.start();
      LOG.info("Metrics at http://{}:{}/metrics", config.metricsListen().getHostString(), metricsServer.port());
    }
    completer.start();
    fetcher.start();
    awaitFirstEnds();
    heartbeat.run();
    renewal.scheduleAtFixedRate(heartbeat, beatMillis(), beatMillis(), TimeUnit.MILLISECONDS);
    housekeeping.scheduleWithFixedDelay(reaper, 0, reapMillis(), TimeUnit.MILLISECONDS);
    controls.run();
    housekeeping.scheduleWithFixedDelay(controls, 1, 1, TimeUnit.SECONDS);
    housekeeping.scheduleWithFixedDelay(cron, 0, CRON_TICK.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Worker {} started: queues {}, concurrency {}, jobs from {}", config.name(), config.queues(),
        config.concurrency(), config.jobsDir());
  }

  /**
   * Wait up to {@link #FIRST_FETCH_WAIT} for the first fetch and, if it started jobs, their first ends written,
   * but never more than a twentieth of the lease in all: the first renewal of the leases the first fetch took (whose
   * first run opens a connection, slow on a loaded machine) must still come well within them, even at the shortest
   * --lease, 2 s.
   */
  private void awaitFirstEnds() {
    long deadline = System.nanoTime() + Math.min(FIRST_FETCH_WAIT.toNanos(), config.lease().toNanos() / 20);
    fetcher.awaitFirstFetch(FIRST_FETCH_WAIT);
    if (guard.running() > 0 || completer.hasUnwritten()) {
      try {
        completer.awaitFirstWrite(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stop fetching (SIGTSTP); running jobs finish, leases stay renewed, and the worker stays up until it ends. */
  public void quiet() {
    fetcher.quiet();
    LOG.info("Worker {} quiet: fetches no more jobs; {} running job(s) go on; SIGTERM stops it", config.name(),
        guard.running());
  }

  /** Jobs running now. */
  public int running() {
    return guard.running();
  }

  /**
   * False when the fetch loop has not turned for {@link #STALLED}: no call it makes lasts that long (blocking waits
   * 2 s, Redis timeouts, outage backoff 5 s), so the process is wedged and systemd's watchdog should restart it.
   * Stopping counts as responsive; the stop is bounded by the grace.
   */
  public boolean responsive() {
    return stopCalls.get() > 0 || fetcher.turnedWithin(STALLED);
  }

  /** Ask the worker to end (SIGTERM); {@link #awaitExit} returns once it has stopped. */
  public void end(Exit why) {
    exit.compareAndSet(null, why);
    ended.countDown();
  }

  /** Block until something asks the worker to end; return why. */
  public Exit awaitExit() throws InterruptedException {
    ended.await();
    return exit.get();
  }

  /**
   * Stop in reverse order of start: stop leasing; let running jobs finish within the grace; interrupt the rest and
   * put every unfinished job back in its queue at once; write all ends; only then stop the heartbeat (so leases
   * stay renewed until their ends are written) and remove the worker record.
   */
  public void stop() throws InterruptedException {
    if (stopCalls.getAndIncrement() > 0) {
      return;
    }
    fetcher.stop();
    if (!guard.awaitIdle(config.grace())) {
      LOG.warn("Grace period of {} ms over; interrupting {} running job(s) and putting them back",
          config.grace().toMillis(), guard.running());
      runner.requeueFromNowOn();
      guard.interruptAll();
      guard.awaitIdle(Duration.ofSeconds(1));
    }
    int requeued = runner.requeueRunning();
    if (requeued > 0) {
      LOG.warn("{} job(s) did not stop when interrupted; put back in their queues", requeued);
    }
    if (!completer.flush(Duration.ofSeconds(10))) {
      LOG.error("Some job ends could not be written (Redis unreachable); their leases expire and they run again");
    }
    completer.stop();
    housekeeping.shutdown();
    renewal.shutdown();
    housekeeping.awaitTermination(5, TimeUnit.SECONDS);
    renewal.awaitTermination(5, TimeUnit.SECONDS);
    controls.close();
    heartbeat.deregister();
    if (metricsServer != null) {
      metricsServer.close();
    }
    guard.shutdown();
    try {
      loader.close();
    } catch (IOException e) {
      LOG.debug("closing the jobs class loader: {}", e.toString());
    }
    LOG.info("Worker {} stopped", config.name());
  }

  /**
   * The JVM is ending without the worker asking (see {@link ExitGuard}): fail the job running on {@code caller},
   * stop fetching, put every other running job back and write it all; return true if a job ran there.
   */
  boolean failAndPutBackOthers(Thread caller, String error) {
    boolean found = runner.failRunningOn(caller, error);
    runner.requeueFromNowOn();
    try {
      fetcher.stop(); // no job put back may be leased again by this dying worker
      int n = runner.requeueRunning();
      boolean written = completer.flush(Duration.ofSeconds(5));
      LOG.warn("{} other running job(s) put back in their queues{}", n, written ? "" : "; some ends not written");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return found;
  }

  /** The port the metrics endpoint listens on (for port 0, the one chosen); -1 without one. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /** Completions refused because a lease had been lost. */
  public int staleWrites() {
    return completer.staleWrites();
  }

  /** The pool of the reaper, the cron ticker and the control subscription (tests make it busy). */
  ScheduledExecutorService housekeeping() {
    return housekeeping;
  }

  private long beatMillis() {
    return config.beat().toMillis();
  }

  private long reapMillis() {
    return Math.min(1000, beatMillis());
  }
}
