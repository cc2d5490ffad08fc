package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancel, delete, pause, resume, purge and waiting for a job's end, through the Java API on a real Redis. */
@ExtendWith(RedisExtension.class)
class ControlTest {
  private static final Duration LEASE = Duration.ofSeconds(20);

  private static LeasedJob fetchOne(Broker leases) {
    List<LeasedJob> jobs = leases.fetch("default", 1, "w1", "t:", LEASE).jobs();
    assertEquals(1, jobs.size());
    return jobs.get(0);
  }

  @Test
  void canceled_queued_and_scheduled_jobs_never_run(MyrqClient client, TestRedis redis) {
    String queued = client.enqueue("com.acme.Task.add", 1, 2);
    String later = client.enqueue(JobRequest.of("com.acme.Task.add", 1).withDueAt(Instant.now().plusSeconds(600)));
    String next = client.enqueue("com.acme.Task.add", 3, 4);

    assertEquals(JobStatus.QUEUED, client.cancel(queued));
    assertEquals(JobStatus.SCHEDULED, client.cancel(later));

    assertEquals(JobStatus.CANCELED, client.status(queued));
    assertEquals(JobStatus.CANCELED, client.status(later));
    assertTrue(client.job(queued).endedAt() != null);
    assertEquals(0L, redis.raw().zcard("myrq:{default}:scheduled"));
    Broker leases = client.broker(Retention.defaults());
    assertEquals(next, fetchOne(leases).id(), "only the job that was not canceled is leased");
    assertTrue(redis.raw().ttl("myrq:{default}:job:" + queued) > 0, "a canceled job's hash expires");
  }

  @Test
  void canceling_a_started_job_takes_its_lease_tells_its_worker_and_refuses_its_end(MyrqClient client, TestRedis redis)
      throws Exception {
    String id = client.enqueue("com.acme.Task.sleep", 5);
    Broker leases = client.broker(Retention.defaults());
    LeasedJob leased = fetchOne(leases);
    LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
    RedisClient raw = RedisClient.create(redis.url());
    try (var sub = raw.connectPubSub()) {
      sub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              heard.add(channel + " " + message);
            }
          });
      sub.sync().subscribe("myrq:{default}:control");

      assertEquals(JobStatus.STARTED, client.cancel(id));

      assertEquals("myrq:{default}:control cancel " + id, heard.poll(10, TimeUnit.SECONDS));
    } finally {
      raw.shutdown();
    }
    assertEquals(JobStatus.CANCELED, client.status(id));
    assertEquals(List.of(leased.token()), leases.renew("default", List.of(new Lease(id, leased.token())), LEASE));
    List<String> stale =
        leases.complete("default", List.of(new JobEnding(id, leased.token(), Outcome.RETRY, "x", "", "", 0))).get();
    assertEquals(List.of(id), stale, "the worker's late end is refused: not retried");
    assertEquals(JobStatus.CANCELED, client.status(id));
    assertEquals(0L, redis.raw().zcard("myrq:{default}:scheduled"));
  }

  @Test
  void cancel_leaves_an_ended_job_alone_and_names_an_unknown_id(MyrqClient client) throws Exception {
    String id = client.enqueue("com.acme.Task.add", 1, 2);
    Broker leases = client.broker(Retention.defaults());
    LeasedJob leased = fetchOne(leases);
    leases.complete("default", List.of(new JobEnding(id, leased.token(), Outcome.FINISHED, "3", "", "", 0))).get();

    assertEquals(JobStatus.FINISHED, client.cancel(id));
    assertEquals(JobStatus.FINISHED, client.status(id));
    JobNotFoundException e = assertThrows(JobNotFoundException.class, () -> client.cancel("nope"));
    assertEquals("no such job: nope", e.getMessage());
  }

  @Test
  void delete_removes_a_waiting_or_ended_job_but_not_a_running_one(MyrqClient client, TestRedis redis) {
    String queued = client.enqueue("com.acme.Task.add", 1, 2);
    String running = client.enqueue("com.acme.Task.add", 3, 4);
    assertEquals(JobStatus.QUEUED, client.delete(queued));
    assertThrows(JobNotFoundException.class, () -> client.job(queued));
    assertEquals(1L, redis.raw().llen("myrq:{default}:queue"));

    fetchOne(client.broker(Retention.defaults()));
    JobRunningException e = assertThrows(JobRunningException.class, () -> client.delete(running));
    assertTrue(e.getMessage().contains("cancel it first"), e.getMessage());
    assertEquals(JobStatus.STARTED, client.status(running));

    client.cancel(running);
    assertEquals(JobStatus.CANCELED, client.delete(running));
    assertThrows(JobNotFoundException.class, () -> client.delete(running));
  }

  @Test
  void a_paused_queue_leases_nothing_until_resumed(MyrqClient client) {
    String id = client.enqueue("com.acme.Task.add", 1, 2);
    Broker leases = client.broker(Retention.defaults());

    client.pause("default");
    Fetched f = leases.fetch("default", 5, "w1", "t:", LEASE);
    assertTrue(f.paused());
    assertTrue(f.jobs().isEmpty());
    assertTrue(client.isPaused("default"));
    assertTrue(client.queues().get(0).paused());

    client.resume("default");
    assertFalse(client.isPaused("default"));
    assertEquals(id, fetchOne(leases).id());
    assertThrows(QueueNotFoundException.class, () -> client.pause("nosuch"));
    assertThrows(InvalidJobException.class, () -> client.pause("bad name"));
  }

  @Test
  void purge_deletes_waiting_jobs_or_a_registry_in_batches(MyrqClient client, TestRedis redis) throws Exception {
    List<JobRequest> many = new java.util.ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(JobRequest.of("com.acme.Task.add", i, 1));
    }
    client.enqueueMany(many);
    client.enqueue(JobRequest.of("com.acme.Task.add", 1).withDelay(Duration.ofHours(1)));
    String failed = client.enqueue(JobRequest.of("com.acme.Task.fail", "x").withQueue("other"));
    Broker leases = client.broker(Retention.defaults());
    LeasedJob l = leases.fetch("other", 1, "w1", "t:", LEASE).jobs().get(0);
    leases.complete("other", List.of(new JobEnding(failed, l.token(), Outcome.FAILED, "E: x", "", "", 0))).get();

    assertEquals(2501, client.purge("default", PurgeTarget.WAITING));
    assertEquals(0L, redis.raw().llen("myrq:{default}:queue"));
    assertEquals(List.of(), redis.raw().keys("myrq:{default}:job:*"));
    assertEquals(0, client.purge("other", PurgeTarget.FINISHED));
    assertEquals(1, client.purge("other", PurgeTarget.FAILED));
    assertThrows(JobNotFoundException.class, () -> client.job(failed));
  }

  @Test
  void await_returns_when_the_job_ends_or_empty_when_the_time_passes(MyrqClient client) throws Exception {
    String id = client.enqueue("com.acme.Task.add", 1, 2);
    JobHandle handle = client.handle(id);
    assertEquals(Optional.empty(), handle.await(Duration.ofMillis(200)));

    Broker leases = client.broker(Retention.defaults());
    LeasedJob leased = fetchOne(leases);
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try {
      long start = System.nanoTime();
      later.schedule(
          () -> leases.complete("default", List.of(new JobEnding(id, leased.token(), Outcome.FINISHED, "3", "", "", 0))),
          300,
          TimeUnit.MILLISECONDS);
      Job done = handle.await(Duration.ofSeconds(30)).orElseThrow();
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(JobStatus.FINISHED, done.status());
      assertEquals("3", done.result());
      assertTrue(ms < 5000, "woken by the end message, not by the 10 s re-check: " + ms + " ms");
      assertEquals(JobStatus.FINISHED, client.await(id, Duration.ZERO).orElseThrow().status(), "ended already");
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void await_hears_a_cancel_and_a_delete(MyrqClient client) throws Exception {
    String canceled = client.enqueue("com.acme.Task.add", 1, 2);
    String deleted = client.enqueue("com.acme.Task.add", 3, 4);
    CompletableFuture<Optional<Job>> a = CompletableFuture.supplyAsync(() -> awaitQuietly(client, canceled));
    CompletableFuture<Optional<Job>> b = CompletableFuture.supplyAsync(() -> awaitQuietly(client, deleted));
    Thread.sleep(300);
    client.cancel(canceled);
    client.delete(deleted);

    assertEquals(JobStatus.CANCELED, a.get(10, TimeUnit.SECONDS).orElseThrow().status());
    Exception e = assertThrows(Exception.class, () -> b.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof JobNotFoundException, e.toString());
    assertThrows(JobNotFoundException.class, () -> client.await("nope", Duration.ofSeconds(1)));
  }

  private static Optional<Job> awaitQuietly(MyrqClient client, String id) {
    try {
      return client.await(id, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
