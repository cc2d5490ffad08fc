package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stats hash counts every job a queue ended, beyond the capped registries. */
@ExtendWith(RedisExtension.class)
class QueueTotalsTest {
  private static final Duration LEASE = Duration.ofSeconds(20);

  @Test
  void completion_counts_finished_and_failed_jobs_once_per_batch_and_retries_not_at_all(MyrqClient client)
      throws Exception {
    for (int i = 0; i < 5; i++) {
      client.enqueue("com.acme.Task.add", i, 1);
    }
    Broker leases = client.broker(Retention.defaults());
    List<LeasedJob> jobs = leases.fetch("default", 5, "w1", "t:", LEASE).jobs();
    List<JobEnding> ends = new ArrayList<>();
    Outcome[] outcomes = {Outcome.FINISHED, Outcome.FINISHED, Outcome.FAILED, Outcome.TIMEOUT, Outcome.RETRY};
    for (int i = 0; i < 5; i++) {
      ends.add(new JobEnding(jobs.get(i).id(), jobs.get(i).token(), outcomes[i], "x", "", "", 60_000));
    }

    leases.complete("default", ends).get();
    leases.complete("default", ends).get(); // stale now: refused, counted as stale writes only

    QueueInfo q = client.queues().get(0);
    assertEquals(2, q.finishedTotal());
    assertEquals(2, q.failedTotal());
    assertEquals(5, client.staleWrites("default"));
  }

  @Test
  void totals_outlive_the_capped_registries(MyrqClient client) throws Exception {
    Broker leases = client.broker(new Retention(Duration.ofHours(1), Duration.ofDays(7), 2, Duration.ofDays(7), 2));
    for (int i = 0; i < 6; i++) {
      client.enqueue("com.acme.Task.add", i, 1);
    }
    List<JobEnding> ends = new ArrayList<>();
    for (LeasedJob j : leases.fetch("default", 6, "w1", "t:", LEASE).jobs()) {
      ends.add(new JobEnding(j.id(), j.token(), Outcome.FINISHED, "1", "", "", 0));
    }
    leases.complete("default", ends).get();

    QueueInfo q = client.queues().get(0);
    assertEquals(2, q.finished());
    assertEquals(6, q.finishedTotal());
  }

  @Test
  void a_job_failed_by_the_reaper_for_too_many_crashes_counts_as_failed(MyrqClient client, TestRedis redis) {
    String id = client.enqueue("com.acme.Task.add", 1, 1);
    Broker leases = client.broker(Retention.defaults());
    leases.fetch("default", 1, "w1", "t:", LEASE);
    redis.raw().zadd(redis.keys().active("default"), 1, id);

    leases.reap("default", 1, 100);

    assertEquals(1, client.queues().get(0).failedTotal());
  }
}
