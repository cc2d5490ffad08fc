package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class BrokerTest {
  private static final Duration LEASE = Duration.ofSeconds(20);

  private static LeasedJob fetchOne(Broker leases) {
    List<LeasedJob> jobs = leases.fetch("default", 1, "w1", "t:", LEASE).jobs();
    assertEquals(1, jobs.size());
    return jobs.get(0);
  }

  @Test
  void fetch_leases_jobs_in_fifo_order_and_records_worker_token_and_deadline(MyrqClient client, TestRedis redis) {
    String first = client.enqueue("com.acme.Task.add", 1, 1);
    String second = client.enqueue("com.acme.Task.add", 2, 2);
    Broker leases = client.broker(Retention.defaults());

    List<LeasedJob> jobs = leases.fetch("default", 5, "w1", "abc:", LEASE).jobs();

    assertEquals(List.of(first, second), jobs.stream().map(LeasedJob::id).toList());
    assertEquals("abc:1.1", jobs.get(0).token());
    assertEquals(JobStatus.STARTED, jobs.get(0).job().status());
    Job job = client.job(first);
    assertEquals("w1", job.worker());
    assertEquals(1, job.attempt());
    Double deadline = redis.raw().zscore("myrq:{default}:active", first);
    assertTrue(deadline > System.currentTimeMillis() + 15_000, "lease deadline about 20 s ahead");
    assertEquals(0L, redis.raw().llen("myrq:{default}:queue"));
  }

  @Test
  void a_leased_job_is_the_stored_job_after_the_lease_and_a_non_integer_attempt_counts_again(
      MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    String odd = client.enqueue("com.acme.Task.add", 2, 2);
    redis.raw().hset("myrq:{default}:job:" + odd, "attempt", "07");
    redis.raw().set("myrq:{default}:job:not-a-hash", "x");
    redis.raw().lpush("myrq:{default}:queue", "not-a-hash");
    Broker leases = client.broker(Retention.defaults());

    List<LeasedJob> jobs = leases.fetch("default", 5, "w1", "p.q:", LEASE).jobs();
    assertEquals(List.of(id, odd, "not-a-hash"), jobs.stream().map(LeasedJob::id).toList());
    assertEquals(client.job(id), jobs.get(0).job(), "the fields the lease wrote, as stored");
    assertEquals(1, jobs.get(1).job().attempt(), "not an integer by HINCRBY's rule: counting starts again");
    assertEquals(client.job(odd), jobs.get(1).job());
    assertTrue(jobs.get(2).missing(), "a job key that is not a hash is dropped");
    assertEquals("x", redis.raw().get("myrq:{default}:job:not-a-hash"));

    leases.complete("default", List.of(new JobEnding(id, jobs.get(0).token(), Outcome.RETRY, "E: x", "", "", 0))).get();
    leases.promote("default", 100);
    LeasedJob again = leases.fetch("default", 5, "w2", "r:", LEASE).jobs().get(0);
    assertEquals("r:1.2", again.token());
    assertEquals(2, again.job().attempt());
    assertEquals(client.job(id), again.job());
    assertEquals(JobStatus.STARTED, again.job().status());
  }

  @Test
  void watch_leases_a_job_enqueued_while_it_waits_and_starts_nothing_when_none_comes(MyrqClient client)
      throws Exception {
    Broker broker = client.broker(Retention.defaults());
    List<LeasedJob> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    QueueWatch.Starter starter = (queue, jobs) -> {
      got.addAll(jobs);
      return jobs.size();
    };
    try (QueueWatch watch = broker.watch(List.of("default"), Duration.ofMillis(300))) {
      assertEquals(0, watch.awaitAndStart(List.of("default"), 4, "w1", "t:", LEASE, starter));
    }
    try (QueueWatch watch = broker.watch(List.of("default"), Duration.ofSeconds(5))) {
      var later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      var id = later.schedule(() -> client.enqueue("com.acme.Task.add", 1, 1), 300, java.util.concurrent.TimeUnit.MILLISECONDS);
      assertEquals(1, watch.awaitAndStart(List.of("default"), 4, "w1", "t:", LEASE, starter));
      later.shutdown();

      assertEquals(List.of(id.get()), got.stream().map(LeasedJob::id).toList());
      assertEquals(JobStatus.STARTED, client.status(id.get()));
      assertEquals("w1", client.job(id.get()).worker());
    }
  }

  @Test
  void a_leased_job_with_a_corrupt_hash_comes_back_unreadable_and_one_without_a_hash_missing(
      MyrqClient client, TestRedis redis) {
    String corrupt = client.enqueue("com.acme.Task.add", 1, 1);
    redis.raw().hset("myrq:{default}:job:" + corrupt, "created_at", "yesterday");
    redis.raw().lpush("myrq:{default}:queue", "no-such-job");

    List<LeasedJob> jobs = client.broker(Retention.defaults()).fetch("default", 5, "w1", "t:", LEASE).jobs();

    LeasedJob bad = jobs.stream().filter(j -> j.id().equals(corrupt)).findFirst().orElseThrow();
    assertNull(bad.job());
    assertEquals("com.acme.Task.add", bad.unreadable().func());
    assertEquals(1, bad.unreadable().attempt());
    assertTrue(bad.unreadable().problem().getMessage().contains("created_at"), bad.unreadable().problem().getMessage());
    assertTrue(jobs.stream().filter(j -> j.id().equals("no-such-job")).allMatch(LeasedJob::missing));
  }

  @Test
  void complete_with_the_right_token_finishes_and_expires_the_result(MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = fetchOne(leases);

    List<String> stale = leases.complete("default", List.of(new JobEnding(id, l.token(), Outcome.FINISHED, "2", "", "", 0))).get();

    assertTrue(stale.isEmpty());
    Job job = client.job(id);
    assertEquals(JobStatus.FINISHED, job.status());
    assertEquals("2", job.result());
    assertNull(redis.raw().hget("myrq:{default}:job:" + id, "lease"));
    assertEquals(0L, redis.raw().zcard("myrq:{default}:active"));
    long ttl = redis.raw().ttl("myrq:{default}:job:" + id);
    assertTrue(ttl > 3500 && ttl <= 3600, "result TTL 1 h, got " + ttl);
    assertTrue(redis.raw().zscore("myrq:{default}:finished", id) != null);
  }

  @Test
  void completion_from_a_worker_that_lost_the_lease_is_refused_and_counted(MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    Broker leases = client.broker(Retention.defaults());
    LeasedJob zombie = fetchOne(leases);
    redis.raw().zadd("myrq:{default}:active", 1, id);
    Reaped reaped = leases.reap("default", 3, 100);
    assertEquals(List.of(id), reaped.requeued());
    LeasedJob owner = fetchOne(leases);

    List<String> stale =
        leases.complete("default", List.of(new JobEnding(id, zombie.token(), Outcome.FAILED, "x", "", "", 0))).get();

    assertEquals(List.of(id), stale);
    assertEquals(1L, client.staleWrites("default"));
    assertEquals(JobStatus.STARTED, client.status(id));
    assertTrue(leases.complete("default", List.of(new JobEnding(id, owner.token(), Outcome.FINISHED, "2", "", "", 0))).get().isEmpty());
    assertEquals(JobStatus.FINISHED, client.status(id));
  }

  @Test
  void reap_puts_an_expired_lease_back_first_in_line_with_a_crash_count_and_history(MyrqClient client, TestRedis redis) {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    String waiting = client.enqueue("com.acme.Task.add", 2, 2);
    Broker leases = client.broker(Retention.defaults());
    leases.fetch("default", 1, "dead-worker", "t:", LEASE);
    redis.raw().zadd("myrq:{default}:active", 1, id);

    leases.reap("default", 3, 100);

    Job job = client.job(id);
    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals(1, job.crashes());
    assertTrue(job.history().contains("\"outcome\":\"crashed\""), job.history());
    assertTrue(job.history().contains("dead-worker"), job.history());
    assertEquals(List.of(waiting, id), redis.raw().lrange("myrq:{default}:queue", 0, -1));
    assertEquals(id, fetchOne(leases).id());
  }

  @Test
  void reap_fails_a_job_whose_workers_died_too_often(MyrqClient client, TestRedis redis) {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    Broker leases = client.broker(Retention.defaults());
    for (int i = 0; i < 3; i++) {
      fetchOne(leases);
      redis.raw().zadd("myrq:{default}:active", 1, id);
      leases.reap("default", 3, 100);
    }
    Job job = client.job(id);
    assertEquals(JobStatus.FAILED, job.status());
    assertEquals(3, job.crashes());
    assertTrue(job.error().contains("worker died 3 times"), job.error());
    assertEquals(List.of(id), client.failed("default", 10).stream().map(Job::id).toList());
  }

  @Test
  void renew_extends_held_leases_and_reports_lost_ones(MyrqClient client, TestRedis redis) {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = fetchOne(leases);
    redis.raw().zadd("myrq:{default}:active", 5, id);

    assertTrue(leases.renew("default", List.of(new Lease(id, l.token())), LEASE).isEmpty());
    assertTrue(redis.raw().zscore("myrq:{default}:active", id) > System.currentTimeMillis());
    assertEquals(List.of("old-attempt"), leases.renew("default",
        List.of(new Lease(id, "old-attempt"), new Lease(id, l.token())), LEASE),
        "an old attempt of the same job is reported lost by its token; the current one is renewed");
  }

  @Test
  void retry_waits_in_the_schedule_and_promote_moves_it_back_when_due(MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.fail", "x");
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = fetchOne(leases);
    leases.complete("default", List.of(new JobEnding(id, l.token(), Outcome.RETRY, "E: x", "trace", "{\"attempt\":1}", 0))).get();
    assertEquals(JobStatus.SCHEDULED, client.status(id));
    assertEquals("[{\"attempt\":1}]", client.job(id).history());

    assertEquals(1L, leases.promote("default", 100));

    assertEquals(JobStatus.QUEUED, client.status(id));
    assertEquals(List.of(id), redis.raw().lrange("myrq:{default}:queue", 0, -1));
    assertEquals(0L, redis.raw().zcard("myrq:{default}:scheduled"));
  }

  @Test
  void failed_job_is_requeued_as_new_keeping_its_history(MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.fail", "x");
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = fetchOne(leases);
    leases.complete("default", List.of(new JobEnding(id, l.token(), Outcome.FAILED, "E: x", "trace", "{\"attempt\":1}", 0))).get();
    assertTrue(redis.raw().ttl("myrq:{default}:job:" + id) > 0);

    assertEquals(List.of(id), client.requeue(List.of(id, "not-failed")));

    Job job = client.job(id);
    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals(0, job.attempt());
    assertNull(job.error());
    assertEquals("[{\"attempt\":1}]", job.history());
    assertEquals(-1L, redis.raw().ttl("myrq:{default}:job:" + id));
    assertTrue(client.failed("default", 10).isEmpty());
  }

  @Test
  void failed_registry_is_capped_and_trimmed_jobs_are_deleted(MyrqClient client, TestRedis redis) throws Exception {
    Broker leases = client.broker(new Retention(Duration.ofHours(1), Duration.ofDays(7), 100, Duration.ofDays(7), 2));
    String[] ids = new String[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = client.enqueue("com.acme.Task.fail", "x");
      LeasedJob l = fetchOne(leases);
      leases.complete("default", List.of(new JobEnding(ids[i], l.token(), Outcome.FAILED, "E", "", "", 0))).get();
      Thread.sleep(3);
    }
    assertEquals(2L, redis.raw().zcard("myrq:{default}:failed"));
    assertEquals(0L, redis.raw().exists("myrq:{default}:job:" + ids[0]));
    assertThrows(JobNotFoundException.class, () -> client.job(ids[0]));
    assertEquals(JobStatus.FAILED, client.status(ids[2]));
  }

  @Test
  void status_of_a_finished_job_whose_hash_expired_comes_from_the_registry(MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = fetchOne(leases);
    leases.complete("default", List.of(new JobEnding(id, l.token(), Outcome.FINISHED, "2", "", "", 0))).get();
    redis.raw().del("myrq:{default}:job:" + id);

    Job job = client.job(id);
    assertTrue(job.expired());
    assertEquals(JobStatus.FINISHED, job.status());
    assertTrue(job.endedAt() != null);
  }

  @Test
  void shutdown_requeue_puts_the_job_first_in_line_without_counting_the_attempt(MyrqClient client, TestRedis redis) throws Exception {
    String id = client.enqueue("com.acme.Task.sleep", 30);
    String other = client.enqueue("com.acme.Task.noop");
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = fetchOne(leases);
    leases.complete("default", List.of(new JobEnding(id, l.token(), Outcome.REQUEUE, "", "", "", 0))).get();

    assertEquals(List.of(other, id), redis.raw().lrange("myrq:{default}:queue", 0, -1));
    assertEquals(0, client.job(id).attempt());
  }

  private static <T extends Throwable> void assertThrows(Class<T> type, org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(type, e);
  }
}
