package dev.myrq.cli;

import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;

/** Puts jobs into states only a worker would reach, by writing the raw Redis a worker would write. */
final class Seed {
  static final long ENDED_MS = 1_900_000_000_000L;

  private final MyrqClient client;
  private final TestRedis redis;

  Seed(MyrqClient client, TestRedis redis) {
    this.client = client;
    this.redis = redis;
  }

  /** Enqueue a job and turn it into a finished one with this result JSON; return its id. */
  String finished(String resultJson) {
    String id = takenOffQueue("default", "com.acme.Task.add", 2, 3);
    raw().hset(redis.keys().job("default", id), Map.of("status", "finished", "result", resultJson, "attempt", "1",
        "worker", "w1", "started_at", Long.toString(ENDED_MS - 1000), "ended_at", Long.toString(ENDED_MS)));
    raw().zadd(redis.keys().finished("default"), ENDED_MS, id);
    redis.countFinished("default");
    return id;
  }

  /** Enqueue a job and turn it into a failed one, with a stack trace and one crashed attempt before; return its id. */
  String failed(String queue, String error) {
    String id = takenOffQueue(queue, "com.acme.Task.fail", "boom");
    String history =
        "[{\"attempt\":1,\"worker\":\"w0\",\"started_at\":" + (ENDED_MS - 9000) + ",\"ended_at\":" + (ENDED_MS - 5000)
            + ",\"outcome\":\"crashed\",\"error\":\"lease expired\"}]";
    raw().hset(redis.keys().job(queue, id), Map.of("status", "failed", "error", error, "attempt", "2", "crashes", "1",
        "exc_info", error + "\n\tat com.acme.Task.fail(Task.java:28)", "history", history,
        "ended_at", Long.toString(ENDED_MS)));
    raw().zadd(redis.keys().failed(queue), ENDED_MS, id);
    redis.countFailed(queue);
    return id;
  }

  /** A finished job whose hash expired: only its finished-registry entry is left; return its id. */
  String expiredFinished() {
    String id = finished("5");
    raw().del(redis.keys().job("default", id));
    return id;
  }

  private String takenOffQueue(String queue, String func, Object... args) {
    String id = client.enqueue(JobRequest.of(func, args).withQueue(queue));
    raw().lrem(redis.keys().queue(queue), 0, id);
    return id;
  }

  private RedisCommands<String, String> raw() {
    return redis.raw();
  }
}
