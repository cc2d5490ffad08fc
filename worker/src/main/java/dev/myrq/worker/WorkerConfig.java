package dev.myrq.worker;

import dev.myrq.core.JobRequest;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.Retention;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a worker runs with, resolved flag > environment > default. Durations carry their unit.
 *
 * @param queues queue names in priority order (strict), or weighted when {@code weights} is not empty
 * @param jobsDir directory of jars holding the job classes (not on the worker's class path)
 * @param allowPackages when not empty, only classes in these packages (or below) may run
 * @param grace on SIGTERM, how long running jobs may go on before they are interrupted and put back
 * @param lease how long a job's lease lasts without renewal (renewed every lease / 4); a killed worker's jobs
 *     are runnable again about lease + 1 s after the kill at most (expired leases are reaped every second)
 * @param maxStuck how many threads may ignore their interrupt before the worker exits with code 3
 * @param stuckAfter how long after its interrupt a timed-out job's thread counts as stuck
 * @param maxResultBytes largest result (UTF-8 JSON) stored; a larger one fails its job, not retried
 * @param metricsListen where to serve Prometheus metrics, or null for none (the default)
 * @param weights empty for strict order, else one weight (1 or more) per queue: each fetch tries the queues in a
 *     random order where a queue comes first with a chance proportional to its weight
 */
public record WorkerConfig(
    RedisSettings redis,
    List<String> queues,
    Path jobsDir,
    List<String> allowPackages,
    int concurrency,
    String name,
    boolean burst,
    Duration grace,
    Duration lease,
    Duration defaultTimeout,
    int defaultRetries,
    Duration defaultBackoff,
    int maxCrashes,
    int maxStuck,
    Duration stuckAfter,
    Retention retention,
    long maxResultBytes,
    InetSocketAddress metricsListen,
    List<Integer> weights) {
  public static final int DEFAULT_CONCURRENCY = 8;
  /** Largest result stored by default: 1 MB of JSON (args are limited to 512 KB). */
  public static final long DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(20);
  public static final int DEFAULT_MAX_CRASHES = 3;
  public static final int DEFAULT_MAX_STUCK = 4;
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = JobRequest.DEFAULT_TIMEOUT;
  public static final int DEFAULT_RETRIES = JobRequest.DEFAULT_RETRIES;
  public static final Duration DEFAULT_BACKOFF = JobRequest.DEFAULT_BACKOFF;
  /** Longest wait between two retries, whatever the backoff base and attempt. */
  public static final Duration MAX_BACKOFF = Duration.ofHours(1);

  /** A config without a metrics endpoint, whose queues are tried in strict order. */
  public WorkerConfig(
      RedisSettings redis,
      List<String> queues,
      Path jobsDir,
      List<String> allowPackages,
      int concurrency,
      String name,
      boolean burst,
      Duration grace,
      Duration lease,
      Duration defaultTimeout,
      int defaultRetries,
      Duration defaultBackoff,
      int maxCrashes,
      int maxStuck,
      Duration stuckAfter,
      Retention retention,
      long maxResultBytes) {
    this(redis, queues, jobsDir, allowPackages, concurrency, name, burst, grace, lease, defaultTimeout,
        defaultRetries, defaultBackoff, maxCrashes, maxStuck, stuckAfter, retention, maxResultBytes, null, List.of());
  }

  /** This config serving metrics at {@code listen}. */
  public WorkerConfig withMetricsListen(InetSocketAddress listen) {
    return new WorkerConfig(redis, queues, jobsDir, allowPackages, concurrency, name, burst, grace, lease,
        defaultTimeout, defaultRetries, defaultBackoff, maxCrashes, maxStuck, stuckAfter, retention, maxResultBytes,
        listen, weights);
  }

  /** The same config with these queue weights (empty: strict order). */
  public WorkerConfig withWeights(List<Integer> w) {
    return new WorkerConfig(redis, queues, jobsDir, allowPackages, concurrency, name, burst, grace, lease,
        defaultTimeout, defaultRetries, defaultBackoff, maxCrashes, maxStuck, stuckAfter, retention, maxResultBytes,
        metricsListen, List.copyOf(w));
  }

  /** How often leases are renewed and the heartbeat written. */
  public Duration beat() {
    return lease.dividedBy(4);
  }
}
