package dev.myrq.core.storage;

import dev.myrq.core.WorkerInfo;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The worker heartbeat records: written by each worker, listed by {@code myrq workers}. */
final class WorkerRegistry {
  /** Fields of a worker's heartbeat HASH. */
  static final List<String> FIELDS =
      List.of("name", "host", "pid", "queues", "jobs", "concurrency", "stuck", "started_at", "last_beat", "version");

  private final RedisLink conn;
  private final Keys keys;

  WorkerRegistry(RedisLink conn, Keys keys) {
    this.conn = conn;
    this.keys = keys;
  }

  /** Write a worker's record, expiring after {@code ttl} unless written again. */
  void beat(WorkerInfo w, Duration ttl) {
    String key = keys.worker(w.name());
    // sent together, then awaited: one round trip instead of three
    RedisClusterAsyncCommands<String, String> c = conn.async();
    List<RedisFuture<?>> sent = new ArrayList<>();
    sent.add(c.hset(
        key,
        Map.of(
            "name", w.name(),
            "host", w.host(),
            "pid", Long.toString(w.pid()),
            "queues", String.join(",", w.queues()),
            "jobs", String.join(",", w.jobs()),
            "concurrency", Integer.toString(w.concurrency()),
            "stuck", Integer.toString(w.stuck()),
            "started_at", Long.toString(w.startedAt().toEpochMilli()),
            "last_beat", Long.toString(w.lastBeat().toEpochMilli()),
            "version", w.version())));
    sent.add(c.pexpire(key, ttl.toMillis()));
    sent.add(c.zadd(keys.workers(), w.lastBeat().toEpochMilli(), w.name()));
    for (RedisFuture<?> f : sent) {
      Await.result(conn, f);
    }
  }

  /** Add queue names to the set of known queues. */
  void registerQueues(java.util.Collection<String> queues) {
    if (!queues.isEmpty()) {
      Await.result(conn, conn.async().sadd(keys.queues(), queues.toArray(new String[0])));
    }
  }

  /** Remove a worker's record (clean shutdown). */
  void remove(String name) {
    Await.result(conn, conn.async().del(keys.worker(name)));
    Await.result(conn, conn.async().zrem(keys.workers(), name));
  }

  /** Every worker whose record has not expired, by name; drops the names of expired ones. */
  List<WorkerInfo> live() {
    RedisClusterCommands<String, String> c = conn.sync();
    List<WorkerInfo> out = new ArrayList<>();
    for (String name : c.zrange(keys.workers(), 0, -1)) {
      Map<String, String> h = c.hgetall(keys.worker(name));
      if (h.isEmpty()) {
        c.zrem(keys.workers(), name);
        continue;
      }
      out.add(
          new WorkerInfo(
              name,
              h.getOrDefault("host", ""),
              parseLong(h.get("pid")),
              split(h.get("queues")),
              split(h.get("jobs")),
              (int) parseLong(h.get("concurrency")),
              (int) parseLong(h.get("stuck")),
              Instant.ofEpochMilli(parseLong(h.get("started_at"))),
              Instant.ofEpochMilli(parseLong(h.get("last_beat"))),
              h.getOrDefault("version", "")));
    }
    return out;
  }

  private static List<String> split(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
