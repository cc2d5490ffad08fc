package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class UniqueJobTest {
  private static JobRequest report() {
    return JobRequest.of("com.acme.Task.noop").withUniqueKey("report-42");
  }

  @Test
  void a_second_enqueue_while_the_first_is_queued_scheduled_or_started_returns_the_first_id(MyrqClient client) {
    String first = client.enqueue(report().withDelay(Duration.ofMinutes(5)));
    assertEquals(first, client.enqueue(report()), "scheduled");
    Broker leases = client.broker(Retention.defaults());
    leases.promote("default", 1);
    client.enqueue("com.acme.Task.noop");

    String queued = client.enqueue(report().withQueue("other"));
    assertEquals(queued, client.enqueue(report().withQueue("other")), "queued; unique within its queue");
    assertNotEquals(first, queued);
  }

  @Test
  void once_the_first_has_ended_its_lock_is_gone_and_a_new_job_is_enqueued(MyrqClient client, TestRedis redis)
      throws Exception {
    String first = client.enqueue(report());
    Broker leases = client.broker(Retention.defaults());
    LeasedJob leased = leases.fetch("default", 1, "w", "t:", Duration.ofSeconds(20)).jobs().get(0);
    assertEquals(first, client.enqueue(report()), "started");

    leases.complete("default", List.of(new JobEnding(first, leased.token(), Outcome.FINISHED, "null", "", "", 0))).get();
    assertNull(redis.raw().get("myrq:{default}:unique:report-42"));
    String second = client.enqueue(report());
    assertNotEquals(first, second);
  }

  @Test
  void a_unique_key_with_spaces_and_options_together_reach_the_job_as_given(MyrqClient client, TestRedis redis) {
    JobRequest r = JobRequest.of("com.acme.Task.noop").withUniqueKey("report 42  of 2026").withPriority(-4)
        .withDelay(Duration.ofMinutes(5)).withUniqueFor(Duration.ofMinutes(10));
    String first = client.enqueue(r);
    assertEquals(first, client.enqueueMany(List.of(r)).get(0));
    assertEquals(first, redis.raw().get("myrq:{default}:unique:report 42  of 2026"));
    assertTrue(redis.raw().pttl("myrq:{default}:unique:report 42  of 2026") > 9 * 60_000);
    Job job = client.job(first);
    assertEquals(JobStatus.SCHEDULED, job.status());
    assertEquals(-4, job.priority());
    assertEquals("myrq:{default}:unique:report 42  of 2026",
        redis.raw().hget("myrq:{default}:job:" + first, "unique_key"));
  }

  @Test
  void unique_for_lets_the_lock_expire_before_the_job_ends(MyrqClient client, TestRedis redis) throws Exception {
    String first = client.enqueue(report().withUniqueFor(Duration.ofMillis(200)));
    Long ttl = redis.raw().pttl("myrq:{default}:unique:report-42");
    assertTrue(ttl > 0 && ttl <= 200, "ttl " + ttl);
    Thread.sleep(300);
    assertNotEquals(first, client.enqueue(report()));
  }

  @Test
  void concurrent_enqueues_with_one_key_create_one_job(MyrqClient client, TestRedis redis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = java.util.Collections.nCopies(40, () -> client.enqueue(report()));
      List<String> ids = pool.invokeAll(calls).stream().map(UniqueJobTest::get).distinct().toList();
      assertEquals(1, ids.size());
      assertEquals(1L, redis.raw().llen("myrq:{default}:queue"));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void enqueue_many_returns_the_holder_id_for_duplicates_in_one_batch(MyrqClient client, TestRedis redis) {
    List<String> ids =
        client.enqueueMany(List.of(report(), JobRequest.of("com.acme.Task.noop"), report().withPriority(3)));
    assertEquals(ids.get(0), ids.get(2));
    assertEquals(2L, redis.raw().llen("myrq:{default}:queue"));
  }

  @Test
  void unique_for_without_a_key_or_an_empty_key_is_refused(MyrqClient client) {
    assertThrows(InvalidJobException.class,
        () -> client.enqueue(JobRequest.of("com.acme.Task.noop").withUniqueFor(Duration.ofMinutes(1))));
    assertThrows(InvalidJobException.class, () -> client.enqueue(JobRequest.of("com.acme.Task.noop").withUniqueKey("")));
  }

  private static String get(Future<String> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
