package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.json.Json;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class StatusAndInspectTest {
  private static final String ENDED = Instant.ofEpochMilli(Seed.ENDED_MS).toString();

  @Test
  void status_of_a_new_job_is_queued(TestRedis redis) {
    String id = myrq(redis, "enqueue", "com.acme.Task.noop").line();

    Cli.Run run = myrq(redis, "status", id);
    assertEquals(0, run.code());
    assertEquals("queued\n", run.out());
    assertEquals("", run.err());
  }

  @Test
  void status_of_a_delayed_job_is_scheduled(TestRedis redis) {
    String id = myrq(redis, "enqueue", "--in", "10m", "com.acme.Task.noop").line();

    assertEquals("scheduled\n", myrq(redis, "status", id).out());
  }

  @Test
  void status_of_finished_and_failed_jobs(TestRedis redis, MyrqClient client) {
    Seed seed = new Seed(client, redis);

    assertEquals("finished\n", myrq(redis, "status", seed.finished("5")).out());
    assertEquals("failed\n", myrq(redis, "status", seed.failed("default", "IllegalStateException: boom")).out());
  }

  @Test
  void status_of_an_expired_job_says_its_result_expired(TestRedis redis, MyrqClient client) {
    String id = new Seed(client, redis).expiredFinished();

    Cli.Run run = myrq(redis, "status", id);
    assertEquals(0, run.code());
    assertEquals("finished (result expired)\n", run.out());
  }

  @Test
  void unknown_id_exits_3_with_one_line_and_no_stack_trace(TestRedis redis) {
    for (String command : new String[] {"status", "inspect"}) {
      Cli.Run run = myrq(redis, command, "nope");
      assertEquals(3, run.code());
      assertEquals("", run.out());
      assertEquals("myrq: no such job: nope\n", run.err());
    }
  }

  @Test
  void inspect_shows_every_field_of_a_queued_job(TestRedis redis, MyrqClient client) {
    String id = myrq(redis, "enqueue", "--timeout", "1.5", "com.acme.Task.add", "2", "3").line();
    String created = client.job(id).createdAt().toString();

    Cli.Run run = myrq(redis, "inspect", id);

    assertEquals(0, run.code(), run.err());
    assertEquals(
        String.join(
            "\n",
            "id         " + id,
            "queue      default",
            "func       com.acme.Task.add",
            "args       [2,3]",
            "status     queued",
            "created    " + created,
            "enqueued   " + created,
            "due        -",
            "started    -",
            "ended      -",
            "timeout    1.5s",
            "retries    - (worker default)",
            "backoff    - (worker default)",
            "attempt    0",
            "crashes    0",
            "worker     -",
            "result     -",
            "error      -",
            "exc_info   -",
            "history    -",
            ""),
        run.out());
  }

  @Test
  void inspect_of_a_failed_job_shows_the_error_stack_trace_and_history(TestRedis redis, MyrqClient client) {
    String id = new Seed(client, redis).failed("default", "IllegalStateException: boom");

    String out = myrq(redis, "inspect", id).out();

    assertTrue(out.contains("\nstatus     failed\n"), out);
    assertTrue(out.contains("\nended      " + ENDED + "\n"), out);
    assertTrue(out.contains("\nerror      IllegalStateException: boom\n"), out);
    assertTrue(
        out.contains("\nexc_info\n  IllegalStateException: boom\n  \tat com.acme.Task.fail(Task.java:28)\n"), out);
    assertTrue(
        out.endsWith(
            "\nhistory\n  attempt 1: crashed on w0, "
                + Instant.ofEpochMilli(Seed.ENDED_MS - 9000)
                + " to "
                + Instant.ofEpochMilli(Seed.ENDED_MS - 5000)
                + ": lease expired\n"),
        out);
  }

  @Test
  void inspect_json_of_a_finished_job_has_the_result_as_a_number(TestRedis redis, MyrqClient client) {
    String id = new Seed(client, redis).finished("5");

    Cli.Run run = myrq(redis, "inspect", "--json", id);

    assertEquals(0, run.code(), run.err());
    assertEquals(1, run.out().lines().count());
    JsonObject o = Json.GSON.fromJson(run.out(), JsonObject.class);
    assertEquals(id, o.get("id").getAsString());
    assertEquals("finished", o.get("status").getAsString());
    assertTrue(o.get("result").getAsJsonPrimitive().isNumber(), run.out());
    assertEquals(5, o.get("result").getAsInt());
    assertEquals(2, o.getAsJsonArray("args").size(), run.out());
    assertEquals(ENDED, o.get("ended_at").getAsString());
    assertFalse(o.get("expired").getAsBoolean());
    assertFalse(o.has("due_at"), run.out());
  }

  @Test
  void inspect_json_keeps_a_null_result_and_embeds_a_malformed_one_as_a_string(TestRedis redis, MyrqClient client) {
    Seed seed = new Seed(client, redis);

    JsonObject voidJob = inspectJson(redis, seed.finished("null"));
    JsonObject odd = inspectJson(redis, seed.finished("{oops"));

    assertTrue(voidJob.has("result") && voidJob.get("result").isJsonNull());
    assertEquals("{oops", odd.get("result").getAsString());
  }

  @Test
  void inspect_of_an_expired_job_shows_what_is_left(TestRedis redis, MyrqClient client) {
    String id = new Seed(client, redis).expiredFinished();

    String out = myrq(redis, "inspect", id).out();
    JsonObject o = inspectJson(redis, id);

    assertTrue(out.contains("\nstatus     finished (result expired)\n"), out);
    assertTrue(out.contains("\nended      " + ENDED + "\n"), out);
    assertTrue(o.get("expired").getAsBoolean());
    assertEquals("finished", o.get("status").getAsString());
  }

  @Test
  void status_of_an_expired_failed_job_says_it_expired(TestRedis redis, MyrqClient client) {
    String id = new Seed(client, redis).failed("default", "E: x");
    redis.raw().del(redis.keys().job("default", id));

    assertEquals("failed (expired)\n", myrq(redis, "status", id).out());
  }

  @Test
  void inspect_without_id_lists_the_queues(TestRedis redis) {
    myrq(redis, "enqueue", "com.acme.Task.noop");

    assertEquals(myrq(redis, "queues").out(), myrq(redis, "inspect").out());
    assertEquals(myrq(redis, "queues", "--json").out(), myrq(redis, "inspect", "--json").out());
  }

  private static JsonObject inspectJson(TestRedis redis, String id) {
    return Json.GSON.fromJson(myrq(redis, "inspect", "--json", id).out(), JsonObject.class);
  }
}
