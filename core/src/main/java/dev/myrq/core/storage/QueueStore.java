package dev.myrq.core.storage;

import dev.myrq.core.Job;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.QueueInfo;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
final class QueueStore {
  /**
   * Jobs per enqueue script call in a bulk enqueue. Small, so that Redis starts on the first batch while the caller
   * encodes the next (on 2 cores the two overlap) and the caller waits only for the last one after it: with 500, a
   * chunk of 1,000 jobs waited for half of its jobs' Redis time after encoding them. A script call costs Redis
   * about 15 us besides its jobs (0.15 us a job at 100), and other clients wait behind at most one batch.
   */
  static final int BATCH = 100;
  /** Batches sent before waiting for the oldest answer: at most 4,000 jobs in flight. */
  static final int WINDOW = 40;

  private final RedisLink conn;
  /** Where enqueues go: the shared connection, or with the durability setting one of their own. */
  private final ReplicaWait durable;
  private final RedisLink writes;
  private final Keys keys;
  private final int maxPayloadBytes;
  private final String queuesKey;
  /**
   * Over Lettuce, the queues this client added to the queue set since its connection last dropped (a Redis
   * restarted empty has none). Over sockets every enqueue sends its SADD in the same write instead.
   */
  private final Set<String> registeredQueues = ConcurrentHashMap.newKeySet();

  QueueStore(RedisLink conn, ReplicaWait durable, Keys keys, int maxPayloadBytes) {
    this.conn = conn;
    this.durable = durable;
    this.writes = durable.connection();
    this.keys = keys;
    this.maxPayloadBytes = maxPayloadBytes;
    this.queuesKey = keys.queues();
    if (!writes.isDirect()) {
      writes.onDisconnect(registeredQueues::clear);
    }
  }

  /**
   * Create one job; return its id, or the id of the live job that holds its unique key (nothing is written then).
   */
  public String enqueue(JobRequest r) {
    return enqueueTick(r, "", 0).orElseThrow();
  }

  /**
   * Create one job as the claim of a recurring entry's tick: only if no enqueue has claimed this tick (or a later
   * one) of {@code entry} in the job's queue. Return the job's id (or that of the live job holding its unique key),
   * or empty when the tick was already claimed.
   */
  public java.util.Optional<String> enqueueTick(JobRequest r, String entry, long tickMillis) {
    String id = newId();
    JobHash.validate(r, maxPayloadBytes);
    List<String> fields = JobHash.optionalFields(r);
    String q = r.queueOrDefault();
    List<String> args = new ArrayList<>(10 + fields.size());
    args.add(names(q).jobPrefix());
    args.add(entry);
    args.add(tickMillis == 0 ? "0" : Long.toString(tickMillis));
    addJob(args, q, id, r, fields);
    String[] a = args.toArray(new String[0]);
    // without replicas to wait for, no lambda and no message text: a cold client runs (and compiles) less per call
    List<Object> out = durable.waitsForReplicas() ? durable.confirmed("job " + id, () -> writeOne(q, a)) : writeOne(q, a);
    if (out.size() > 1) {
      return java.util.Optional.of((String) out.get(2));
    }
    return (Long) out.get(0) == 1 ? java.util.Optional.of(id) : java.util.Optional.empty();
  }

  /** One enqueue script call, with the SADD of its queue to the queue set. */
  private List<Object> writeOne(String q, String[] args) {
    if (writes.isDirect()) {
      return writes.calls().scriptAfterSadd(queuesKey, q, Scripts.ENQUEUE, queueKeys(q), args);
    }
    register(q);
    return writes.calls().script(Scripts.ENQUEUE, queueKeys(q), args);
  }

  /**
   * Append one job's arguments to an enqueue script call: id, func, args, options, the number of optional field
   * pairs, then those pairs (see enqueue.lua).
   */
  private void addJob(List<String> args, String q, String id, JobRequest r, List<String> optionalFields) {
    args.add(id);
    args.add(r.func());
    args.add(r.args());
    args.add(options(q, r));
    args.add(optionalFields.isEmpty() ? "0" : Integer.toString(optionalFields.size() / 2));
    args.addAll(optionalFields);
  }

  /** '' for a job to run now at priority 0 without a unique key, else "due priority lock_ms lock" (enqueue.lua). */
  private String options(String q, JobRequest r) {
    if (r.delay() == null && r.dueAt() == null && r.priorityOrDefault() == 0 && r.uniqueKey() == null) {
      return "";
    }
    return dueMillis(r) + " " + r.priorityOrDefault() + " "
        + (r.uniqueFor() == null ? "0" : Long.toString(r.uniqueFor().toMillis())) + " "
        + (r.uniqueKey() == null ? "" : keys.unique(q, r.uniqueKey()));
  }

  /**
   * Create many jobs in few round trips (batches of {@link #BATCH} per queue, at most {@link #WINDOW} batches in
   * flight, so no single call waits behind thousands of others); return their ids in request order.
   *
   * @throws RedisUnavailableException naming how many jobs were written before Redis failed
   */
  public List<String> enqueueMany(List<JobRequest> requests) {
    return durable.confirmed(requests.size() + " jobs", () -> write(requests));
  }

  private List<String> write(List<JobRequest> requests) {
    List<String> ids = new ArrayList<>(requests.size());
    Map<String, List<String>> argsByQueue = new LinkedHashMap<>();
    Map<String, List<Integer>> positionsByQueue = new LinkedHashMap<>();
    try (Window window = new Window(requests.size(), ids)) {
      for (JobRequest r : requests) {
        List<String> fields = JobHash.optionalFields(r); // the caller validated every request first
        String q = r.queueOrDefault();
        String id = newId();
        ids.add(id);
        List<String> a = argsByQueue.computeIfAbsent(q, k -> new ArrayList<>(BATCH * 8));
        List<Integer> positions = positionsByQueue.computeIfAbsent(q, k -> new ArrayList<>(BATCH));
        if (a.isEmpty()) {
          a.add(names(q).jobPrefix());
          a.add("");
          a.add("0");
        }
        addJob(a, q, id, r, fields);
        positions.add(ids.size() - 1);
        if (positions.size() == BATCH) {
          window.send(q, a, positions);
          a.clear();
          positions.clear();
        }
      }
      argsByQueue.forEach(
          (q, a) -> {
            if (!a.isEmpty()) {
              window.send(q, a, positionsByQueue.get(q));
            }
          });
      window.drain();
    }
    return ids;
  }

  /** Batches in flight on one pipeline, oldest first; waits for the oldest before a new one when full. */
  private final class Window implements AutoCloseable {
    private RedisCalls.ScriptPipeline pipeline;
    /** Per batch, the request positions of its jobs: a job not created takes its unique key holder's id. */
    private final java.util.ArrayDeque<int[]> positions = new java.util.ArrayDeque<>();
    private final List<String> ids;
    private final int total;
    private int written;

    Window(int total, List<String> ids) {
      this.total = total;
      this.ids = ids;
    }

    void send(String q, List<String> args, List<Integer> batch) {
      boolean direct = writes.isDirect();
      if (!direct) {
        register(q);
      }
      if (pipeline == null) {
        pipeline = writes.calls().pipeline(Scripts.ENQUEUE);
      }
      try {
        if (direct) {
          pipeline.sendAfterSadd(queuesKey, q, queueKeys(q), args.toArray(new String[0]));
        } else {
          pipeline.send(queueKeys(q), args.toArray(new String[0]));
        }
      } catch (RuntimeException e) {
        throw stopped(e);
      }
      int[] p = new int[batch.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = batch.get(i);
      }
      positions.add(p);
      while (positions.size() > WINDOW) {
        awaitOldest();
      }
    }

    void drain() {
      while (!positions.isEmpty()) {
        awaitOldest();
      }
    }

    private void awaitOldest() {
      try {
        List<Object> out = pipeline.receive();
        int[] batch = positions.poll();
        for (int i = 1; i + 1 < out.size(); i += 2) {
          ids.set(batch[(int) (long) (Long) out.get(i) - 1], (String) out.get(i + 1));
        }
        written += batch.length;
      } catch (RuntimeException e) {
        throw stopped(e);
      }
    }

    private RuntimeException stopped(RuntimeException e) {
      return new dev.myrq.core.RedisUnavailableException(
          "enqueue stopped after " + written + " of " + total + " jobs were written: " + e.getMessage(), e);
    }

    @Override
    public void close() {
      if (pipeline != null) {
        pipeline.close();
      }
    }
  }

  private String[] queueKeys(String q) {
    return names(q).scriptKeys();
  }

  /** A queue's enqueue script keys and job key prefix, built once per queue (six concatenations per call saved). */
  private record QueueNames(String[] scriptKeys, String jobPrefix) {}

  /** Queues whose names are kept; past this many distinct queues the names are built per call. */
  private static final int MAX_NAMED_QUEUES = 1024;

  private final Map<String, QueueNames> names = new ConcurrentHashMap<>();

  private QueueNames names(String q) {
    QueueNames n = names.get(q);
    if (n == null) {
      n = new QueueNames(
          new String[] {keys.queue(q), keys.scheduled(q), keys.ready(q), keys.cronTicks(q), keys.moving(q)},
          keys.jobPrefix(q));
      if (names.size() < MAX_NAMED_QUEUES) {
        names.put(q, n);
      }
    }
    return n;
  }

  private void register(String q) {
    if (registeredQueues.add(q)) {
      try {
        writes.calls().sadd(keys.queues(), q);
      } catch (RuntimeException e) {
        registeredQueues.remove(q);
        throw e;
      }
    }
  }

  /** Every queue name ever used, sorted. */
  public List<String> queueNames() {
    return new ArrayList<>(new TreeSet<>(conn.calls().smembers(keys.queues())));
  }

  /**
   * Find a job in any queue: its hash if it still exists, else its registry record.
   *
   * @throws JobNotFoundException when no queue knows the id
   */
  public Job find(String id) {
    List<String> queues = queueNames();
    List<String> hashes = new ArrayList<>(queues.size());
    for (String q : queues) {
      hashes.add(keys.job(q, id));
    }
    List<Map<String, String>> found = conn.calls().hgetall(hashes);
    for (int i = 0; i < queues.size(); i++) {
      if (!found.get(i).isEmpty()) {
        return JobHash.fromHash(id, queues.get(i), found.get(i));
      }
    }
    List<String> registries = new ArrayList<>(2 * queues.size());
    for (String q : queues) {
      registries.add(keys.finished(q));
      registries.add(keys.failed(q));
    }
    List<Double> ended = conn.calls().zscore(registries, id);
    for (int i = 0; i < ended.size(); i++) {
      if (ended.get(i) != null) {
        JobStatus status = i % 2 == 0 ? JobStatus.FINISHED : JobStatus.FAILED;
        return Job.expired(id, queues.get(i / 2), status, Instant.ofEpochMilli(ended.get(i).longValue()));
      }
    }
    throw new JobNotFoundException(id);
  }

  /** Jobs of one queue by id, in one pipelined round trip; ids whose hash is gone are left out. */
  public Map<String, Job> jobs(String queue, List<String> ids) {
    List<String> hashes = new ArrayList<>(ids.size());
    for (String id : ids) {
      hashes.add(keys.job(queue, id));
    }
    List<Map<String, String>> found = conn.calls().hgetall(hashes);
    Map<String, Job> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!found.get(i).isEmpty()) {
        out.put(ids.get(i), JobHash.fromHash(ids.get(i), queue, found.get(i)));
      }
    }
    return out;
  }

  /** Counts for every known queue, in one pipelined round trip. */
  public List<QueueInfo> queueInfos() {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    List<String> names = queueNames();
    List<List<RedisFuture<Long>>> fs = new ArrayList<>();
    List<RedisFuture<List<KeyValue<String, String>>>> stats = new ArrayList<>();
    List<List<RedisFuture<Long>>> waiting = new ArrayList<>();
    for (String q : names) {
      List<RedisFuture<Long>> levels = new ArrayList<>();
      for (int p = JobRequest.MIN_PRIORITY; p <= JobRequest.MAX_PRIORITY; p++) {
        levels.add(a.llen(keys.queue(q, p)));
      }
      waiting.add(levels);
      fs.add(
          List.of(
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
              names.get(i), sum(waiting.get(i)), await(f.get(0)), await(f.get(1)), await(f.get(2)),
              await(f.get(3)), total(totals.get(0)), total(totals.get(1)),
              await(f.get(4)) > 0));
    }
    return out;
  }

  private static long total(KeyValue<String, String> kv) {
    return StatsHash.count(kv.getValueOrElse(null));
  }

  private long sum(List<RedisFuture<Long>> counts) {
    long n = 0;
    for (RedisFuture<Long> c : counts) {
      n += await(c);
    }
    return n;
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
    return durable.confirmed(ids.size() + " requeued job(s)", () -> Scripts.REQUEUE.<List<String>>call(
        writes, ScriptOutputType.MULTI,
        new String[] {keys.failed(queue), keys.queue(queue), keys.ready(queue), keys.moving(queue)}, args));
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
