package dev.myrq.core.storage;

import dev.myrq.core.InvalidJobException;
import dev.myrq.core.Job;
import dev.myrq.core.JobFields;
import dev.myrq.core.JobPage;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.Throughput;
import dev.myrq.core.WorkerInfo;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of queues for tools that browse them (the dashboard): pages of jobs by state, the wait of the
 * oldest queued job, jobs ended per time bucket. Every call costs a fixed number of round trips, whatever the
 * queue's length.
 */
final class QueueReader {
  /** Jobs at the head of a queue looked at for the oldest wait; put-backs go to the head with a newer time. */
  static final int HEAD_SAMPLE = 10;
  /** Priority levels, each its own list. */
  private static final int LEVELS = JobRequest.MAX_PRIORITY - JobRequest.MIN_PRIORITY + 1;

  private final RedisLink conn;
  private final Keys keys;

  QueueReader(RedisLink conn, Keys keys) {
    this.conn = conn;
    this.keys = keys;
  }

  /**
   * One page of a queue's jobs in a state; TIMEOUT reads as FAILED (one registry holds both).
   *
   * @throws IllegalArgumentException for CANCELED: canceled jobs are in no list
   */
  public JobPage page(String queue, JobStatus state, int offset, int limit) {
    JobStatus listed = state == JobStatus.TIMEOUT ? JobStatus.FAILED : state;
    RedisClusterAsyncCommands<String, String> a = conn.async();
    long from = offset;
    long to = (long) offset + limit - 1;
    long total;
    List<ScoredValue<String>> entries;
    switch (listed) {
      case QUEUED -> {
        long[] lengths = levelLengths(queue);
        total = java.util.Arrays.stream(lengths).sum();
        entries = unscored(waiting(queue, lengths, from, limit));
      }
      case STARTED -> {
        RedisFuture<Long> n = a.zcard(keys.active(queue));
        entries = Await.answer(a.zrangeWithScores(keys.active(queue), from, to));
        total = Await.answer(n);
      }
      case SCHEDULED -> {
        RedisFuture<Long> n = a.zcard(keys.scheduled(queue));
        entries = Await.answer(a.zrangeWithScores(keys.scheduled(queue), from, to));
        total = Await.answer(n);
      }
      case FINISHED -> {
        RedisFuture<Long> n = a.zcard(keys.finished(queue));
        entries = Await.answer(a.zrevrangeWithScores(keys.finished(queue), from, to));
        total = Await.answer(n);
      }
      case FAILED -> {
        RedisFuture<Long> n = a.zcard(keys.failed(queue));
        entries = Await.answer(a.zrevrangeWithScores(keys.failed(queue), from, to));
        total = Await.answer(n);
      }
      default -> throw new IllegalArgumentException("canceled jobs are kept in no list; read them by id");
    }
    return new JobPage(queue, listed, total, offset, jobs(queue, listed, entries));
  }

  /** How long the job that waited longest among those next in line has waited; empty when none waits. */
  public Optional<Duration> oldestWait(String queue) {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    RedisFuture<List<String>> time = a.time();
    long[] lengths = levelLengths(queue);
    List<RedisFuture<List<String>>> heads = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] > 0) {
        heads.add(a.lrange(keys.queue(queue, level(i)), -HEAD_SAMPLE, -1));
      }
    }
    List<RedisFuture<List<KeyValue<String, String>>>> fs = new ArrayList<>();
    for (RedisFuture<List<String>> head : heads) {
      for (String id : Await.answer(head)) {
        fs.add(a.hmget(keys.job(queue, id), JobFields.ENQUEUED_AT, JobFields.CREATED_AT));
      }
    }
    long now = serverMillis(Await.answer(time));
    long oldest = Long.MAX_VALUE;
    for (var f : fs) {
      List<KeyValue<String, String>> v = Await.answer(f);
      String at = v.get(0).getValueOrElse(v.get(1).getValueOrElse(null));
      if (at != null) {
        oldest = Math.min(oldest, parseMillis(at, Long.MAX_VALUE));
      }
    }
    return oldest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, now - oldest)));
  }

  /** The length of each priority level's list, highest priority first (the order workers empty them in). */
  private long[] levelLengths(String queue) {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    List<RedisFuture<Long>> fs = new ArrayList<>();
    for (int i = 0; i < LEVELS; i++) {
      fs.add(a.llen(keys.queue(queue, level(i))));
    }
    long[] lengths = new long[LEVELS];
    for (int i = 0; i < LEVELS; i++) {
      lengths[i] = Await.answer(fs.get(i));
    }
    return lengths;
  }

  /** Waiting ids from position {@code from} in the order they will run: levels high to low, each next-first. */
  private List<String> waiting(String queue, long[] lengths, long from, int limit) {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    List<RedisFuture<List<String>>> slices = new ArrayList<>();
    long skip = from;
    long wanted = limit;
    for (int i = 0; i < LEVELS && wanted > 0; i++) {
      if (skip >= lengths[i]) {
        skip -= lengths[i];
        continue;
      }
      long take = Math.min(lengths[i] - skip, wanted);
      // pushed left, popped right: the next to run is at the right end
      slices.add(a.lrange(keys.queue(queue, level(i)), -(skip + take), -(skip + 1)));
      wanted -= take;
      skip = 0;
    }
    List<String> ids = new ArrayList<>(limit);
    for (RedisFuture<List<String>> slice : slices) {
      List<String> part = new ArrayList<>(Await.answer(slice));
      Collections.reverse(part);
      ids.addAll(part);
    }
    return ids;
  }

  /** The priority of the i-th level, highest first. */
  private static int level(int i) {
    return JobRequest.MAX_PRIORITY - i;
  }

  /** Jobs that ended in each of {@code buckets} buckets of {@code width}, the last ending at server time now. */
  public Throughput throughput(String queue, Duration width, int buckets) {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    long end = serverMillis(Await.answer(a.time()));
    long w = width.toMillis();
    List<RedisFuture<Long>> fin = new ArrayList<>(buckets);
    List<RedisFuture<Long>> fail = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      Range<Long> r = bucket(end - (long) (buckets - i) * w, end - (long) (buckets - i - 1) * w);
      fin.add(a.zcount(keys.finished(queue), r));
      fail.add(a.zcount(keys.failed(queue), r));
    }
    long[] f = new long[buckets];
    long[] x = new long[buckets];
    for (int i = 0; i < buckets; i++) {
      f[i] = Await.answer(fin.get(i));
      x[i] = Await.answer(fail.get(i));
    }
    return new Throughput(Instant.ofEpochMilli(end), width, f, x);
  }

  /** The jobs a worker says it runs, looked up in its queues in one round trip; ids no longer there are left out. */
  public List<Job> running(WorkerInfo worker) {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    List<List<RedisFuture<Map<String, String>>>> fs = new ArrayList<>();
    for (String id : worker.jobs()) {
      List<RedisFuture<Map<String, String>>> perQueue = new ArrayList<>();
      for (String q : worker.queues()) {
        perQueue.add(a.hgetall(keys.job(q, id)));
      }
      fs.add(perQueue);
    }
    List<Job> out = new ArrayList<>();
    for (int i = 0; i < fs.size(); i++) {
      for (int j = 0; j < worker.queues().size(); j++) {
        Map<String, String> h = Await.answer(fs.get(i).get(j));
        if (!h.isEmpty()) {
          out.add(readable(worker.jobs().get(i), worker.queues().get(j), JobStatus.STARTED, h, null));
          break;
        }
      }
    }
    return out;
  }

  private List<Job> jobs(String queue, JobStatus listed, List<ScoredValue<String>> entries) {
    RedisClusterAsyncCommands<String, String> a = conn.async();
    List<RedisFuture<Map<String, String>>> hashes = new ArrayList<>(entries.size());
    for (ScoredValue<String> e : entries) {
      hashes.add(a.hgetall(keys.job(queue, e.getValue())));
    }
    List<Job> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ScoredValue<String> e = entries.get(i);
      Instant score = e.hasValue() && e.getScore() > 0 ? Instant.ofEpochMilli((long) e.getScore()) : null;
      out.add(readable(e.getValue(), queue, listed, Await.answer(hashes.get(i)), score));
    }
    return out;
  }

  /** A job from its hash; an expired registry entry, or one that says why its hash cannot be read. */
  private static Job readable(String id, String queue, JobStatus listed, Map<String, String> h, Instant score) {
    if (h.isEmpty()) {
      return Job.expired(id, queue, listed, listed.isTerminal() ? score : null);
    }
    try {
      return JobHash.fromHash(id, queue, h);
    } catch (InvalidJobException e) {
      return Job.unreadable(id, queue, listed, e.getMessage());
    }
  }

  private static List<ScoredValue<String>> unscored(List<String> ids) {
    List<ScoredValue<String>> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(ScoredValue.just(0, id));
    }
    return out;
  }

  private static Range<Long> bucket(long fromMillis, long toMillis) {
    return Range.from(
        Boundary.excluding(fromMillis), Boundary.including(toMillis));
  }

  private static long serverMillis(List<String> time) {
    return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
  }

  private static long parseMillis(String s, long otherwise) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

}
