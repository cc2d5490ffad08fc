package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class MyrqClientTest {

  @Test
  void enqueued_job_reads_back_queued_with_its_func_and_args(MyrqClient client) {
    String id = client.enqueue("com.acme.Task.add", 2, 3);

    Job job = client.job(id);
    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals("com.acme.Task.add", job.func());
    assertEquals("[2,3]", job.args());
    assertEquals("default", job.queue());
    assertNotNull(job.createdAt());
    assertEquals(job.createdAt(), job.enqueuedAt());
  }

  @Test
  void enqueue_puts_the_id_on_the_queue_list_and_no_ttl_on_the_hash(MyrqClient client, TestRedis redis) {
    String id = client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("mail"));

    assertEquals(List.of(id), redis.raw().lrange("myrq:{mail}:queue", 0, -1));
    assertEquals(-1L, redis.raw().ttl("myrq:{mail}:job:" + id));
    assertTrue(redis.raw().smembers("myrq:queues").contains("mail"));
  }

  @Test
  void job_with_future_due_time_waits_in_the_schedule(MyrqClient client, TestRedis redis) {
    Instant due = Instant.now().plusSeconds(600);
    String id = client.enqueue(JobRequest.of("com.acme.Task.noop").withDueAt(due));

    Job job = client.job(id);
    assertEquals(JobStatus.SCHEDULED, job.status());
    assertEquals(due.toEpochMilli(), job.dueAt().toEpochMilli());
    assertEquals(0L, redis.raw().llen("myrq:{default}:queue"));
    assertEquals(1L, redis.raw().zcard("myrq:{default}:scheduled"));
  }

  @Test
  void delay_is_measured_on_the_redis_clock(MyrqClient client, TestRedis redis) {
    String id = client.enqueue(JobRequest.of("com.acme.Task.noop").withDelay(Duration.ofMinutes(10)));
    Job job = client.job(id);
    assertEquals(JobStatus.SCHEDULED, job.status());
    assertEquals(600_000, job.dueAt().toEpochMilli() - job.createdAt().toEpochMilli());
  }

  @Test
  void enqueue_many_writes_every_job_in_order_across_queues(MyrqClient client, TestRedis redis) {
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 1203; i++) {
      requests.add(JobRequest.of("com.acme.Task.add", i, 1).withQueue(i % 3 == 0 ? "a" : "b"));
    }
    List<String> ids = client.enqueueMany(requests);

    assertEquals(1203, ids.size());
    assertEquals(401L, redis.raw().llen("myrq:{a}:queue"));
    assertEquals(802L, redis.raw().llen("myrq:{b}:queue"));
    assertEquals("[1202,1]", client.job(ids.get(1202)).args());
    assertEquals("b", client.job(ids.get(1202)).queue());
  }

  @Test
  void enqueue_many_beyond_the_in_flight_window_writes_every_job(MyrqClient client, TestRedis redis) {
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 6_001; i++) {
      requests.add(JobRequest.of("com.acme.Task.add", i, 1));
    }
    List<String> ids = client.enqueueMany(requests);
    assertEquals(6_001L, redis.raw().llen("myrq:{default}:queue"));
    assertEquals(ids.get(0), redis.raw().lindex("myrq:{default}:queue", -1));
    assertEquals(ids.get(6_000), redis.raw().lindex("myrq:{default}:queue", 0));
  }

  @Test
  void per_job_options_are_stored_and_defaults_are_left_out(MyrqClient client, TestRedis redis) {
    String plain = client.enqueue("com.acme.Task.noop");
    String custom =
        client.enqueue(
            JobRequest.of("com.acme.Task.noop")
                .withTimeout(Duration.ofMillis(1500))
                .withRetries(0)
                .withBackoff(Duration.ofSeconds(2)));

    assertTrue(redis.raw().hget("myrq:{default}:job:" + plain, "timeout") == null);
    Job job = client.job(custom);
    assertEquals(Duration.ofMillis(1500), job.timeout());
    assertEquals(0, job.retries());
    assertEquals(Duration.ofSeconds(2), job.backoff());
  }

  @Test
  void bad_requests_are_refused_naming_the_field_and_write_nothing(MyrqClient client, TestRedis redis) {
    assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.ofJson("Task", "[]")));
    assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.ofJson("com.acme.Task.run", "{}")));
    assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.ofJson("com.acme.Task.run", "[1,")));
    assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.ofJson("com.acme.Task.run", "[1] x")));
    assertThrows(
        InvalidJobException.class,
        () -> client.enqueue(JobRequest.of("com.acme.Task.run").withQueue("a b")));
    String big = "[\"" + "x".repeat(600 * 1024) + "\"]";
    InvalidJobException e =
        assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.ofJson("com.acme.Task.run", big)));
    assertTrue(e.getMessage().contains("payload limit"), e.getMessage());
    assertThrows(
        InvalidJobException.class,
        () -> client.enqueueMany(List.of(JobRequest.of("com.acme.Task.run"), JobRequest.ofJson("x", "[]"))));
    assertTrue(redis.raw().keys("*").isEmpty());
  }

  @Test
  void unknown_id_is_not_found(MyrqClient client) {
    client.enqueue("com.acme.Task.noop");
    JobNotFoundException e = assertThrows(JobNotFoundException.class, () -> client.job("nope"));
    assertEquals("nope", e.jobId());
  }

  @Test
  void corrupt_hash_reads_as_invalid_job_naming_the_field(MyrqClient client, TestRedis redis) {
    String id = client.enqueue("com.acme.Task.noop");
    redis.raw().hset("myrq:{default}:job:" + id, "created_at", "yesterday");
    InvalidJobException e = assertThrows(InvalidJobException.class, () -> client.job(id));
    assertTrue(e.getMessage().contains("created_at"), e.getMessage());
  }

  @Test
  void unreachable_redis_is_reported_within_the_timeout() {
    int port = RedisExtension.freePort();
    RedisUnavailableException e =
        assertThrows(
            RedisUnavailableException.class,
            () -> MyrqClient.connect(RedisSettings.of("redis://127.0.0.1:" + port).withTimeout(Duration.ofSeconds(2))));
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
  }

  @Test
  void password_in_a_url_is_redacted_for_display() {
    assertEquals("redis://:***@h:1", RedisSettings.of("redis://:secret@h:1").redactedUrl());
    assertEquals("rediss://app:***@h:1/0", RedisSettings.of("rediss://app:secret@h:1/0").redactedUrl());
  }

  @Test
  void malformed_url_is_a_config_error() {
    assertThrows(InvalidConfigException.class, () -> MyrqClient.connect("http://localhost"));
  }
}
