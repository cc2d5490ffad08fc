package dev.myrq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A time no epoch-millisecond field can hold is bad input (exit 2), not an internal error. */
@ExtendWith(RedisExtension.class)
class InstantRangeTest {
  @Test
  void enqueue_at_a_time_past_the_year_9999_exits_2_with_one_line(TestRedis redis) {
    for (String at : new String[] {"+300000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
      Cli.Run run = Cli.myrq(redis, "enqueue", "--at", at, "com.acme.Task.add", "1", "2");
      assertEquals(2, run.code(), run.err());
      assertTrue(run.err().contains("out of range"), run.err());
      assertEquals("", run.out());
    }
  }
}
