package dev.myrq.core;

import dev.myrq.core.storage.RedisStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;

/**
 * The myrq API used by applications, the CLI and the worker: enqueue jobs, read them back, manage failed jobs.
 * Thread-safe; one instance holds one shared Redis connection and should be shared and closed once. Every method
 * throws {@link RedisUnavailableException} when Redis cannot be reached in time.
 */
public final class MyrqClient implements AutoCloseable {
  /** Largest args JSON accepted at enqueue when none is configured. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 512 * 1024;

  /** Logger names of the Redis client library core talks through, for applications that set log levels. */
  public static final List<String> REDIS_CLIENT_LOGGERS = RedisStore.CLIENT_LOGGERS;

  /**
   * System properties (true or false) that switch the Flight Recorder events of the Redis client library; read
   * once, when the first client connects.
   */
  public static final List<String> REDIS_CLIENT_JFR_SWITCHES = RedisStore.CLIENT_JFR_SWITCHES;

  private final RedisStore store;
  private final int maxPayloadBytes;

  private MyrqClient(RedisStore store, int maxPayloadBytes) {
    this.store = store;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /**
   * Connect to Redis.
   *
   * @throws InvalidConfigException when the settings are malformed
   * @throws RedisUnavailableException when Redis cannot be reached in time
   */
  public static MyrqClient connect(RedisSettings settings) {
    return connect(settings, DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /** Connect, refusing at enqueue any args larger than {@code maxPayloadBytes}. */
  public static MyrqClient connect(RedisSettings settings, int maxPayloadBytes) {
    return new MyrqClient(RedisStore.connect(settings, maxPayloadBytes), maxPayloadBytes);
  }

  /** Connect to the Redis at this URL with default settings. */
  public static MyrqClient connect(String url) {
    return connect(RedisSettings.of(url));
  }

  /**
   * Enqueue a call of {@code func} (class name and method, e.g. {@code com.acme.Task.add}) with these
   * arguments, converted to JSON, on the default queue; return the new job's id.
   *
   * @throws InvalidJobException when func or args are malformed
   */
  public String enqueue(String func, Object... args) {
    return enqueue(JobRequest.of(func, args));
  }

  /**
   * Check a request without writing it (for tools that report bad input before connecting).
   *
   * @throws InvalidJobException naming the malformed field
   */
  public static void validate(JobRequest request) {
    RedisStore.validate(request, DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /**
   * Check a recurring entry as {@link #addCron} would, without writing it.
   *
   * @throws InvalidJobException naming a malformed name or job
   */
  public static void validateCron(CronEntry entry) {
    RedisStore.validateCron(entry);
  }

  /**
   * Check a queue name: 1 to 64 of letters, digits, '_', '.', ':' and '-'.
   *
   * @throws InvalidJobException when it is not one
   */
  public static void validateQueue(String queue) {
    RedisStore.validateQueue(queue);
  }

  /**
   * Enqueue one job; return its id. A job with a due time in the future waits in its queue's schedule.
   *
   * @throws InvalidJobException naming the malformed field; nothing is written then
   * @throws ReplicaWaitException with {@link RedisSettings#minReplicas} set, when fewer replicas confirmed the write
   *     in time (it reached the master; it is lost if the master fails now)
   */
  public String enqueue(JobRequest request) {
    return store.enqueue(request);
  }

  /**
   * Enqueue many jobs in few round trips; return their ids in order. Every request is validated before any is
   * written.
   *
   * @throws InvalidJobException naming the first malformed request; nothing is written then
   * @throws ReplicaWaitException with {@link RedisSettings#minReplicas} set, when fewer replicas confirmed the write
   *     in time (it reached the master; it is lost if the master fails now)
   */
  public List<String> enqueueMany(List<JobRequest> requests) {
    for (int i = 0; i < requests.size(); i++) {
      try {
        RedisStore.validate(requests.get(i), maxPayloadBytes);
      } catch (InvalidJobException e) {
        throw new InvalidJobException("job " + (i + 1) + ": " + e.getMessage());
      }
    }
    return store.enqueueMany(requests);
  }

  /**
   * Read a job, searching every queue. When its hash has expired but its queue's registry still records it,
   * the job comes back with {@link Job#expired()} true and only its status and end time.
   *
   * @throws JobNotFoundException when no queue knows the id
   * @throws InvalidJobException when the stored hash is corrupt
   */
  public Job job(String id) {
    return store.find(id);
  }

  /**
   * Read many jobs of one queue in one pipelined round trip (for tools that watch thousands of jobs); return them
   * by id in the order given, leaving out ids whose hash no longer exists.
   *
   * @throws InvalidJobException when a stored hash is corrupt
   */
  public Map<String, Job> jobs(String queue, List<String> ids) {
    return store.jobs(queue, ids);
  }

  /** Return a job's status; see {@link #job}. */
  public JobStatus status(String id) {
    return job(id).status();
  }

  /** Counts of every known queue. */
  public List<QueueInfo> queues() {
    return store.queueInfos();
  }

  /** The newest failed jobs, newest first, of one queue or (queue null) of all. */
  public List<Job> failed(String queue, int limit) {
    List<Job> out = new ArrayList<>();
    for (String q : queue == null ? store.queueNames() : List.of(queue)) {
      out.addAll(store.failed(q, limit));
    }
    out.sort((a, b) -> compareEnded(b, a));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /**
   * Put failed jobs back in their queues as new; return the ids that were requeued (ids not in a failed
   * registry are left alone).
   *
   * @throws ReplicaWaitException with {@link RedisSettings#minReplicas} set, when fewer replicas confirmed the write
   *     in time (it reached the master; it is lost if the master fails now)
   */
  public List<String> requeue(Collection<String> ids) {
    List<String> done = new ArrayList<>();
    for (String q : store.queueNames()) {
      done.addAll(store.requeue(q, ids));
    }
    return done;
  }

  /** Requeue every failed job of one queue or (queue null) of all; return the ids requeued. */
  public List<String> requeueAll(String queue) {
    List<String> done = new ArrayList<>();
    for (String q : queue == null ? store.queueNames() : List.of(queue)) {
      done.addAll(store.requeue(q, store.failedIds(q)));
    }
    return done;
  }

  /**
   * Cancel a job: a queued or scheduled job never runs; a started one loses its lease at once, and its worker
   * interrupts it within about a second and writes nothing for it. Either way its status becomes {@code
   * canceled}, it is not retried, and its hash is kept as long as a failed job's (7 days). A job that has already
   * ended is left alone. Return the status the job had: QUEUED, SCHEDULED or STARTED (now canceled), or the final
   * status it already had.
   *
   * @throws JobNotFoundException when no queue knows the id
   */
  public JobStatus cancel(String id) {
    return store.cancel(id);
  }

  /**
   * Delete a job that is not running: its hash, and its id from its queue, schedule and registries. Return the
   * status it had (for a job of which only a registry record was left, that record's status).
   *
   * @throws JobNotFoundException when no queue knows the id
   * @throws JobRunningException when the job is started (cancel it first)
   */
  public JobStatus delete(String id) {
    return store.delete(id);
  }

  /**
   * Pause a queue: from now on no worker leases a job from it (running jobs go on); workers hear it at once.
   * Jobs can still be enqueued.
   *
   * @throws InvalidJobException when the name is not a valid queue name
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  public void pause(String queue) {
    store.pause(queue);
  }

  /**
   * Resume a paused queue (nothing happens to one that is not paused).
   *
   * @throws InvalidJobException when the name is not a valid queue name
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  public void resume(String queue) {
    store.resume(queue);
  }

  /** Return true while the queue is paused. */
  public boolean isPaused(String queue) {
    return store.isPaused(queue);
  }

  /**
   * Delete every job of one kind from a queue (see {@link PurgeTarget}); running jobs are never touched. Runs in
   * batches of 1000 ids, each atomic. Return how many jobs were deleted.
   *
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  public long purge(String queue, PurgeTarget target) {
    return store.purge(queue, target);
  }

  /** A handle on a job, to read it or wait for its end. No Redis call is made. */
  public JobHandle handle(String id) {
    return new JobHandle(this, id);
  }

  /**
   * Wait up to {@code max} for a job to end (finished, failed, timeout or canceled); return it then, or empty
   * when {@code max} passed first. Waiting costs Redis nothing: the job's end is published on its queue's ended
   * channel, which this client hears on one pub/sub connection shared by all its waiting threads (its status is
   * read again every 10 s, in case a message was lost while the connection was down).
   *
   * @throws JobNotFoundException when no queue knows the id, or the job was deleted while waited for
   */
  public Optional<Job> await(String id, Duration max) throws InterruptedException {
    return store.await(id, max);
  }

  /**
   * Read one page of a queue's jobs in one state: queued (in the order workers take them: higher priority
   * first, then first in first out), started (by lease deadline),
   * scheduled (by due time), failed with timed out, or finished (newest first). Costs two or three round trips
   * whatever the queue's length.
   *
   * @param offset position of the first job, from 0
   * @param limit most jobs returned
   * @throws IllegalArgumentException when offset is negative or limit not positive, or for CANCELED (canceled
   *     jobs are kept in no list, only by id)
   */
  public JobPage jobs(String queue, JobStatus state, int offset, int limit) {
    if (offset < 0 || limit <= 0) {
      throw new IllegalArgumentException("offset must be >= 0 and limit > 0, got " + offset + ", " + limit);
    }
    return store.page(queue, state, offset, limit);
  }

  /**
   * Return how long the oldest of the jobs next in line in a queue has waited since it entered the queue (by
   * the Redis server's clock), or empty when the queue is empty.
   */
  public Optional<Duration> oldestWait(String queue) {
    return store.oldestWait(queue);
  }

  /**
   * Count the jobs of a queue that ended in each of {@code buckets} time buckets of {@code width}, the last one
   * ending now (Redis server time). One round trip.
   */
  public Throughput throughput(String queue, Duration width, int buckets) {
    return store.throughput(queue, width, buckets);
  }

  /** The jobs a live worker runs, as far as they are still in its queues. One round trip. */
  public List<Job> runningJobs(WorkerInfo worker) {
    return store.runningJobs(worker);
  }

  /**
   * Add a recurring entry, or replace the one of that name; return it as stored, with its added time (Redis's
   * clock). Its first tick is the first at or after that time. See {@link CronEntry}.
   *
   * @throws InvalidJobException naming a malformed name or job
   */
  public CronEntry addCron(CronEntry entry) {
    RedisStore.validateCron(entry);
    return store.addCron(entry);
  }

  /** Every recurring entry, by name. */
  public List<CronEntry> cronEntries() {
    return store.cronEntries();
  }

  /**
   * Remove a recurring entry; jobs it already enqueued stay.
   *
   * @throws CronEntryNotFoundException when there is none by this name
   */
  public void removeCron(String name) {
    store.removeCron(name);
  }

  /** The last tick of an entry that was enqueued, if any. */
  public java.util.Optional<java.time.Instant> lastCronTick(CronEntry entry) {
    return store.lastCronTick(entry);
  }

  /**
   * Enqueue an entry's job for one tick, unless another caller already claimed that tick (or a later one): among
   * any number of callers, exactly one gets the id. For the worker's ticker.
   */
  public java.util.Optional<String> enqueueCronTick(CronEntry entry, java.time.Instant tick) {
    return store.enqueueCronTick(entry, tick);
  }

  /** Live workers, by name. */
  public List<WorkerInfo> workers() {
    return store.workers();
  }

  /** Number of job ends refused in a queue because their worker had lost the lease (a health figure). */
  public long staleWrites(String queue) {
    return store.staleWrites(queue);
  }

  /**
   * The port a worker runs on: leasing, renewing and ending jobs, housekeeping and its heartbeat, on this client's
   * shared connection, keeping ended jobs as {@code retention} says. For the worker.
   */
  public Broker broker(Retention retention) {
    return store.broker(retention);
  }

  private static int compareEnded(Job a, Job b) {
    long x = a.endedAt() == null ? 0 : a.endedAt().toEpochMilli();
    long y = b.endedAt() == null ? 0 : b.endedAt().toEpochMilli();
    return Long.compare(x, y);
  }

  /** Close the connection and the client's threads. */
  @Override
  public void close() {
    store.close();
  }
}
