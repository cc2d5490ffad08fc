package dev.myrq.core.storage;

import dev.myrq.core.Job;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.QueueInfo;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

/** The Redis commands for queues and jobs as applications and the CLI see them: enqueue, look up, requeue. */
public final class QueueStore {
  /** Jobs per enqueue script call in a bulk enqueue. */
  static final int BATCH = 500;
  /** Batches sent before waiting for the oldest answer. */
  static final int WINDOW = 8;

  private final StatefulRedisConnection<String, String> conn;
  private final Keys keys;
  private final int maxPayloadBytes;
  private final Set<String> registeredQueues = ConcurrentHashMap.newKeySet();

  public QueueStore(StatefulRedisConnection<String, String> conn, Keys keys, int maxPayloadBytes) {
    this.conn = conn;
    this.keys = keys;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Create one job; return its id. */
  public String enqueue(JobRequest r) {
    String id = newId();
    List<String> fields = JobHash.toHash(r, maxPayloadBytes);
    String q = r.queueOrDefault();
    register(q);
    String[] args = new String[4 + fields.size()];
    args[0] = keys.jobPrefix(q);
    args[1] = id;
    args[2] = dueMillis(r);
    args[3] = Integer.toString(fields.size() / 2);
    for (int i = 0; i < fields.size(); i++) {
      args[4 + i] = fields.get(i);
    }
    Scripts.ENQUEUE.<Long>call(conn, ScriptOutputType.INTEGER, queueKeys(q), args);
    return id;
  }

  /**
   * Create many jobs in few round trips (batches of {@link #BATCH} per queue, at most {@link #WINDOW} batches in
   * flight, so no single call waits behind thousands of others); return their ids in request order.
   *
   * @throws RedisUnavailableException naming how many jobs were written before Redis failed
   */
  public List<String> enqueueMany(List<JobRequest> requests) {
    List<String> ids = new ArrayList<>(requests.size());
    Map<String, List<String>> argsByQueue = new LinkedHashMap<>();
    Map<String, Integer> countByQueue = new LinkedHashMap<>();
    Window window = new Window(requests.size());
    for (JobRequest r : requests) {
      List<String> fields = JobHash.toHash(r, maxPayloadBytes);
      String q = r.queueOrDefault();
      String id = newId();
      ids.add(id);
      List<String> a = argsByQueue.computeIfAbsent(q, k -> new ArrayList<>(BATCH * 8));
      if (a.isEmpty()) {
        a.add(keys.jobPrefix(q));
      }
      a.add(id);
      a.add(dueMillis(r));
      a.add(Integer.toString(fields.size() / 2));
      a.addAll(fields);
      if (countByQueue.merge(q, 1, Integer::sum) == BATCH) {
        window.send(sendBatch(q, a), BATCH);
        a.clear();
        countByQueue.put(q, 0);
      }
    }
    argsByQueue.forEach(
        (q, a) -> {
          if (!a.isEmpty()) {
            window.send(sendBatch(q, a), countByQueue.get(q));
          }
        });
    window.drain();
    return ids;
  }

  /** Batches in flight, oldest first; waits for the oldest before a new one when full. */
  private final class Window {
    private final java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Long>> inFlight =
        new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Integer> sizes = new java.util.ArrayDeque<>();
    private final int total;
    private int written;

    Window(int total) {
      this.total = total;
    }

    void send(java.util.concurrent.CompletableFuture<Long> f, int size) {
      inFlight.add(f);
      sizes.add(size);
      while (inFlight.size() > WINDOW) {
        awaitOldest();
      }
    }

    void drain() {
      while (!inFlight.isEmpty()) {
        awaitOldest();
      }
    }

    private void awaitOldest() {
      try {
        await(inFlight.poll());
        written += sizes.poll();
      } catch (RuntimeException e) {
        throw new dev.myrq.core.RedisUnavailableException(
            "enqueue stopped after " + written + " of " + total + " jobs were written: " + e.getMessage(), e);
      }
    }
  }

  private java.util.concurrent.CompletableFuture<Long> sendBatch(String q, List<String> args) {
    register(q);
    return Scripts.ENQUEUE.callAsync(
        conn, ScriptOutputType.INTEGER, queueKeys(q), args.toArray(new String[0]));
  }

  private String[] queueKeys(String q) {
    return new String[] {keys.queue(q), keys.scheduled(q)};
  }

  private void register(String q) {
    if (registeredQueues.add(q)) {
      conn.sync().sadd(keys.queues(), q);
    }
  }

  /** Every queue name ever used, sorted. */
  public List<String> queueNames() {
    return new ArrayList<>(new TreeSet<>(conn.sync().smembers(keys.queues())));
  }

  /**
   * Find a job in any queue: its hash if it still exists, else its registry record.
   *
   * @throws JobNotFoundException when no queue knows the id
   */
  public Job find(String id) {
    List<String> queues = queueNames();
    for (String q : queues) {
      Map<String, String> h = conn.sync().hgetall(keys.job(q, id));
      if (!h.isEmpty()) {
        return JobHash.fromHash(id, q, h);
      }
    }
    for (String q : queues) {
      Double finished = conn.sync().zscore(keys.finished(q), id);
      if (finished != null) {
        return Job.expired(id, q, JobStatus.FINISHED, Instant.ofEpochMilli(finished.longValue()));
      }
      Double failed = conn.sync().zscore(keys.failed(q), id);
      if (failed != null) {
        return Job.expired(id, q, JobStatus.FAILED, Instant.ofEpochMilli(failed.longValue()));
      }
    }
    throw new JobNotFoundException(id);
  }

  /** Return the raw hash of a job, empty when absent (for tools that show even corrupt jobs). */
  public Map<String, String> rawHash(String queue, String id) {
    return conn.sync().hgetall(keys.job(queue, id));
  }

  /** Counts for every known queue, in one pipelined round trip. */
  public List<QueueInfo> queueInfos() {
    RedisAsyncCommands<String, String> a = conn.async();
    List<String> names = queueNames();
    List<List<RedisFuture<Long>>> fs = new ArrayList<>();
    List<RedisFuture<List<KeyValue<String, String>>>> stats = new ArrayList<>();
    for (String q : names) {
      fs.add(
          List.of(
              a.llen(keys.queue(q)),
              a.zcard(keys.active(q)),
              a.zcard(keys.scheduled(q)),
              a.zcard(keys.failed(q)),
              a.zcard(keys.finished(q)),
              a.exists(keys.paused(q))));
      stats.add(a.hmget(keys.stats(q), StatsHash.FINISHED, StatsHash.FAILED));
    }
    List<QueueInfo> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      List<RedisFuture<Long>> f = fs.get(i);
      List<KeyValue<String, String>> totals = await(stats.get(i));
      out.add(
          new QueueInfo(
              names.get(i), await(f.get(0)), await(f.get(1)), await(f.get(2)), await(f.get(3)),
              await(f.get(4)), total(totals.get(0)), total(totals.get(1)),
              await(f.get(5)) > 0));
    }
    return out;
  }

  private static long total(KeyValue<String, String> kv) {
    return StatsHash.count(kv.getValueOrElse(null));
  }

  /** The newest failed jobs of a queue (newest first), at most {@code limit}. */
  public List<Job> failed(String queue, int limit) {
    List<Job> out = new ArrayList<>();
    for (String id : conn.sync().zrevrange(keys.failed(queue), 0, limit - 1)) {
      Map<String, String> h = conn.sync().hgetall(keys.job(queue, id));
      Double score = conn.sync().zscore(keys.failed(queue), id);
      if (h.isEmpty()) {
        out.add(Job.expired(id, queue, JobStatus.FAILED, score == null ? null : Instant.ofEpochMilli(score.longValue())));
      } else {
        out.add(JobHash.fromHash(id, queue, h));
      }
    }
    return out;
  }

  /** Put these failed jobs of a queue back in it; return the ids that were in its failed registry. */
  public List<String> requeue(String queue, Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String[] args = new String[ids.size() + 1];
    args[0] = keys.jobPrefix(queue);
    int i = 1;
    for (String id : ids) {
      args[i++] = id;
    }
    return Scripts.REQUEUE.call(
        conn, ScriptOutputType.MULTI, new String[] {keys.failed(queue), keys.queue(queue)}, args);
  }

  /** Every id in a queue's failed registry. */
  public List<String> failedIds(String queue) {
    return conn.sync().zrange(keys.failed(queue), 0, -1);
  }

  /** Absolute due time in epoch ms, or "+ms" relative to Redis's clock, or "0" for now. */
  private static String dueMillis(JobRequest r) {
    if (r.delay() != null) {
      return "+" + r.delay().toMillis();
    }
    return r.dueAt() == null ? "0" : Long.toString(r.dueAt().toEpochMilli());
  }

  /** A random (version 4) UUID; ThreadLocalRandom keeps bulk enqueue free of SecureRandom's lock. */
  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private <T> T await(java.util.concurrent.Future<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new io.lettuce.core.RedisCommandTimeoutException("no answer from Redis in 30 s");
    }
  }
}
