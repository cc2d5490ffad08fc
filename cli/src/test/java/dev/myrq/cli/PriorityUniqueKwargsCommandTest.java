package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code myrq enqueue --priority, --unique-key/--unique-for, --kw/--kwargs-json} on a real Redis. */
@ExtendWith(RedisExtension.class)
class PriorityUniqueKwargsCommandTest {

  @Test
  void priority_is_stored_and_shown_by_inspect(TestRedis redis, MyrqClient client) {
    Cli.Run run = myrq(redis, "enqueue", "--priority", "5", "com.acme.Task.add", "1", "2");
    assertEquals(0, run.code(), run.err());
    assertEquals(5, client.job(run.line()).priority());
    assertEquals(1L, redis.raw().llen("myrq:{default}:queue:5"));
    assertTrue(myrq(redis, "inspect", "--json", run.line()).out().contains("\"priority\":5"));
  }

  @Test
  void priority_out_of_range_is_one_line_and_exit_2(TestRedis redis) {
    Cli.Run run = myrq(redis, "enqueue", "--priority", "11", "com.acme.Task.noop");
    assertEquals(2, run.code());
    assertEquals("myrq: priority must be from -10 to 10, got 11\n", run.err());
    assertTrue(redis.raw().keys("*").isEmpty());
  }

  @Test
  void second_enqueue_with_a_unique_key_prints_the_first_id_and_exits_0(TestRedis redis) {
    Cli.Run first = myrq(redis, "enqueue", "--unique-key", "report-42", "--unique-for", "10m", "com.acme.Task.noop");
    Cli.Run second = myrq(redis, "enqueue", "--unique-key", "report-42", "com.acme.Task.noop");
    assertEquals(0, first.code(), first.err());
    assertEquals(0, second.code(), second.err());
    assertEquals(first.out(), second.out());
    assertEquals(1L, redis.raw().llen("myrq:{default}:queue"));
    Cli.Run other = myrq(redis, "enqueue", "--unique-key", "report-43", "com.acme.Task.noop");
    assertNotEquals(first.out(), other.out());
  }

  @Test
  void unique_for_without_a_key_is_a_usage_error(TestRedis redis) {
    Cli.Run run = myrq(redis, "enqueue", "--unique-for", "10m", "com.acme.Task.noop");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("myrq: --unique-for needs --unique-key\n"), run.err());
  }

  @Test
  void kw_and_kwargs_json_store_named_arguments(TestRedis redis, MyrqClient client) {
    Cli.Run kw = myrq(redis, "enqueue", "com.acme.Task.welcome", "--kw", "name=Ann", "--kw", "greeting=hi");
    assertEquals(0, kw.code(), kw.err());
    Job job = client.job(kw.line());
    assertEquals("{\"name\":\"Ann\",\"greeting\":\"hi\"}", job.kwargs());
    assertEquals("[]", job.args());

    Cli.Run json = myrq(redis, "enqueue", "--kwargs-json", "{\"name\":\"Bo\",\"greeting\":\"yo\"}", "com.acme.Task.welcome");
    assertEquals(0, json.code(), json.err());
    assertEquals("{\"name\":\"Bo\",\"greeting\":\"yo\"}", client.job(json.line()).kwargs());
  }

  @Test
  void malformed_named_arguments_are_one_line_and_exit_2(TestRedis redis) {
    Cli.Run noEquals = myrq(redis, "enqueue", "com.acme.Task.welcome", "--kw", "Ann");
    assertEquals(2, noEquals.code());
    assertEquals("myrq: --kw takes NAME=VALUE, got 'Ann'\n", noEquals.err());
    Cli.Run notObject = myrq(redis, "enqueue", "--kwargs-json", "[1]", "com.acme.Task.welcome");
    assertEquals(2, notObject.code());
    assertEquals("myrq: kwargs must be a JSON object, got: [1]\n", notObject.err());
    Cli.Run both = myrq(redis, "enqueue", "--kwargs-json", "{}", "--kw", "a=1", "com.acme.Task.welcome");
    assertEquals(2, both.code());
    assertTrue(redis.raw().keys("*").isEmpty());
  }

  @Test
  void enqueue_from_takes_priority_unique_key_and_kwargs(TestRedis redis, MyrqClient client) {
    String lines = "{\"func\":\"com.acme.Task.welcome\",\"kwargs\":{\"name\":\"Ann\",\"greeting\":\"hi\"},\"priority\":3}\n"
        + "{\"func\":\"com.acme.Task.noop\",\"unique_key\":\"k\"}\n"
        + "{\"func\":\"com.acme.Task.noop\",\"unique_key\":\"k\"}\n";
    Cli.Run run = Cli.run(java.util.Map.of(), lines, "--redis", redis.url(), "enqueue", "--from", "-");
    assertEquals(0, run.code(), run.err());
    String[] ids = run.out().split("\n");
    assertEquals(3, client.job(ids[0]).priority());
    assertEquals(ids[1], ids[2]);
  }
}
