package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.json.Json;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** queues, failed and requeue. */
@ExtendWith(RedisExtension.class)
class QueueCommandsTest {
  private static final String ENDED = Instant.ofEpochMilli(Seed.ENDED_MS).toString();

  @Test
  void queues_lists_the_counts_of_every_queue(TestRedis redis, MyrqClient client) {
    myrq(redis, "enqueue", "com.acme.Task.noop");
    myrq(redis, "enqueue", "com.acme.Task.noop");
    myrq(redis, "enqueue", "--in", "1h", "com.acme.Task.noop");
    new Seed(client, redis).finished("1");
    new Seed(client, redis).failed("mail", "RuntimeException: x");

    Cli.Run run = myrq(redis, "queues");

    assertEquals(0, run.code(), run.err());
    assertEquals(
        "QUEUE    QUEUED  STARTED  SCHEDULED  FAILED  FINISHED  FINISHED_TOTAL  FAILED_TOTAL  STATE\n"
            + "default  2       0        1          0       1         1               0             active\n"
            + "mail     0       0        0          1       0         0               1             active\n",
        run.out());
  }

  @Test
  void queues_json_is_an_array_of_counts(TestRedis redis) {
    myrq(redis, "enqueue", "com.acme.Task.noop");

    Cli.Run run = myrq(redis, "queues", "--json");

    assertEquals(
        "[{\"name\":\"default\",\"queued\":1,\"started\":0,\"scheduled\":0,\"failed\":0,\"finished\":0,"
            + "\"finished_total\":0,\"failed_total\":0,\"paused\":false}]\n",
        run.out());
  }

  @Test
  void queues_with_no_jobs_prints_just_the_header(TestRedis redis) {
    assertEquals(
        "QUEUE  QUEUED  STARTED  SCHEDULED  FAILED  FINISHED  FINISHED_TOTAL  FAILED_TOTAL  STATE\n",
        myrq(redis, "queues").out());
  }

  @Test
  void failed_lists_one_line_per_failed_job(TestRedis redis, MyrqClient client) {
    Seed seed = new Seed(client, redis);
    String a = seed.failed("default", "IllegalStateException: boom");
    String b = seed.failed("mail", "TimeoutException: too slow");

    Cli.Run run = myrq(redis, "failed");

    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(3, lines.size(), run.out());
    assertEquals("ID" + " ".repeat(36) + "FUNC" + " ".repeat(16) + "ERROR" + " ".repeat(24) + "ENDED", lines.get(0));
    assertTrue(lines.contains(a + "  com.acme.Task.fail  IllegalStateException: boom  " + ENDED), run.out());
    assertTrue(lines.contains(b + "  com.acme.Task.fail  TimeoutException: too slow   " + ENDED), run.out());
  }

  @Test
  void failed_filters_by_queue_and_limits_the_count(TestRedis redis, MyrqClient client) {
    Seed seed = new Seed(client, redis);
    seed.failed("default", "E: 1");
    seed.failed("default", "E: 2");
    String mail = seed.failed("mail", "E: 3");

    assertEquals(2, myrq(redis, "failed", "--limit", "1").out().lines().count());
    JsonArray onlyMail = Json.GSON.fromJson(myrq(redis, "failed", "--queue", "mail", "--json").out(), JsonArray.class);
    assertEquals(1, onlyMail.size());
    JsonObject job = onlyMail.get(0).getAsJsonObject();
    assertEquals(mail, job.get("id").getAsString());
    assertEquals("E: 3", job.get("error").getAsString());
    assertEquals(ENDED, job.get("ended_at").getAsString());
  }

  @Test
  void failed_limit_below_one_is_a_usage_error(TestRedis redis) {
    Cli.Run run = myrq(redis, "failed", "--limit", "0");

    assertEquals(2, run.code());
    assertEquals("myrq: --limit must be 1 or more, got 0\ntry 'myrq failed --help'\n", run.err());
  }

  @Test
  void requeue_puts_failed_jobs_back_and_prints_their_ids(TestRedis redis, MyrqClient client) {
    String id = new Seed(client, redis).failed("default", "E: x");

    Cli.Run run = myrq(redis, "requeue", id);

    assertEquals(0, run.code(), run.err());
    assertEquals(id + "\n", run.out());
    assertEquals("", run.err());
    assertEquals(JobStatus.QUEUED, client.job(id).status());
    assertEquals(1, myrq(redis, "failed").out().lines().count(), "only the header is left");
  }

  @Test
  void requeue_of_an_id_that_is_not_failed_exits_3_and_names_it(TestRedis redis, MyrqClient client) {
    String failed = new Seed(client, redis).failed("default", "E: x");
    String queued = myrq(redis, "enqueue", "com.acme.Task.noop").line();

    Cli.Run run = myrq(redis, "requeue", failed, queued, "nope");

    assertEquals(3, run.code());
    assertEquals(failed + "\n", run.out());
    assertEquals("myrq: no failed job: " + queued + "\nmyrq: no failed job: nope\n", run.err());
    assertEquals(JobStatus.QUEUED, client.job(failed).status());
  }

  @Test
  void requeue_all_of_one_queue_leaves_the_others(TestRedis redis, MyrqClient client) {
    Seed seed = new Seed(client, redis);
    String a = seed.failed("default", "E: a");
    String b = seed.failed("default", "E: b");
    String mail = seed.failed("mail", "E: m");

    Cli.Run run = myrq(redis, "requeue", "--all", "--queue", "default");

    assertEquals(0, run.code(), run.err());
    assertEquals(Set.of(a, b), Set.copyOf(run.out().lines().toList()));
    assertEquals(JobStatus.FAILED, client.job(mail).status());
    assertEquals(mail + "\n", myrq(redis, "requeue", "--all").out());
  }

  @Test
  void requeue_needs_ids_or_all_but_not_both(TestRedis redis) {
    assertEquals("myrq: missing IDs (or --all)\ntry 'myrq requeue --help'\n", myrq(redis, "requeue").err());
    assertEquals(2, myrq(redis, "requeue", "--all", "x").code());
    assertEquals(2, myrq(redis, "requeue", "--queue", "q", "x").code());
  }
}
