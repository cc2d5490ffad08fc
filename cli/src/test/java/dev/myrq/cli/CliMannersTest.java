package dev.myrq.cli;

import static dev.myrq.cli.Cli.myrq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.Retention;
import dev.myrq.core.WorkerInfo;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command's manners: options anywhere, suggestions for typos, --json everywhere, readable tables. */
@ExtendWith(RedisExtension.class)
class CliMannersTest {
  @Test
  void global_options_work_after_the_subcommand_too(TestRedis redis) {
    String id = Cli.run("enqueue", "com.acme.Task.noop", "--redis", redis.url()).line();
    Cli.Run run = Cli.run("status", id, "--redis", redis.url());
    assertEquals(0, run.code(), run.err());
    assertEquals("queued\n", run.out());
    assertEquals(0, Cli.run("queues", "--prefix", "myrq", "--redis", redis.url(), "--verbose").code());
    assertEquals("queued\n", Cli.run("--redis", redis.url(), "status", id).out(), "and before it, as before");
  }

  @Test
  void a_mistyped_command_gets_did_you_mean() {
    Cli.Run run = Cli.run("stauts", "abc");
    assertEquals(2, run.code());
    assertEquals("myrq: unknown command 'stauts'; did you mean 'status'?\ntry 'myrq --help'\n", run.err());
    assertEquals("myrq: unknown command 'que'; did you mean 'queues'?\ntry 'myrq --help'\n",
        Cli.run("que").err());
    assertTrue(Cli.run("xyzzy").err().startsWith("myrq: unknown command 'xyzzy'; commands: enqueue, status,"));
  }

  @Test
  void every_printing_command_takes_json(TestRedis redis, MyrqClient client) {
    String enqueued = myrq(redis, "enqueue", "--json", "com.acme.Task.noop").line();
    assertTrue(enqueued.matches("\\{\"id\":\"[0-9a-f-]{36}\"}"), enqueued);
    String id = enqueued.substring(7, 43);
    assertEquals("{\"id\":\"" + id + "\",\"status\":\"queued\",\"expired\":false}\n",
        myrq(redis, "status", "--json", id).out());
    String failed = new Seed(client, redis).failed("default", "E: x");
    assertEquals("[\"" + failed + "\"]\n", myrq(redis, "requeue", "--json", failed).out());
    for (String command : new String[] {"enqueue", "status", "inspect", "queues", "workers", "failed", "requeue",
        "cancel", "delete", "wait", "pause", "resume", "purge"}) {
      assertTrue(Cli.run(command, "--help").out().contains("--json"), command + " --help lists --json");
    }
  }

  @Test
  void the_workers_table_stays_one_short_line_at_concurrency_64(TestRedis redis, MyrqClient client) {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      jobs.add(java.util.UUID.randomUUID().toString());
    }
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    client.broker(Retention.defaults()).heartbeat(
        new WorkerInfo("host-a:123", "host-a", 123, List.of("default"), jobs, 64, 0, t, t, "0.1.0"),
        Duration.ofSeconds(30));
    client.broker(Retention.defaults()).heartbeat(
        new WorkerInfo("host-b:7", "host-b", 7, List.of("default"), jobs.subList(0, 2), 8, 0, t, t, "0.1.0"),
        Duration.ofSeconds(30));

    List<String> lines = myrq(redis, "workers").out().lines().toList();
    assertEquals(3, lines.size());
    assertTrue(lines.get(1).contains(" 64 jobs "), lines.get(1));
    assertTrue(lines.get(2).contains(" " + jobs.get(0).substring(0, 8) + "..," + jobs.get(1).substring(0, 8) + ".. "),
        lines.get(2));
    lines.forEach(l -> assertTrue(l.length() < 140, "short line: " + l.length() + ": " + l));
    assertTrue(myrq(redis, "workers", "--json").out().contains(jobs.get(63)), "--json keeps every id");
  }
}
