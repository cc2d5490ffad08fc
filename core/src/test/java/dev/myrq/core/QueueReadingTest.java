package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class QueueReadingTest {

  @Test
  void queued_jobs_page_lists_the_next_to_run_first(MyrqClient client) {
    List<JobRequest> rs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      rs.add(JobRequest.of("com.acme.Task.add", i, 0));
    }
    List<String> ids = client.enqueueMany(rs);

    JobPage first = client.jobs("default", JobStatus.QUEUED, 0, 3);
    JobPage last = client.jobs("default", JobStatus.QUEUED, 6, 3);

    assertEquals(7, first.total());
    assertEquals(ids.subList(0, 3), first.jobs().stream().map(Job::id).toList());
    assertEquals("[0,0]", first.jobs().get(0).args());
    assertEquals(List.of(ids.get(6)), last.jobs().stream().map(Job::id).toList());
    assertTrue(client.jobs("default", JobStatus.QUEUED, 9, 3).jobs().isEmpty());
  }

  @Test
  void queued_jobs_page_runs_through_the_priority_levels_in_fetch_order(MyrqClient client) {
    String low = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(-3));
    String normal1 = client.enqueue(JobRequest.of("com.acme.Task.noop"));
    String high = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(5));
    String normal2 = client.enqueue(JobRequest.of("com.acme.Task.noop"));

    JobPage all = client.jobs("default", JobStatus.QUEUED, 0, 10);
    JobPage middle = client.jobs("default", JobStatus.QUEUED, 1, 2);

    assertEquals(4, all.total());
    assertEquals(List.of(high, normal1, normal2, low), all.jobs().stream().map(Job::id).toList());
    assertEquals(List.of(normal1, normal2), middle.jobs().stream().map(Job::id).toList());
  }

  @Test
  void oldest_wait_looks_at_every_priority_level(MyrqClient client, TestRedis redis) {
    String low = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(-3));
    client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(5));
    long serverNow = Long.parseLong(redis.raw().time().get(0)) * 1000;
    redis.raw().hset("myrq:{default}:job:" + low, "created_at", Long.toString(serverNow - 300_000));

    Duration wait = client.oldestWait("default").orElseThrow();

    assertTrue(wait.compareTo(Duration.ofSeconds(299)) >= 0, "" + wait);
  }

  @Test
  void failed_page_is_newest_first_and_keeps_entries_whose_hash_expired(MyrqClient client, TestRedis redis) {
    seedFailed(redis, "mail", "old", 1_000, true);
    seedFailed(redis, "mail", "gone", 2_000, false);
    seedFailed(redis, "mail", "new", 3_000, true);

    JobPage page = client.jobs("mail", JobStatus.FAILED, 0, 10);

    assertEquals(3, page.total());
    assertEquals(List.of("new", "gone", "old"), page.jobs().stream().map(Job::id).toList());
    assertEquals("java.lang.IllegalStateException: <b>boom</b>", page.jobs().get(0).error());
    assertTrue(page.jobs().get(1).expired());
    assertEquals(Instant.ofEpochMilli(2_000), page.jobs().get(1).endedAt());
  }

  @Test
  void a_corrupt_hash_shows_in_its_page_with_the_reason(MyrqClient client, TestRedis redis) {
    redis.raw().sadd("myrq:queues", "default");
    redis.raw().zadd("myrq:{default}:scheduled", 5_000, "bad");
    redis.raw().hset("myrq:{default}:job:bad", Map.of("func", "com.acme.Task.add"));

    Job bad = client.jobs("default", JobStatus.SCHEDULED, 0, 10).jobs().get(0);

    assertEquals("bad", bad.id());
    assertTrue(bad.error().contains("args"), bad.error());
  }

  @Test
  void oldest_wait_is_measured_from_the_head_of_the_queue(MyrqClient client, TestRedis redis) {
    assertEquals(Optional.empty(), client.oldestWait("default"));
    String id = client.enqueue("com.acme.Task.noop");
    client.enqueue("com.acme.Task.noop");
    long serverNow = Long.parseLong(redis.raw().time().get(0)) * 1000;
    redis.raw().hset("myrq:{default}:job:" + id, "created_at", Long.toString(serverNow - 90_000));

    Duration wait = client.oldestWait("default").orElseThrow();

    assertTrue(wait.compareTo(Duration.ofSeconds(89)) >= 0 && wait.compareTo(Duration.ofSeconds(95)) < 0, "" + wait);
  }

  @Test
  void throughput_counts_ended_jobs_per_bucket(MyrqClient client, TestRedis redis) {
    long now = Long.parseLong(redis.raw().time().get(0)) * 1000;
    redis.raw().zadd("myrq:{default}:finished", now - 30_000, "a");
    redis.raw().zadd("myrq:{default}:finished", now - 90_000, "b");
    redis.raw().zadd("myrq:{default}:finished", now - 100_000, "c");
    redis.raw().zadd("myrq:{default}:failed", now - 20_000, "d");
    redis.raw().zadd("myrq:{default}:finished", now - 3_600_000, "too-old");

    Throughput t = client.throughput("default", Duration.ofMinutes(1), 3);

    assertEquals(List.of(0L, 2L, 1L), List.of(t.finished()[0], t.finished()[1], t.finished()[2]));
    assertEquals(1L, t.failed()[2]);
    assertEquals(4, t.total());
  }

  @Test
  void running_jobs_of_a_worker_are_read_from_its_queues(MyrqClient client) {
    String id = client.enqueue(JobRequest.of("com.acme.Task.sleep", 1).withQueue("slow"));
    WorkerInfo w = new WorkerInfo("w1", "h", 1, List.of("default", "slow"), List.of(id, "vanished"), 2, 0,
        Instant.now(), Instant.now(), "0");

    List<Job> running = client.runningJobs(w);

    assertEquals(1, running.size());
    assertEquals("slow", running.get(0).queue());
    assertFalse(running.get(0).expired());
  }

  private static void seedFailed(TestRedis redis, String q, String id, long endedAt, boolean withHash) {
    redis.raw().sadd("myrq:queues", q);
    redis.raw().zadd("myrq:{" + q + "}:failed", endedAt, id);
    if (withHash) {
      redis.raw().hset("myrq:{" + q + "}:job:" + id, Map.of(
          "func", "com.acme.Task.fail", "args", "[\"x\"]", "status", "failed", "created_at", "1",
          "ended_at", Long.toString(endedAt), "error", "java.lang.IllegalStateException: <b>boom</b>"));
    }
  }
}
