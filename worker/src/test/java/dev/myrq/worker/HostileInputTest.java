package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Garbage written straight into Redis: each bad job ends failed with a reason (or is dropped), good ones run. */
@ExtendWith(RedisExtension.class)
class HostileInputTest {
  private static final String Q = "myrq:{default}:queue";

  private static String jobKey(String id) {
    return "myrq:{default}:job:" + id;
  }

  private static void seed(TestRedis redis, String id, Map<String, String> hash) {
    redis.raw().hset(jobKey(id), hash);
    redis.raw().lpush(Q, id);
  }

  @Test
  void garbage_jobs_fail_with_a_reason_and_good_jobs_around_them_finish(TestRedis redis, MyrqClient client) throws Exception {
    redis.raw().sadd("myrq:queues", "default");
    List<String> good = new ArrayList<>();
    good.add(client.enqueue("com.acme.Task.add", 1, 1));
    redis.raw().lpush(Q, "no-hash-at-all");
    redis.raw().set(jobKey("not-a-hash"), "hello");
    redis.raw().lpush(Q, "not-a-hash");
    seed(redis, "no-func", Map.of("args", "[]", "status", "queued", "created_at", "1"));
    seed(redis, "args-object", Map.of("func", "com.acme.Task.noop", "args", "{\"a\":1}", "status", "queued"));
    seed(redis, "args-broken", Map.of("func", "com.acme.Task.noop", "args", "[1,", "status", "queued"));
    seed(redis, "bad-retries", Map.of("func", "com.acme.Task.noop", "args", "[]", "status", "queued", "retries", "many", "attempt", "x"));
    seed(redis, "bad-time", Map.of("func", "com.acme.Task.noop", "args", "[]", "status", "queued", "created_at", "yesterday"));
    seed(redis, "deep", Map.of("func", "com.acme.Task.run", "args", "[".repeat(5000) + "]".repeat(5000), "status", "queued"));
    StringBuilder huge = new StringBuilder("[");
    for (int i = 0; i < 200_000; i++) {
      huge.append(i == 0 ? "" : ",").append("\"w\"");
    }
    seed(redis, "huge", Map.of("func", "com.acme.Task.run", "args", huge.append(']').toString(), "status", "queued"));
    try (RedisClient raw = RedisClient.create(redis.url());
        StatefulRedisConnection<byte[], byte[]> bytes = raw.connect(ByteArrayCodec.INSTANCE)) {
      byte[] bad = {'[', '1', ',', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, ']'};
      bytes.sync().hset(jobKey("non-utf8").getBytes(StandardCharsets.UTF_8), Map.of(
          "func".getBytes(StandardCharsets.UTF_8), "com.acme.Task.add".getBytes(StandardCharsets.UTF_8),
          "args".getBytes(StandardCharsets.UTF_8), bad,
          "status".getBytes(StandardCharsets.UTF_8), "queued".getBytes(StandardCharsets.UTF_8)));
      bytes.sync().lpush(Q.getBytes(StandardCharsets.UTF_8), "non-utf8".getBytes(StandardCharsets.UTF_8));
    }
    good.add(client.enqueue("com.acme.Task.add", 2, 2));

    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      for (String id : good) {
        awaitStatus(client, id, JobStatus.FINISHED);
      }
      assertFailedWith(redis, "no-func", "no 'func' field");
      assertFailedWith(redis, "args-object", "not a JSON array");
      assertFailedWith(redis, "args-broken", "not valid JSON");
      assertFailedWith(redis, "bad-retries", "'retries' is not an integer");
      assertFailedWith(redis, "bad-time", "created_at");
      assertFailedWith(redis, "deep", "not valid JSON");
      assertFailedWith(redis, "non-utf8", "not valid JSON");
      Job huge200k = awaitStatus(client, "huge", JobStatus.FINISHED);
      assertTrue(huge200k.result().startsWith("\"W W W"));
      assertEquals(0L, redis.raw().llen(Q), "the queue is drained: dropped ids are gone");
      assertEquals("hello", redis.raw().get(jobKey("not-a-hash")), "a key that is not ours is left alone");
      assertEquals(0L, redis.raw().zcard("myrq:{default}:active"));
      String after = client.enqueue("com.acme.Task.add", 3, 3);
      assertEquals("6", awaitStatus(client, after, JobStatus.FINISHED).result());
    }
  }

  private static void assertFailedWith(TestRedis redis, String id, String reason) {
    long end = System.nanoTime() + 20_000_000_000L;
    Map<String, String> h = Map.of();
    while (System.nanoTime() < end) {
      h = redis.raw().hgetall(jobKey(id));
      if ("failed".equals(h.get("status"))) {
        assertTrue(h.get("error").contains(reason), id + ": " + h.get("error"));
        assertTrue(redis.raw().zscore("myrq:{default}:failed", id) != null, id + " is in the failed registry");
        return;
      }
      RunningWorker.sleep(20);
    }
    throw new AssertionError(id + " did not fail; hash: " + h);
  }
}
