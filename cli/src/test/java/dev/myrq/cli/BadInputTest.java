package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input exits 2 with one line (and a hint for usage errors), writes nothing to stdout and nothing to Redis. */
@ExtendWith(RedisExtension.class)
class BadInputTest {

  @Test
  void malformed_args_json_exits_2(TestRedis redis) {
    assertRefused(redis, "myrq: args are not valid JSON: [1,\n", "enqueue", "--args-json", "[1,", "a.B.c");
  }

  @Test
  void args_json_that_is_not_an_array_exits_2(TestRedis redis) {
    assertRefused(
        redis, "myrq: args must be a JSON array, got: {\"a\":1}\n", "enqueue", "--args-json", "{\"a\":1}", "a.B.c");
  }

  @Test
  void func_that_is_not_class_and_method_exits_2(TestRedis redis) {
    assertRefused(
        redis,
        "myrq: func 'add' is not a Java class and method name such as com.acme.Task.run\n",
        "enqueue",
        "add");
  }

  @Test
  void bad_queue_name_exits_2(TestRedis redis) {
    Cli.Run run = myrq(redis, "enqueue", "--queue", "a b", "a.B.c");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("myrq: queue name 'a b' must be"), run.err());
  }

  @Test
  void negative_retries_exit_2(TestRedis redis) {
    assertRefused(redis, "myrq: retries must be 0 or more, got -1\n", "enqueue", "--retries", "-1", "a.B.c");
  }

  @Test
  void missing_func_or_id_is_a_usage_error(TestRedis redis) {
    assertRefused(redis, "myrq: missing FUNC (or --from FILE)\ntry 'myrq enqueue --help'\n", "enqueue");
    assertRefused(redis, "myrq: Missing required parameter: 'ID'\ntry 'myrq status --help'\n", "status");
  }

  @Test
  void args_json_with_positional_args_is_a_usage_error(TestRedis redis) {
    assertRefused(
        redis,
        "myrq: --args-json cannot be combined with ARGs\ntry 'myrq enqueue --help'\n",
        "enqueue", "--args-json", "[1]", "a.B.c", "2");
  }

  @Test
  void in_and_at_together_are_a_usage_error(TestRedis redis) {
    assertRefused(
        redis,
        "myrq: --in and --at cannot be combined\ntry 'myrq enqueue --help'\n",
        "enqueue", "--in", "1m", "--at", "2100-01-01T00:00:00Z", "a.B.c");
  }

  @Test
  void malformed_duration_names_the_option_and_the_formats(TestRedis redis) {
    assertRefused(
        redis,
        "myrq: Invalid value for option '--timeout': '10 minutes' is not a duration; "
            + "use e.g. 500ms, 30s, 10m, 2h, 1d or seconds (1.5)\ntry 'myrq enqueue --help'\n",
        "enqueue", "--timeout", "10 minutes", "a.B.c");
  }

  @Test
  void malformed_time_names_the_option(TestRedis redis) {
    assertRefused(
        redis,
        "myrq: Invalid value for option '--at': 'tomorrow' is not an ISO-8601 time with a zone, "
            + "such as 2030-01-31T09:00:00Z\ntry 'myrq enqueue --help'\n",
        "enqueue", "--at", "tomorrow", "a.B.c");
  }

  @Test
  void unknown_option_is_a_usage_error(TestRedis redis) {
    assertRefused(redis, "myrq: Unknown option: '--bogus'\ntry 'myrq queues --help'\n", "queues", "--bogus");
  }

  @Test
  void missing_from_file_exits_2(TestRedis redis) {
    assertRefused(redis, "myrq: no such file: no/such.jsonl\n", "enqueue", "--from", "no/such.jsonl");
  }

  private static void assertRefused(TestRedis redis, String err, String... args) {
    Cli.Run run = myrq(redis, args);
    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out());
    assertEquals(err, run.err());
    assertTrue(redis.raw().keys("*").isEmpty(), redis.raw().keys("*").toString());
  }
}
