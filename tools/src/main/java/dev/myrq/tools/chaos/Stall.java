package dev.myrq.tools.chaos;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The stall step: one worker stopped with SIGSTOP past its lease, as in a long GC pause or a suspended VM, then
 * resumed with SIGCONT. The other workers reap its leases and run its jobs again; after SIGCONT its own attempts go
 * on, their ends must be refused (stale writes) and its later attempts left alone, so no job may end WorkerDied
 * because of it. It comes before the kills; the stalled worker is never killed (while stopped, nor after, so that
 * its late ends are seen refused), and it is resumed before the run ends (a stopped worker cannot hear the SIGTERM
 * that ends the run).
 */
final class Stall {
  /** Lease + 4 s: past the lease and the reaper's second of lag, so that other workers surely reap its jobs. */
  static final Duration LENGTH = Chaos.LEASE.plusSeconds(4);
  /** Reaps this soon after SIGCONT still count as the stall's: a lease that ran out just before the renewal. */
  static final Duration AFTERMATH = Duration.ofSeconds(2);

  /** When a worker was stopped and resumed (now, if it has not been yet). */
  record Window(String worker, Instant stopped, Instant resumed) {
    /** True if an attempt of {@code w} reaped at {@code reapedAtMillis} was reaped because of this stall. */
    boolean covers(String w, long reapedAtMillis) {
      return worker.equals(w)
          && reapedAtMillis >= stopped.toEpochMilli()
          && reapedAtMillis <= resumed.plus(AFTERMATH).toEpochMilli();
    }

    Duration length() {
      return Duration.between(stopped, resumed);
    }
  }

  private final Fleet fleet;
  private String worker;
  private Instant stopped;
  private long stoppedNanos;
  private Instant resumed;

  Stall(Fleet fleet) {
    this.fleet = fleet;
  }

  /**
   * Once per run, when two workers run (one stays to reap), stop the running worker that holds the most jobs, if
   * it holds any (by its last heartbeat). Return its name, or null if it is not time.
   */
  String maybeStop(Map<String, Integer> heldJobs) throws IOException, InterruptedException {
    if (worker != null || fleet.runningCount() < 2) {
      return null;
    }
    String busiest = null;
    for (String name : fleet.runningNames()) {
      int held = heldJobs.getOrDefault(name, 0);
      if (held > 0 && (busiest == null || held > heldJobs.get(busiest))) {
        busiest = name;
      }
    }
    if (busiest == null) {
      return null;
    }
    fleet.suspend(busiest);
    worker = busiest;
    stopped = Instant.now();
    stoppedNanos = System.nanoTime();
    return worker;
  }

  /** Resume the stopped worker once the stall has lasted {@link #LENGTH}, or at once if {@code now}; true if it did. */
  boolean maybeResume(boolean now) throws IOException, InterruptedException {
    if (worker == null || resumed != null || !now && System.nanoTime() - stoppedNanos < LENGTH.toNanos()) {
      return false;
    }
    fleet.resume(worker);
    resumed = Instant.now();
    return true;
  }

  /** True once a worker has been stopped: the kills may begin. */
  boolean begun() {
    return worker != null;
  }

  /** The stall so far, or null if none began. */
  Window window() {
    return worker == null ? null : new Window(worker, stopped, resumed != null ? resumed : Instant.now());
  }
}
