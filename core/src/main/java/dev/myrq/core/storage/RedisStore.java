package dev.myrq.core.storage;

import dev.myrq.core.Broker;
import dev.myrq.core.CronEntry;
import dev.myrq.core.Job;
import dev.myrq.core.JobPage;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.PurgeTarget;
import dev.myrq.core.MyrqException;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.Throughput;
import dev.myrq.core.Retention;
import dev.myrq.core.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * The storage port of core: the one class of this package that {@link dev.myrq.core.MyrqClient} uses. It owns the
 * Redis client and its shared connection; every method throws myrq's exceptions only (Lettuce's are translated).
 * Internal to core: no other module uses this package (an architecture test checks it). Thread-safe.
 */
public final class RedisStore implements AutoCloseable {
  /** The loggers of the Redis client library and its network layer. */
  public static final java.util.List<String> CLIENT_LOGGERS = java.util.List.of("io.lettuce", "io.netty");

  /** The system properties that switch the Flight Recorder events of the Redis client library on or off. */
  public static final java.util.List<String> CLIENT_JFR_SWITCHES =
      java.util.List.of("io.netty.jfr.enabled", "io.lettuce.core.jfr");

  private final RedisConnector connector;
  private final RedisLink conn;
  private final Keys keys;
  private final ReplicaWait durable;
  private final QueueStore queues;
  private final WorkerRegistry workers;
  private final JobControl control;
  private final QueueReader reader;
  private final CronStore crons;

  private RedisStore(RedisConnector connector, int maxPayloadBytes) {
    this.connector = connector;
    this.keys = new Keys(connector.settings().prefix());
    try {
      this.conn = connector.connect();
      this.durable = ReplicaWait.open(connector, conn);
    } catch (RuntimeException e) {
      connector.close();
      throw e;
    }
    this.queues = new QueueStore(conn, durable, keys, maxPayloadBytes);
    this.workers = new WorkerRegistry(conn, keys);
    this.reader = new QueueReader(conn, keys);
    this.crons = new CronStore(conn, keys, queues);
    this.control = new JobControl(connector, keys, queues, new ControlStore(conn, keys));
  }

  /**
   * Connect to Redis.
   *
   * @throws dev.myrq.core.InvalidConfigException when the settings are malformed
   * @throws dev.myrq.core.RedisUnavailableException when Redis cannot be reached in time
   */
  public static RedisStore connect(RedisSettings settings, int maxPayloadBytes) {
    return new RedisStore(new RedisConnector(settings), maxPayloadBytes);
  }

  /** Check a request as enqueue would, without writing it. */
  public static void validate(JobRequest request, int maxPayloadBytes) {
    JobHash.validate(request, maxPayloadBytes);
  }

  /** Check a recurring entry as {@link #addCron} would. */
  public static void validateCron(CronEntry entry) {
    CronStore.validate(entry);
  }

  /** Check a queue name as enqueue would. */
  public static void validateQueue(String queue) {
    JobHash.validateQueue(queue);
  }

  public String enqueue(JobRequest request) {
    try { // connector.call without its lambda: the hot path of a cold client stays short
      return queues.enqueue(request);
    } catch (RuntimeException e) {
      throw connector.translate(e);
    }
  }

  public List<String> enqueueMany(List<JobRequest> requests) {
    return connector.call(() -> queues.enqueueMany(requests));
  }

  public Job find(String id) {
    return connector.call(() -> queues.find(id));
  }

  public Map<String, Job> jobs(String queue, List<String> ids) {
    return connector.call(() -> queues.jobs(queue, ids));
  }

  public JobPage page(String queue, JobStatus state, int offset, int limit) {
    return connector.call(() -> reader.page(queue, state, offset, limit));
  }

  public Optional<Duration> oldestWait(String queue) {
    return connector.call(() -> reader.oldestWait(queue));
  }

  public Throughput throughput(String queue, Duration width, int buckets) {
    return connector.call(() -> reader.throughput(queue, width, buckets));
  }

  public List<Job> runningJobs(WorkerInfo worker) {
    return connector.call(() -> reader.running(worker));
  }

  public List<QueueInfo> queueInfos() {
    return connector.call(queues::queueInfos);
  }

  public List<String> queueNames() {
    return connector.call(queues::queueNames);
  }

  public List<Job> failed(String queue, int limit) {
    return connector.call(() -> queues.failed(queue, limit));
  }

  public List<String> failedIds(String queue) {
    return connector.call(() -> queues.failedIds(queue));
  }

  public List<String> requeue(String queue, Collection<String> ids) {
    return connector.call(() -> queues.requeue(queue, ids));
  }

  public CronEntry addCron(CronEntry entry) {
    return connector.call(() -> crons.add(entry));
  }

  public List<CronEntry> cronEntries() {
    return connector.call(crons::list);
  }

  public void removeCron(String name) {
    connector.call(() -> {
      crons.remove(name);
      return null;
    });
  }

  public Optional<Instant> lastCronTick(CronEntry entry) {
    return connector.call(() -> crons.lastTick(entry));
  }

  public Optional<String> enqueueCronTick(CronEntry entry, Instant tick) {
    return connector.call(() -> crons.enqueueTick(entry, tick));
  }

  public List<WorkerInfo> workers() {
    return connector.call(workers::live);
  }

  public JobStatus cancel(String id) {
    return control.cancel(id);
  }

  public JobStatus delete(String id) {
    return control.delete(id);
  }

  public void pause(String queue) {
    control.pause(queue);
  }

  public void resume(String queue) {
    control.resume(queue);
  }

  public boolean isPaused(String queue) {
    return control.isPaused(queue);
  }

  public long purge(String queue, PurgeTarget target) {
    return control.purge(queue, target);
  }

  /** Wait for a job's end; see {@link dev.myrq.core.MyrqClient#await}. */
  public Optional<Job> await(String id, Duration max) throws InterruptedException {
    return control.await(id, max);
  }

  /** Completions refused in a queue because the writer had lost the lease. */
  public long staleWrites(String queue) {
    return connector.call(() -> new LeaseStore(conn, keys, Retention.defaults()).staleWrites(queue));
  }

  /** The worker's port, on this store's shared connection. */
  public Broker broker(Retention retention) {
    return new RedisBroker(connector, new LeaseStore(conn, keys, retention), durable, workers, keys);
  }


  /** Close the connection and the client's threads. */
  @Override
  public void close() {
    try {
      control.close();
      durable.close();
      conn.close();
    } finally {
      connector.close();
    }
  }
}
