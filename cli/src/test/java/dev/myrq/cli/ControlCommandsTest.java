package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** cancel, delete, pause, resume, purge, wait and enqueue --wait through the myrq command. */
@ExtendWith(RedisExtension.class)
class ControlCommandsTest {
  @Test
  void cancel_prints_the_canceled_ids_and_names_unknown_and_ended_ones(TestRedis redis, MyrqClient client) {
    String queued = myrq(redis, "enqueue", "com.acme.Task.noop").line();
    String scheduled = myrq(redis, "enqueue", "--in", "1h", "com.acme.Task.noop").line();
    String finished = new Seed(client, redis).finished("1");

    Cli.Run run = myrq(redis, "cancel", queued, scheduled);
    assertEquals(0, run.code(), run.err());
    assertEquals(queued + "\n" + scheduled + "\n", run.out());
    assertEquals("canceled\n", myrq(redis, "status", queued).out());
    assertEquals(0L, redis.raw().llen("myrq:{default}:queue"));

    Cli.Run unknown = myrq(redis, "cancel", "no-such-id");
    assertEquals(3, unknown.code());
    assertEquals("", unknown.out());
    assertEquals("myrq: no such job: no-such-id\n", unknown.err());

    Cli.Run ended = myrq(redis, "cancel", "--json", finished);
    assertEquals(0, ended.code(), ended.err());
    assertEquals("myrq: job " + finished + " already ended (finished); left alone\n", ended.err());
    assertEquals("[{\"id\":\"" + finished + "\",\"was\":\"finished\"}]\n", ended.out());
    assertEquals(2, myrq(redis, "cancel").code(), "an id is required");
  }

  @Test
  void delete_removes_jobs_but_refuses_a_running_one(TestRedis redis, MyrqClient client) {
    String queued = myrq(redis, "enqueue", "com.acme.Task.noop").line();
    String running = myrq(redis, "enqueue", "com.acme.Task.noop").line();
    redis.raw().hset("myrq:{default}:job:" + running, "status", "started");

    Cli.Run run = myrq(redis, "delete", queued, running, "nope");
    assertEquals(3, run.code(), "the largest code of the failures");
    assertEquals(queued + "\n", run.out());
    assertEquals(
        "myrq: job " + running + " is running; cancel it first (myrq cancel " + running + ")\n"
            + "myrq: no such job: nope\n",
        run.err());
    assertEquals(3, myrq(redis, "status", queued).code());
    Cli.Run refused = myrq(redis, "delete", "--json", running);
    assertEquals(2, refused.code());
    assertEquals("[]\n", refused.out());
  }

  @Test
  void pause_and_resume_show_in_queues_and_name_unknown_queues(TestRedis redis) {
    myrq(redis, "enqueue", "com.acme.Task.noop");

    Cli.Run pause = myrq(redis, "pause", "default");
    assertEquals(0, pause.code(), pause.err());
    assertEquals("default paused\n", pause.out());
    assertTrue(myrq(redis, "queues").out().contains(" paused\n"));
    assertEquals("{\"queue\":\"default\",\"paused\":true}\n", myrq(redis, "pause", "--json", "default").out());

    assertEquals("default active\n", myrq(redis, "resume", "default").out());
    assertTrue(myrq(redis, "queues").out().contains(" active\n"));

    Cli.Run unknown = myrq(redis, "pause", "nosuch");
    assertEquals(3, unknown.code());
    assertEquals("myrq: no such queue: nosuch\n", unknown.err());
    Cli.Run bad = myrq(redis, "resume", "bad name");
    assertEquals(2, bad.code());
    assertEquals(1, bad.err().lines().count(), bad.err());
  }

  @Test
  void purge_asks_first_and_yes_skips_the_question(TestRedis redis, MyrqClient client) {
    myrq(redis, "enqueue", "com.acme.Task.noop");
    myrq(redis, "enqueue", "--in", "1h", "com.acme.Task.noop");
    new Seed(client, redis).failed("default", "E: x");
    List<String> base = List.of("--redis", redis.url(), "purge", "default");

    Cli.Run no = Cli.run(Map.of(), "n\n", args(base));
    assertEquals(2, no.code());
    assertEquals(
        "Delete 2 waiting job(s) of queue default? [y/N] myrq: purge not confirmed; nothing deleted "
            + "(--yes skips the question)\n",
        no.err());
    assertEquals(1L, redis.raw().llen("myrq:{default}:queue"));
    assertEquals(2, Cli.run(Map.of(), "", args(base)).code(), "no answer is no");

    Cli.Run yes = Cli.run(Map.of(), "y\n", args(base));
    assertEquals(0, yes.code(), yes.err());
    assertEquals("2\n", yes.out());

    Cli.Run failed = myrq(redis, "purge", "default", "--failed", "--yes", "--json");
    assertEquals("{\"queue\":\"default\",\"target\":\"failed\",\"deleted\":1}\n", failed.out());
    assertEquals(2, myrq(redis, "purge", "default", "--failed", "--finished", "--yes").code());
    assertEquals(3, myrq(redis, "purge", "nosuch", "--yes").code());
  }

  @Test
  void enqueue_wait_prints_the_result_when_the_job_finishes(TestRedis redis) throws Exception {
    CompletableFuture<Cli.Run> run =
        CompletableFuture.supplyAsync(() -> myrq(redis, "enqueue", "--wait", "com.acme.Task.add", "2", "3"));
    String id = awaitWatchedJob(redis);
    end(redis, id, Map.of("status", "finished", "result", "5"));

    Cli.Run done = run.get(20, TimeUnit.SECONDS);
    assertEquals(0, done.code(), done.err());
    assertEquals("5\n", done.out());
  }

  @Test
  void wait_exits_with_the_code_of_how_the_jobs_ended(TestRedis redis, MyrqClient client) throws Exception {
    String failed = myrq(redis, "enqueue", "com.acme.Task.fail", "x").line();
    String canceled = myrq(redis, "enqueue", "com.acme.Task.noop").line();
    CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> myrq(redis, "wait", failed, canceled));
    awaitWatchedJob(redis);
    end(redis, failed, Map.of("status", "failed", "error", "java.lang.IllegalStateException: x"));
    awaitWatchedJob(redis);
    client.cancel(canceled);

    Cli.Run done = run.get(20, TimeUnit.SECONDS);
    assertEquals(7, done.code(), "canceled (7) outranks failed (5)");
    assertEquals(
        "myrq: job " + failed + " failed: java.lang.IllegalStateException: x\n"
            + "myrq: job " + canceled + " was canceled\n",
        done.err());
    assertEquals(5, myrq(redis, "wait", failed).code());
  }

  @Test
  void wait_gives_up_after_its_timeout_and_names_unknown_ids(TestRedis redis) {
    String id = myrq(redis, "enqueue", "com.acme.Task.noop").line();

    Cli.Run run = myrq(redis, "enqueue", "--wait", "--wait-timeout", "300ms", "com.acme.Task.noop");
    assertEquals(8, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().matches("myrq: job \\S+ did not end within 300ms \\(still queued\\)\n"), run.err());
    assertEquals(8, myrq(redis, "wait", "--timeout", "0.2", id).code());

    Cli.Run unknown = myrq(redis, "wait", "nope");
    assertEquals(3, unknown.code());
    assertEquals("myrq: no such job: nope\n", unknown.err());
    assertEquals(2, myrq(redis, "enqueue", "--wait-timeout", "1s", "com.acme.Task.noop").code());
  }

  /** Wait until a job has the notify field set (a waiter watches it); return its id. */
  private static String awaitWatchedJob(TestRedis redis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      for (String key : redis.raw().keys("myrq:{default}:job:*")) {
        Map<String, String> h = redis.raw().hgetall(key);
        if (h.containsKey("notify") && !JobStatus.fromWord(h.get("status")).isTerminal()) {
          return key.substring(key.lastIndexOf(':') + 1);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no job got watched");
  }

  /** End a job as a worker's completion would: write its end, then publish its id to the waiters. */
  private static void end(TestRedis redis, String id, Map<String, String> fields) {
    redis.raw().hset("myrq:{default}:job:" + id, fields);
    redis.raw().publish("myrq:{default}:ended", id);
  }

  private static String[] args(List<String> l) {
    return l.toArray(new String[0]);
  }
}
