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

/**
 * Every Lua step with a batch larger than any a worker or the CLI asks for (scripts/README.md: bounded unpack,
 * capped counts): each runs to its end, and no job is left outside every list and set.
 */
@ExtendWith(RedisExtension.class)
class ScriptBatchTest {
  private static final Duration LEASE = Duration.ofMinutes(5);
  /** More than the worker's largest --concurrency (10,000), its completer batch (256) and reap batch (500). */
  private static final int N = 12_000;

  @Test
  void every_script_takes_the_largest_batch_without_stranding_a_job(TestRedis redis) throws Exception {
    // one script over 12,000 jobs can run past the usual 5 s answer time on a loaded 2-core machine
    try (MyrqClient client = MyrqClient.connect(RedisSettings.of(redis.url()).withTimeout(Duration.ofSeconds(60)))) {
      runEveryScript(client, redis);
    }
  }

  private static void runEveryScript(MyrqClient client, TestRedis redis) throws Exception {
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      requests.add(JobRequest.of("com.acme.Task.noop"));
    }
    List<String> ids = client.enqueueMany(requests);
    assertEquals(N, redis.raw().llen("myrq:{default}:queue"));
    Broker leases = client.broker(Retention.defaults());

    List<LeasedJob> leased = new ArrayList<>();
    while (leased.size() < N) {
      List<LeasedJob> got = leases.fetch("default", Integer.MAX_VALUE, "w", "t" + leased.size() + ":", LEASE).jobs();
      assertEquals(Math.min(Broker.MAX_FETCH, N - leased.size()), got.size(), "a fetch is capped, never fails");
      leased.addAll(got);
    }
    assertEquals(N, redis.raw().zcard("myrq:{default}:active"));

    List<Lease> held = leased.stream().map(l -> new Lease(l.id(), l.token())).toList();
    assertEquals(List.of(), leases.renew("default", held, LEASE));

    redis.raw().eval("for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do "
        + "redis.call('ZADD', KEYS[1], 0, id) end", io.lettuce.core.ScriptOutputType.STATUS,
        "myrq:{default}:active");
    Reaped reaped = leases.reap("default", 100, N);
    assertEquals(N, reaped.requeued().size());
    assertEquals(N, redis.raw().llen("myrq:{default}:queue"));

    leased.clear();
    while (leased.size() < N) {
      leased.addAll(leases.fetch("default", N, "w", "u" + leased.size() + ":", LEASE).jobs());
    }
    List<JobEnding> ends = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      LeasedJob l = leased.get(i);
      ends.add(i % 2 == 0
          ? new JobEnding(l.id(), l.token(), Outcome.FINISHED, "null", "", "", 0)
          : new JobEnding(l.id(), l.token(), Outcome.RETRY, "E: x", "", "{}", 0));
    }
    assertEquals(List.of(), leases.complete("default", ends).get());
    assertEquals(N / 2, redis.raw().zcard("myrq:{default}:finished"));
    assertEquals(N / 2, redis.raw().zcard("myrq:{default}:scheduled"));
    assertEquals(N / 2, leases.promote("default", N));
    assertEquals(N / 2, redis.raw().llen("myrq:{default}:queue"));

    leased.clear();
    while (leased.size() < N / 2) {
      leased.addAll(leases.fetch("default", N, "w", "v" + leased.size() + ":", LEASE).jobs());
    }
    ends.clear();
    leased.forEach(l -> ends.add(new JobEnding(l.id(), l.token(), Outcome.FAILED, "E: x", "", "{}", 0)));
    assertEquals(List.of(), leases.complete("default", ends).get());
    List<String> failed = redis.raw().zrange("myrq:{default}:failed", 0, -1);
    assertEquals(N / 2, failed.size());
    assertEquals(N / 2, client.requeue(failed).size());
    assertEquals(N / 2, redis.raw().llen("myrq:{default}:queue"));
    assertEquals(0L, redis.raw().zcard("myrq:{default}:active"));
    assertEquals(N, ids.size());
  }
}
