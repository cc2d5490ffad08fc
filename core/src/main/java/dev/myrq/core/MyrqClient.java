package dev.myrq.core;

import dev.myrq.core.storage.ControlChannel;
import dev.myrq.core.storage.ControlStore;
import dev.myrq.core.storage.CronStore;
import dev.myrq.core.storage.EndWatcher;
import dev.myrq.core.storage.Keys;
import dev.myrq.core.storage.LeaseStore;
import dev.myrq.core.storage.QueueReader;
import dev.myrq.core.storage.QueueStore;
import dev.myrq.core.storage.RedisConnector;
import dev.myrq.core.storage.Retention;
import dev.myrq.core.storage.JobHash;
import dev.myrq.core.storage.WorkerRegistry;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The myrq API used by applications, the CLI and the worker: enqueue jobs, read them back, manage failed jobs.
 * Thread-safe; one instance holds one shared Redis connection and should be shared and closed once. Every method
 * throws {@link RedisUnavailableException} when Redis cannot be reached in time.
 */
public final class MyrqClient implements AutoCloseable {
  private final RedisConnector connector;
  private final StatefulRedisConnection<String, String> conn;
  private final Keys keys;
  private final QueueStore queues;
  private final int maxPayloadBytes;
  private final ControlStore control;
  private final QueueReader reader;
  private final CronStore crons;
  private EndWatcher endWatcher;

  private MyrqClient(RedisConnector connector, int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.connector = connector;
    this.keys = new Keys(connector.settings().prefix());
    try {
      this.conn = connector.connect();
    } catch (RuntimeException e) {
      connector.close();
      throw e;
    }
    this.queues = new QueueStore(conn, keys, maxPayloadBytes);
    this.control = new ControlStore(conn, keys);
    this.reader = new QueueReader(conn, keys);
    this.crons = new CronStore(conn, keys, queues);
  }

  /**
   * Connect to Redis.
   *
   * @throws InvalidConfigException when the settings are malformed
   * @throws RedisUnavailableException when Redis cannot be reached in time
   */
  public static MyrqClient connect(RedisSettings settings) {
    return connect(settings, JobHash.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /** Connect, refusing at enqueue any args larger than {@code maxPayloadBytes}. */
  public static MyrqClient connect(RedisSettings settings, int maxPayloadBytes) {
    return new MyrqClient(new RedisConnector(settings), maxPayloadBytes);
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
    JobHash.validate(request, JobHash.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /**
   * Enqueue one job; return its id. A job with a due time in the future waits in its queue's schedule.
   *
   * @throws InvalidJobException naming the malformed field; nothing is written then
   */
  public String enqueue(JobRequest request) {
    return redis(() -> queues.enqueue(request));
  }

  /**
   * Enqueue many jobs in few round trips; return their ids in order. Every request is validated before any is
   * written.
   *
   * @throws InvalidJobException naming the first malformed request; nothing is written then
   */
  public List<String> enqueueMany(List<JobRequest> requests) {
    for (int i = 0; i < requests.size(); i++) {
      try {
        JobHash.validate(requests.get(i), maxPayloadBytes);
      } catch (InvalidJobException e) {
        throw new InvalidJobException("job " + (i + 1) + ": " + e.getMessage());
      }
    }
    return redis(() -> queues.enqueueMany(requests));
  }

  /**
   * Read a job, searching every queue. When its hash has expired but its queue's registry still records it,
   * the job comes back with {@link Job#expired()} true and only its status and end time.
   *
   * @throws JobNotFoundException when no queue knows the id
   * @throws InvalidJobException when the stored hash is corrupt
   */
  public Job job(String id) {
    return redis(() -> queues.find(id));
  }

  /** Return a job's status; see {@link #job}. */
  public JobStatus status(String id) {
    return job(id).status();
  }

  /** Counts of every known queue. */
  public List<QueueInfo> queues() {
    return redis(queues::queueInfos);
  }

  /** The newest failed jobs, newest first, of one queue or (queue null) of all. */
  public List<Job> failed(String queue, int limit) {
    return redis(
        () -> {
          List<Job> out = new ArrayList<>();
          for (String q : queue == null ? queues.queueNames() : List.of(queue)) {
            out.addAll(queues.failed(q, limit));
          }
          out.sort((a, b) -> compareEnded(b, a));
          return out.size() > limit ? out.subList(0, limit) : out;
        });
  }

  /**
   * Put failed jobs back in their queues as new; return the ids that were requeued (ids not in a failed
   * registry are left alone).
   */
  public List<String> requeue(Collection<String> ids) {
    return redis(
        () -> {
          List<String> done = new ArrayList<>();
          for (String q : queues.queueNames()) {
            done.addAll(queues.requeue(q, ids));
          }
          return done;
        });
  }

  /** Requeue every failed job of one queue or (queue null) of all; return the ids requeued. */
  public List<String> requeueAll(String queue) {
    return redis(
        () -> {
          List<String> done = new ArrayList<>();
          for (String q : queue == null ? queues.queueNames() : List.of(queue)) {
            done.addAll(queues.requeue(q, queues.failedIds(q)));
          }
          return done;
        });
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
    return redis(
        () -> {
          String q = locate(id);
          String before = control.cancel(q, id, Retention.DEFAULT_FAILED_TTL);
          return before.isEmpty() ? queues.find(id).status() : status(id, before);
        });
  }

  /**
   * Delete a job that is not running: its hash, and its id from its queue, schedule and registries. Return the
   * status it had (for a job of which only a registry record was left, that record's status).
   *
   * @throws JobNotFoundException when no queue knows the id
   * @throws JobRunningException when the job is started (cancel it first)
   */
  public JobStatus delete(String id) {
    return redis(
        () -> {
          String q = locate(id);
          JobStatus known = queues.find(id).status();
          String before = control.delete(q, id);
          if (before.equals(JobStatus.STARTED.word())) {
            throw new JobRunningException(id);
          }
          if (before.isEmpty()) {
            throw new JobNotFoundException(id);
          }
          return before.equals("expired") ? known : status(id, before);
        });
  }

  /**
   * Pause a queue: from now on no worker leases a job from it (running jobs go on); workers hear it at once.
   * Jobs can still be enqueued.
   *
   * @throws InvalidJobException when the name is not a valid queue name
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  public void pause(String queue) {
    redis(
        () -> {
          knownQueue(queue);
          control.pause(queue);
          return null;
        });
  }

  /**
   * Resume a paused queue (nothing happens to one that is not paused).
   *
   * @throws InvalidJobException when the name is not a valid queue name
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  public void resume(String queue) {
    redis(
        () -> {
          knownQueue(queue);
          control.resume(queue);
          return null;
        });
  }

  /** Return true while the queue is paused. */
  public boolean isPaused(String queue) {
    JobHash.validateQueue(queue);
    return redis(() -> control.isPaused(queue));
  }

  /**
   * Delete every job of one kind from a queue (see {@link PurgeTarget}); running jobs are never touched. Runs in
   * batches of 1000 ids, each atomic. Return how many jobs were deleted.
   *
   * @throws QueueNotFoundException when no job or worker ever used the queue
   */
  public long purge(String queue, PurgeTarget target) {
    return redis(
        () -> {
          knownQueue(queue);
          return control.purge(queue, target);
        });
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
    long deadline = System.nanoTime() + max.toNanos();
    String q = redis(() -> locate(id));
    EndWatcher watcher = endWatcher();
    while (true) {
      CompletableFuture<Void> ended = redis(() -> watcher.expect(q, id));
      try {
        String status = redis(() -> control.watch(q, id));
        if (status.isEmpty() || status(id, status).isTerminal()) {
          return Optional.of(job(id));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        ended.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // no end heard yet: read the status again
      } finally {
        watcher.forget(id, ended);
      }
    }
  }

  /** How often a waiting caller reads a job's status again, in case its end message was lost. */
  static final Duration RECHECK = Duration.ofSeconds(10);

  private synchronized EndWatcher endWatcher() {
    if (endWatcher == null) {
      endWatcher = redis(() -> new EndWatcher(connector.connectPubSub(), keys));
    }
    return endWatcher;
  }

  private String locate(String id) {
    String q = control.locate(id, queues.queueNames());
    if (q == null) {
      throw new JobNotFoundException(id);
    }
    return q;
  }

  private void knownQueue(String queue) {
    JobHash.validateQueue(queue);
    if (!queues.queueNames().contains(queue)) {
      throw new QueueNotFoundException(queue);
    }
  }

  private static JobStatus status(String id, String word) {
    try {
      return JobStatus.fromWord(word);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("job " + id + ": field 'status': " + e.getMessage());
    }
  }

  /**
   * Subscribe to the control messages of these queues (cancel of a running job, pause, resume) on a pub/sub
   * connection of its own; Lettuce subscribes again after a reconnect. For the worker; the caller closes it.
   */
  public AutoCloseable listenForControl(List<String> queueNames, ControlListener listener) {
    return redis(() -> new ControlChannel(connector.connectPubSub(), keys, queueNames, listener));
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
    return redis(() -> reader.page(queue, state, offset, limit));
  }

  /**
   * Return how long the oldest of the jobs next in line in a queue has waited since it entered the queue (by
   * the Redis server's clock), or empty when the queue is empty.
   */
  public Optional<Duration> oldestWait(String queue) {
    return redis(() -> reader.oldestWait(queue));
  }

  /**
   * Count the jobs of a queue that ended in each of {@code buckets} time buckets of {@code width}, the last one
   * ending now (Redis server time). One round trip.
   */
  public Throughput throughput(String queue, Duration width, int buckets) {
    return redis(() -> reader.throughput(queue, width, buckets));
  }

  /** The jobs a live worker runs, as far as they are still in its queues. One round trip. */
  public List<Job> runningJobs(WorkerInfo worker) {
    return redis(() -> reader.running(worker));
  }

  /**
   * Add a recurring entry, or replace the one of that name; return it as stored, with its added time (Redis's
   * clock). Its first tick is the first at or after that time. See {@link CronEntry}.
   *
   * @throws InvalidJobException naming a malformed name or job
   */
  public CronEntry addCron(CronEntry entry) {
    CronStore.validate(entry);
    return redis(() -> crons.add(entry));
  }

  /** Every recurring entry, by name. */
  public List<CronEntry> cronEntries() {
    return redis(crons::list);
  }

  /**
   * Remove a recurring entry; jobs it already enqueued stay.
   *
   * @throws CronEntryNotFoundException when there is none by this name
   */
  public void removeCron(String name) {
    redis(
        () -> {
          crons.remove(name);
          return null;
        });
  }

  /** The last tick of an entry that was enqueued, if any. */
  public java.util.Optional<java.time.Instant> lastCronTick(CronEntry entry) {
    return redis(() -> crons.lastTick(entry));
  }

  /**
   * Enqueue an entry's job for one tick, unless another caller already claimed that tick (or a later one): among
   * any number of callers, exactly one gets the id. For the worker's ticker.
   */
  public java.util.Optional<String> enqueueCronTick(CronEntry entry, java.time.Instant tick) {
    return redis(() -> crons.enqueueTick(entry, tick));
  }

  /** Live workers, by name. */
  public List<WorkerInfo> workers() {
    return redis(() -> new WorkerRegistry(conn, keys).live());
  }

  /** The lease operations a worker needs, on this client's shared connection. For the worker. */
  public LeaseStore leases(Retention retention) {
    return new LeaseStore(conn, keys, retention);
  }

  /** The heartbeat registry, on this client's shared connection. For the worker. */
  public WorkerRegistry workerRegistry() {
    return new WorkerRegistry(conn, keys);
  }

  /** Open a connection of its own for blocking commands; the caller closes it. For the worker. */
  public StatefulRedisConnection<String, String> openBlockingConnection(Duration blockFor) {
    return connector.connectBlocking(blockFor);
  }

  /** Translate a Lettuce failure into myrq's (for callers that use the stores directly). */
  public RuntimeException translate(RuntimeException e) {
    return connector.translate(e);
  }

  /** The Redis keys of this client's prefix. */
  public Keys keys() {
    return keys;
  }

  private <T> T redis(Supplier<T> call) {
    try {
      return call.get();
    } catch (MyrqException e) {
      throw e;
    } catch (RuntimeException e) {
      throw connector.translate(e);
    }
  }

  private static int compareEnded(Job a, Job b) {
    long x = a.endedAt() == null ? 0 : a.endedAt().toEpochMilli();
    long y = b.endedAt() == null ? 0 : b.endedAt().toEpochMilli();
    return Long.compare(x, y);
  }

  /** Close the connection and the client's threads. */
  @Override
  public void close() {
    try {
      synchronized (this) {
        if (endWatcher != null) {
          endWatcher.close();
        }
      }
      conn.close();
    } finally {
      connector.close();
    }
  }
}
