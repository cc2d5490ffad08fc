package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisExtension.class)
class EnqueueCommandTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n";

  @Test
  void prefix_option_uses_the_workers_key_prefix(TestRedis redis) {
    Cli.Run run = Cli.run("--redis", redis.url(), "--prefix", "acme", "enqueue", "com.acme.Task.noop");

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of(run.line()), redis.raw().lrange("acme:{default}:queue", 0, -1));
    assertEquals("queued\n", Cli.run("--redis", redis.url(), "--prefix", "acme", "status", run.line()).out());
    assertEquals(3, Cli.run("--redis", redis.url(), "status", run.line()).code(), "not under the default prefix");
  }

  @Test
  void enqueue_prints_only_the_id(TestRedis redis, MyrqClient client) {
    Cli.Run run = myrq(redis, "enqueue", "com.acme.Task.add", "2", "3");

    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().matches(UUID), run.out());
    assertEquals("", run.err());
    Job job = client.job(run.line());
    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals("com.acme.Task.add", job.func());
    assertEquals("[2,3]", job.args());
    assertEquals("default", job.queue());
  }

  @Test
  void each_arg_is_its_json_value_or_else_a_plain_string(TestRedis redis, MyrqClient client) {
    String id =
        myrq(redis, "enqueue", "com.acme.Task.run", "hello", "\"hi\"", "5", "-1.5", "true", "null", "[1,2]",
                "{\"a\":1}", "it's", "[1,", "", "1 2", "0123")
            .line();

    assertEquals(
        "[\"hello\",\"hi\",5,-1.5,true,null,[1,2],{\"a\":1},\"it's\",\"[1,\",\"\",\"1 2\",\"0123\"]",
        client.job(id).args());
  }

  @Test
  void enqueue_without_args_stores_an_empty_array(TestRedis redis, MyrqClient client) {
    assertEquals("[]", client.job(myrq(redis, "enqueue", "com.acme.Task.noop").line()).args());
  }

  @Test
  void args_json_is_stored_exactly(TestRedis redis, MyrqClient client) {
    Cli.Run run = myrq(redis, "enqueue", "--args-json", "[\"5\",5,{\"k\":[null]}]", "com.acme.Task.run");

    assertEquals(0, run.code(), run.err());
    assertEquals("[\"5\",5,{\"k\":[null]}]", client.job(run.line()).args());
  }

  @Test
  void options_set_queue_timeout_retries_and_backoff(TestRedis redis, MyrqClient client) {
    String id =
        myrq(redis, "enqueue", "--queue", "mail", "--timeout", "1.5", "--retries", "0", "--backoff", "2m",
                "com.acme.Task.noop")
            .line();

    Job job = client.job(id);
    assertEquals("mail", job.queue());
    assertEquals(Duration.ofMillis(1500), job.timeout());
    assertEquals(0, job.retries());
    assertEquals(Duration.ofMinutes(2), job.backoff());
    assertEquals(List.of(id), redis.raw().lrange(redis.keys().queue("mail"), 0, -1));
  }

  @Test
  void in_puts_the_job_in_the_schedule(TestRedis redis, MyrqClient client) {
    Instant before = Instant.now();
    String id = myrq(redis, "enqueue", "--in", "1h", "com.acme.Task.noop").line();

    Job job = client.job(id);
    assertEquals(JobStatus.SCHEDULED, job.status());
    assertTrue(!job.dueAt().isBefore(before.plusSeconds(3600)), job.dueAt().toString());
    assertTrue(job.dueAt().isBefore(Instant.now().plusSeconds(3601)), job.dueAt().toString());
    assertEquals(1L, redis.raw().zcard(redis.keys().scheduled("default")));
    assertEquals(0L, redis.raw().llen(redis.keys().queue("default")));
  }

  @Test
  void at_schedules_the_job_for_that_instant(TestRedis redis, MyrqClient client) {
    String id = myrq(redis, "enqueue", "--at", "2100-01-31T10:00:00+01:00", "com.acme.Task.noop").line();

    Job job = client.job(id);
    assertEquals(JobStatus.SCHEDULED, job.status());
    assertEquals(Instant.parse("2100-01-31T09:00:00Z"), job.dueAt());
  }

  @Test
  void from_file_enqueues_one_job_per_line_and_prints_their_ids(
      TestRedis redis, MyrqClient client, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("jobs.jsonl");
    Files.writeString(
        file,
        "{\"func\":\"com.acme.Task.add\",\"args\":[1,2]}\n"
            + "\n"
            + "{\"func\":\"com.acme.Task.noop\",\"queue\":\"slow\",\"timeout\":2.5,\"retries\":1}\n"
            + "{\"func\":\"com.acme.Task.run\",\"args\":[\"x\"]}\n");

    Cli.Run run = myrq(redis, "enqueue", "--retries", "7", "--from", file.toString());

    assertEquals(0, run.code(), run.err());
    List<String> ids = run.out().lines().toList();
    assertEquals(3, ids.size());
    assertEquals("[1,2]", client.job(ids.get(0)).args());
    assertEquals(7, client.job(ids.get(0)).retries());
    Job second = client.job(ids.get(1));
    assertEquals("slow", second.queue());
    assertEquals(Duration.ofMillis(2500), second.timeout());
    assertEquals(1, second.retries());
    assertEquals("[\"x\"]", client.job(ids.get(2)).args());
  }

  @Test
  void from_stdin_reads_the_same_format(TestRedis redis, MyrqClient client) {
    Cli.Run run =
        Cli.run(Map.of(), "{\"func\":\"com.acme.Task.add\",\"args\":[4,5]}\n", "--redis", redis.url(), "enqueue",
            "--from", "-");

    assertEquals(0, run.code(), run.err());
    assertEquals("[4,5]", client.job(run.line()).args());
  }

  @Test
  void a_bad_line_is_reported_by_number_and_nothing_is_enqueued(TestRedis redis, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("jobs.jsonl");
    Files.writeString(
        file,
        "{\"func\":\"com.acme.Task.add\",\"args\":[1,2]}\n"
            + "{\"func\":\"com.acme.Task.add\",\"args\":[1,2]}\n"
            + "{\"func\":\"com.acme.Task.add\",\"args\":\"1,2\"}\n");

    Cli.Run run = myrq(redis, "enqueue", "--from", file.toString());

    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertEquals("myrq: line 3: 'args' must be a JSON array\n", run.err());
    assertTrue(redis.raw().keys("*").isEmpty(), redis.raw().keys("*").toString());
  }

  @Test
  void bad_lines_name_what_is_wrong(TestRedis redis, @TempDir Path dir) throws IOException {
    assertEquals("myrq: line 1: not valid JSON: {func:\n", fromLine(redis, dir, "{func:").err());
    assertEquals("myrq: line 1: 'func' is missing\n", fromLine(redis, dir, "{\"args\":[]}").err());
    assertEquals(
        "myrq: line 1: unknown field 'queu'; fields are",
        fromLine(redis, dir, "{\"func\":\"a.b\",\"queu\":\"x\"}").err().substring(0, 46));
    assertTrue(fromLine(redis, dir, "{\"func\":\"Task\"}").err().startsWith("myrq: line 1: func 'Task' is not"));
    assertEquals(
        "myrq: line 1: 'retries' must be an integer\n",
        fromLine(redis, dir, "{\"func\":\"a.b\",\"retries\":1.5}").err());
  }

  private static Cli.Run fromLine(TestRedis redis, Path dir, String line) throws IOException {
    Path file = Files.writeString(dir.resolve("one.jsonl"), line + "\n");
    Cli.Run run = myrq(redis, "enqueue", "--from", file.toString());
    assertEquals(2, run.code(), run.err());
    return run;
  }

  @Test
  void enqueue_that_no_replica_confirms_exits_9_with_one_line_and_prints_no_id(TestRedis redis) {
    Cli.Run one = myrq(redis, "--min-replicas", "1", "enqueue", "com.acme.Task.noop");

    assertEquals(9, one.code(), one.err());
    assertEquals("", one.out());
    assertTrue(one.err().matches("myrq: job [0-9a-f-]{36} reached the Redis master, but 0 of 1 replicas "
        + "confirmed the write \\(WAIT gave up after 1500 ms\\): lost if the master fails before a replica has it, "
        + "else kept\n"),
        one.err());

    Cli.Run bulk = Cli.run(Map.of("MYRQ_REDIS_URL", redis.url(), "MYRQ_MIN_REPLICAS", "1"),
        "{\"func\":\"com.acme.Task.noop\"}\n{\"func\":\"com.acme.Task.noop\"}\n", "enqueue", "--from", "-");
    assertEquals(9, bulk.code(), bulk.err());
    assertEquals("", bulk.out());
    assertTrue(bulk.err().startsWith("myrq: 2 jobs reached the Redis master"), bulk.err());
  }

  @Test
  void min_replicas_out_of_range_is_bad_input(TestRedis redis) {
    Cli.Run run = myrq(redis, "--min-replicas", "-1", "enqueue", "com.acme.Task.noop");

    assertEquals(2, run.code(), run.err());
    assertEquals("myrq: min replicas (--min-replicas, MYRQ_MIN_REPLICAS) must be from 0 to 100, got -1\n", run.err());
  }
}
