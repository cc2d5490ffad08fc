package dev.myrq.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a worker asks of Redis, and nothing else: lease jobs (at once, or waiting for them), renew and end
 * those leases, the housekeeping every worker shares (reap expired leases, promote due scheduled jobs), and the
 * worker's own record. Obtained from {@link MyrqClient#broker}; it shares that client's connection and lives as
 * long as it. Thread-safe.
 *
 * <p>Every method throws, and every future fails with, a {@link MyrqException}: {@link RedisUnavailableException}
 * when Redis cannot be reached or does not answer in time, {@link RedisCommandException} when it refuses a
 * command.
 */
public interface Broker {
  /** Most jobs one fetch leases (fetch.lua caps it too); a worker with more free slots fetches again. */
  int MAX_FETCH = 1000;

  /**
   * Lease up to {@code max} waiting jobs of a queue to {@code worker}, oldest first, each for {@code lease}. Each
   * lease gets a token of {@code tokenPrefix} plus a counter. A paused queue leases nothing and says so.
   */
  Fetched fetch(String queue, int max, String worker, String tokenPrefix, Duration lease);

  /**
   * Open a watch on these queues for a worker whose wait for work lasts at most {@code block} per call. It holds
   * connections of its own (blocking commands would stall the shared one), opened on first use; the caller closes
   * it.
   */
  QueueWatch watch(List<String> queues, Duration block);

  /**
   * End attempts of jobs leased from one queue, without waiting. The future completes on the client's I/O thread
   * with the ids whose lease was no longer held (nothing was written for them).
   */
  CompletableFuture<List<String>> complete(String queue, List<JobEnding> endings);

  /** Extend these leases by {@code lease}; return the tokens of those this worker no longer holds. */
  List<String> renew(String queue, Collection<Lease> held, Duration lease);

  /**
   * Put back up to {@code limit} jobs of a queue whose lease expired (their worker died), failing instead those
   * whose workers died {@code maxCrashes} times. Safe to run from many workers at once.
   */
  Reaped reap(String queue, int maxCrashes, int limit);

  /** Move up to {@code limit} due scheduled jobs of a queue into it; return how many moved. */
  long promote(String queue, int limit);

  /** Write a worker's record, expiring after {@code ttl} unless written again. */
  void heartbeat(WorkerInfo worker, Duration ttl);

  /** Record queue names in the set of known queues (job lookups search these). */
  void registerQueues(Collection<String> queues);

  /**
   * Subscribe to the control messages of these queues (cancel of a running job, pause, resume) on a pub/sub
   * connection of its own, which subscribes again after a reconnect. The caller closes it.
   */
  AutoCloseable listenForControl(List<String> queues, ControlListener listener);

  /** Remove a worker's record (clean shutdown). */
  void deregister(String workerName);
}
