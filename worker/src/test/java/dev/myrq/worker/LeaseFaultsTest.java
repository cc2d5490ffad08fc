package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.Broker;
import dev.myrq.core.Retention;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Leases under load and under stalls: no job is stranded outside every list, no attempt touches another's lease. */
@ExtendWith(RedisExtension.class)
class LeaseFaultsTest {
  private static final String ACTIVE = "myrq:{default}:active";

  @Test
  void a_worker_with_more_slots_than_lua_can_unpack_leases_every_job_and_strands_none(TestRedis redis, MyrqClient client)
      throws Exception {
    List<JobRequest> jobs = new ArrayList<>();
    for (int i = 0; i < 4500; i++) {
      jobs.add(JobRequest.of("com.acme.Task.noop"));
    }
    List<String> ids = client.enqueueMany(jobs);
    WorkerConfig c = RunningWorker.config(redis.url());
    try (RunningWorker w = new RunningWorker(RunningWorker.with(c, 5000, c.lease()))) {
      long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (redis.raw().zcard("myrq:{default}:finished") < ids.size() && System.nanoTime() < end) {
        RunningWorker.sleep(100);
      }
      assertEquals(ids.size(), redis.raw().zcard("myrq:{default}:finished"), "every job finished");
      assertEquals(0L, redis.raw().zcard(ACTIVE));
      assertEquals(0L, redis.raw().llen("myrq:{default}:queue"));
      assertEquals(JobStatus.FINISHED, client.status(ids.get(ids.size() - 1)));
    }
  }

  @Test
  void the_refused_end_of_an_attempt_whose_lease_was_taken_leaves_the_new_attempt_alone(
      TestRedis redis, MyrqClient client) throws Exception {
    WorkerConfig c = RunningWorker.config(redis.url());
    try (RunningWorker w = new RunningWorker(RunningWorker.with(c, 4, Duration.ofSeconds(2)))) {
      String id = client.enqueue(JobRequest.of("com.acme.Task.sleep", 4).withRetries(0));
      Job first = awaitJob(client, id, j -> j.status() == JobStatus.STARTED, Duration.ofSeconds(20));
      RunningWorker.sleep(3000);
      takeLeaseAway(redis, client, id, first.attempt());
      // the same worker leases the job again while the first attempt still runs; that attempt's end is refused
      Job job = awaitJob(client, id, j -> j.status().isTerminal(), Duration.ofSeconds(30));
      assertEquals(JobStatus.FINISHED, job.status(), job.error());
      assertEquals(2, job.attempt());
      assertEquals(1, job.crashes(), "one lease taken away, no further expiry");
      assertEquals(1, w.worker.staleWrites(), "the first attempt's end was refused");
    }
  }

  @Test
  void a_job_leased_at_the_first_fetch_keeps_its_lease_while_the_other_housekeeping_is_slow(
      TestRedis redis, MyrqClient client) throws Exception {
    String id = client.enqueue(JobRequest.of("com.acme.Task.sleep", 6).withRetries(0));
    WorkerConfig c = RunningWorker.config(redis.url());
    CountDownLatch release = new CountDownLatch(1);
    try (RunningWorker w = new RunningWorker(RunningWorker.with(c, 4, Duration.ofSeconds(2)))) {
      // a cold start on a loaded machine: every housekeeping thread busy (class loading, scripts) for leases on end
      for (int i = 0; i < 3; i++) {
        w.worker.housekeeping().execute(() -> awaitQuietly(release));
      }
      awaitJob(client, id, j -> j.status() != JobStatus.QUEUED, Duration.ofSeconds(20));
      // meanwhile another live worker reaps every expired lease of the queue, as its reaper does each second
      Broker other = client.broker(Retention.defaults());
      for (int i = 0; i < 25; i++) {
        assertTrue(other.reap("default", 10, 10).requeued().isEmpty(), "the live worker's lease was reaped");
        RunningWorker.sleep(200);
      }
      release.countDown();
      Job job = awaitJob(client, id, j -> j.status().isTerminal(), Duration.ofSeconds(30));
      assertEquals(JobStatus.FINISHED, job.status(), job.error());
      assertEquals(0, job.crashes(), "no lease of the live worker expired");
    } finally {
      release.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Do what another worker's reaper does to a lease it sees expired: put the job back, one crash counted. */
  private static void takeLeaseAway(TestRedis redis, MyrqClient client, String id, int attempt) {
    Broker leases = client.broker(Retention.defaults());
    for (int i = 0; i < 50; i++) {
      // expire the lease of this attempt only: the worker's own reaper (each second) may put the job back first and
      // the worker lease it again, and that next attempt's lease must stay
      redis.raw().eval(EXPIRE_ATTEMPT, ScriptOutputType.INTEGER, new String[] {ACTIVE, "myrq:{default}:job:" + id},
          Integer.toString(attempt), id);
      // the live worker's heartbeat may renew the lease between the two calls; then try again
      leases.reap("default", 10, 10);
      if (client.job(id).crashes() > 0) {
        return;
      }
    }
    throw new AssertionError("could not take the lease of attempt " + attempt + " away");
  }

  /** Set the lease deadline of a job to 0 (long expired) if its attempt is still ARGV[1] and it is leased. */
  private static final String EXPIRE_ATTEMPT =
      "if redis.call('HGET', KEYS[2], 'attempt') == ARGV[1] and redis.call('ZSCORE', KEYS[1], ARGV[2]) then "
          + "return redis.call('ZADD', KEYS[1], 0, ARGV[2]) end return 0";
}
