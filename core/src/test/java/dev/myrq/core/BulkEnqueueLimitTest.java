package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bulk enqueue checks every request, the payload limit included, before it writes any. */
@ExtendWith(RedisExtension.class)
class BulkEnqueueLimitTest {
  @Test
  void a_job_over_the_payload_limit_late_in_a_bulk_enqueue_writes_nothing(TestRedis redis) {
    try (MyrqClient client = MyrqClient.connect(RedisSettings.of(redis.url()), 100)) {
      List<JobRequest> requests = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        requests.add(JobRequest.of("com.acme.Task.noop"));
      }
      requests.add(JobRequest.of("com.acme.Task.run", "x".repeat(200)));
      InvalidJobException e = assertThrows(InvalidJobException.class, () -> client.enqueueMany(requests));
      assertTrue(e.getMessage().startsWith("job 1201: "), e.getMessage());
      assertEquals(0, redis.raw().llen("myrq:{default}:queue"));
    }
  }
}
